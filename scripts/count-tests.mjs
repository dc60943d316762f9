#!/usr/bin/env node
// Sums the vitest summaries ("Tests  3 failed | 40 passed | 2 skipped (45)") of every package in a
// turbo log and prints one closing line: "tests: N passed, N failed, N skipped".
import { readFileSync } from 'node:fs';

const log = readFileSync(process.argv[2], 'utf8').replace(/\u001b\[[0-9;]*m/g, '');
const totals = { passed: 0, failed: 0, skipped: 0 };
for (const line of log.split('\n')) {
  const summary = /^\S*\s+Tests\s+(.*)\(\d+\)\s*$/.exec(line);
  if (!summary) continue;
  for (const key of Object.keys(totals)) {
    const count = new RegExp(`(\\d+) ${key}`).exec(summary[1]);
    if (count) totals[key] += Number(count[1]);
  }
}
console.log(`tests: ${totals.passed} passed, ${totals.failed} failed, ${totals.skipped} skipped`);
