/**
 * @module Bench (bad input): a history with a very large number of commits. Reports time,
 * throughput and peak memory of `keel secrets --history`; memory must stay bounded.
 * Usage: node --import tsx bench/secrets/many-commits.ts [--commits N]   (default 1,000,000)
 */
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { scanSecrets } from '../../src/engines/secrets/scan.ts';
import { makeThinHistoryRepo } from './synthetic.ts';

const args = process.argv.slice(2);
const at = args.indexOf('--commits');
const commits = at === -1 ? 1_000_000 : Number(args[at + 1]);
const generated = performance.now();
const repo = makeThinHistoryRepo(join(tmpdir(), `keel-bench-thin-${commits}`), commits);
const generateMs = performance.now() - generated;

let peakRss = 0;
const sampler = setInterval(() => (peakRss = Math.max(peakRss, process.memoryUsage().rss)), 200);
let lastLog = 0;
const started = performance.now();
const result = await scanSecrets({
  root: repo,
  mode: 'history',
  onProgress: (stats) => {
    if (stats.commits - lastLog >= 100_000) {
      lastLog = stats.commits;
      process.stderr.write(
        `  ${stats.commits} commits, ${(stats.bytes / 1048576).toFixed(0)} MiB, rss ${(process.memoryUsage().rss / 1048576).toFixed(0)} MiB\n`,
      );
    }
  },
});
clearInterval(sampler);
if (!result.ok) throw new Error(result.error.messages.join('\n'));
const ms = performance.now() - started;
const { stats } = result.value;
console.log(
  JSON.stringify(
    {
      repo,
      commits: stats.commits,
      patchMiB: Number((stats.bytes / 1048576).toFixed(1)),
      keelMs: Math.round(ms),
      commitsPerSecond: Math.round(stats.commits / (ms / 1000)),
      findings: result.value.findings.length,
      peakRssMiB: Math.round(peakRss / 1048576),
      generateMs: Math.round(generateMs),
    },
    null,
    2,
  ),
);
