// Runs `npm ci` in the current directory only when node_modules does not match package-lock.json, so several
// Maven builds in one working tree (each with its own build folder) do not reinstall or wipe node_modules
// under each other. Usage: node ensure-deps.mjs LABEL [extra npm ci flags...]
import { createHash } from 'node:crypto';
import { existsSync, readFileSync, writeFileSync } from 'node:fs';
import { execSync } from 'node:child_process';

const [label = 'npm', ...flags] = process.argv.slice(2);
const lock = readFileSync('package-lock.json');
const wanted = createHash('sha256').update(lock).digest('hex');
const stamp = 'node_modules/.trenddesk-lock-sha256';
const have = existsSync(stamp) ? readFileSync(stamp, 'utf8').trim() : '';
if (have === wanted) {
  console.log(`${label}: node_modules matches package-lock.json, npm ci skipped`);
} else {
  console.log(`${label}: npm ci`);
  execSync(['npm ci --no-audit --no-fund', ...flags].join(' '), { stdio: 'inherit' });
  writeFileSync(stamp, wanted + '\n');
}
