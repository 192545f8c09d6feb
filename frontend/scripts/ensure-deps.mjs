// Runs `npm ci` only when node_modules does not match package-lock.json, so several Maven builds in one
// working tree (each with its own build folder) do not wipe node_modules under each other.
import { createHash } from 'node:crypto';
import { existsSync, readFileSync, writeFileSync } from 'node:fs';
import { execSync } from 'node:child_process';

const lock = readFileSync('package-lock.json');
const wanted = createHash('sha256').update(lock).digest('hex');
const stamp = 'node_modules/.trenddesk-lock-sha256';
const have = existsSync(stamp) ? readFileSync(stamp, 'utf8').trim() : '';
if (have === wanted) {
  console.log('frontend: node_modules matches package-lock.json, npm ci skipped');
} else {
  console.log('frontend: npm ci');
  execSync('npm ci --no-audit --no-fund', { stdio: 'inherit' });
  writeFileSync(stamp, wanted + '\n');
}
