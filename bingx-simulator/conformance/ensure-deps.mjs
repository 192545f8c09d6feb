// Runs `npm ci` here only when node_modules does not match package-lock.json (as frontend/scripts/ensure-deps.mjs
// does for the dashboard), so repeated and parallel Maven builds do not reinstall or wipe node_modules.
import { createHash } from 'node:crypto';
import { existsSync, readFileSync, writeFileSync } from 'node:fs';
import { execSync } from 'node:child_process';

const lock = readFileSync('package-lock.json');
const wanted = createHash('sha256').update(lock).digest('hex');
const stamp = 'node_modules/.trenddesk-lock-sha256';
const have = existsSync(stamp) ? readFileSync(stamp, 'utf8').trim() : '';
if (have === wanted) {
  console.log('ccxt conformance: node_modules matches package-lock.json, npm ci skipped');
} else {
  console.log('ccxt conformance: npm ci');
  execSync('npm ci --no-audit --no-fund --ignore-scripts', { stdio: 'inherit' });
  writeFileSync(stamp, wanted + '\n');
}
