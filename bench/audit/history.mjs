#!/usr/bin/env node
// History pass, Keel (streamed parse with renames, mailmap, coupling, knowledge) vs plain
// `git log --numstat` piped to nowhere, on the same repository. Goal: within 2x.
// Usage: node bench/audit/history.mjs [repo ...]   (default: this repository)
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
  const plain = best(3, () =>
    measure('git', ['log', '--numstat', '--no-merges', 'HEAD'], {
      cwd: dir,
      stdio: ['ignore', 'ignore', 'pipe'],
    }),
  );
  const renames = best(3, () =>
    measure('git', ['log', '-M', '--numstat', '-z', '--no-merges', 'HEAD'], {
      cwd: dir,
      stdio: ['ignore', 'ignore', 'pipe'],
    }),
  );
  const keel = best(3, () => measure('node', [...KEEL_STAGE, 'history', dir]));
  const totals = JSON.parse(keel.stdout);
  console.log(
    JSON.stringify({
      repo: dir,
      commits: totals.commits,
      seconds: {
        gitLogNumstat: +plain.seconds.toFixed(2),
        gitLogWithRenames: +renames.seconds.toFixed(2),
        keel: +keel.seconds.toFixed(2),
        keelInProcess: totals.ms / 1000,
      },
      ratioToPlain: +(keel.seconds / plain.seconds).toFixed(2),
      peakMiB: keel.peakMiB && +keel.peakMiB.toFixed(0),
    }),
  );
}
