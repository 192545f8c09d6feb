// Writes the README's "Conformance with ccxt" table from known-differences.txt (run from this folder:
// `node update-readme.mjs`). CcxtConformanceTest checks that the two agree.
import { readFileSync, writeFileSync } from 'node:fs';

const readme = new URL('../../README.md', import.meta.url);
const rows = readFileSync(new URL('./known-differences.txt', import.meta.url), 'utf8')
  .split('\n')
  .map((line) => line.trim())
  .filter((line) => line && !line.startsWith('#'))
  .map((line) => {
    const bar = line.indexOf('|');
    return `| \`${line.slice(0, bar).trim()}\` | ${line.slice(bar + 1).trim()} |`;
  });
const table = ['| call | reason |', '|---|---|', ...rows].join('\n');
const text = readFileSync(readme, 'utf8');
const start = '<!-- ccxt-known-differences:start -->';
const end = '<!-- ccxt-known-differences:end -->';
const from = text.indexOf(start);
const to = text.indexOf(end);
if (from < 0 || to < from) throw new Error('README has no ccxt known-differences markers');
writeFileSync(readme, text.slice(0, from + start.length) + '\n' + table + '\n' + text.slice(to));
console.log(`README: ${rows.length} known difference(s)`);
