#!/usr/bin/env node
// Line counting, Keel vs cloc on the same trees, in one run: both see the files git lists
// (cloc --vcs=git), both include process start-up. Prints a ratio per tree.
// Usage: node bench/audit/line-count.mjs [dir ...]   (default: this repository)
import { existsSync } from 'node:fs';
import { best, KEEL_STAGE, machine, measure } from './lib.mjs';

const dirs = process.argv.slice(2);
if (dirs.length === 0) dirs.push(process.cwd());
console.log(`machine: ${machine()}`);
for (const dir of dirs) {
  if (!existsSync(dir)) {
    console.log(`${dir}: missing, skipped`);
    continue;
  }
  const cloc = best(3, () => measure('cloc', ['--vcs=git', '--quiet', '--json'], { cwd: dir }));
  const keel = best(3, () => measure('node', [...KEEL_STAGE, 'inventory', dir]));
  const clocTotals = JSON.parse(cloc.stdout).SUM ?? {};
  const keelTotals = JSON.parse(keel.stdout);
  console.log(
    JSON.stringify({
      tree: dir,
      files: { cloc: clocTotals.nFiles, keel: keelTotals.files },
      code: { cloc: clocTotals.code, keel: keelTotals.code },
      comment: { cloc: clocTotals.comment, keel: keelTotals.comment },
      seconds: {
        cloc: +cloc.seconds.toFixed(2),
        keel: +keel.seconds.toFixed(2),
        keelInProcess: keelTotals.ms / 1000,
      },
      ratio: +(cloc.seconds / keel.seconds).toFixed(1),
    }),
  );
}
