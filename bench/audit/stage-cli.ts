/**
 * @module Runs one audit stage on a folder and prints its totals and time, for the benchmarks:
 * `node --import tsx bench/audit/stage-cli.ts inventory|history <dir>`.
 */
import { defaultConfig } from '../../src/engines/audit/config.ts';
import { probeRepo } from '../../src/engines/audit/git.ts';
import { runHistory } from '../../src/engines/audit/history/history.ts';
import { runInventory } from '../../src/engines/audit/inventory/inventory.ts';
import type { SkipNote } from '../../src/engines/audit/types.ts';

const [stage, dir] = process.argv.slice(2);
if (!dir || (stage !== 'inventory' && stage !== 'history')) {
  process.stderr.write('usage: stage-cli.ts inventory|history <dir>\n');
  process.exit(2);
}
const config = defaultConfig();
// cloc reads files of any size; lift the limit so both count the same files.
config.thresholds.maxFileBytes = 1024 ** 3;
const probe = await probeRepo(dir);
const started = performance.now();
if (stage === 'inventory') {
  const inventory = await runInventory({ root: dir, isGitWorkTree: probe.isRepo, config });
  const sum = (key: 'code' | 'comment' | 'blank'): number =>
    inventory.files.reduce(
      (total, file) => total + (file.excluded === 'binary' ? 0 : file[key]),
      0,
    );
  process.stdout.write(
    `${JSON.stringify({ stage, ms: Math.round(performance.now() - started), files: inventory.files.length, code: sum('code'), comment: sum('comment'), blank: sum('blank') })}\n`,
  );
} else {
  const skipped: SkipNote[] = [];
  const history = await runHistory(
    { gitDir: dir, probe, config: { ...config, since: '100y' }, countedPaths: new Set() },
    skipped,
  );
  process.stdout.write(
    `${JSON.stringify({ stage, ms: Math.round(performance.now() - started), commits: history.commitsScanned, files: history.files.size, status: history.status })}\n`,
  );
}
