/**
 * @module Bench: `keel secrets --history` against `git log -p -U0 --all` on the same repository.
 * Usage: node --import tsx bench/secrets/history.ts [repo] [--commits N]
 * Without a repo, a synthetic one is generated once under the OS temp folder.
 */
import { spawnSync } from 'node:child_process';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { scanSecrets } from '../../src/engines/secrets/scan.ts';
import { makeHistoryRepo } from './synthetic.ts';

const args = process.argv.slice(2);
const commitsAt = args.indexOf('--commits');
const commits = commitsAt === -1 ? 20_000 : Number(args[commitsAt + 1]);
const repo =
  args[0] && !args[0].startsWith('--')
    ? args[0]
    : makeHistoryRepo(join(tmpdir(), `keel-bench-history-${commits}`), commits);

/** The baseline, piped into `wc -c` so its output is counted but never held in memory here. */
function timeGitLog(): { ms: number; bytes: number } {
  const started = performance.now();
  const run = spawnSync('sh', ['-c', 'git log -p -U0 --all --no-color | wc -c'], {
    cwd: repo,
    encoding: 'utf8',
  });
  return { ms: performance.now() - started, bytes: Number(run.stdout.trim()) };
}

const best = <T extends { ms: number }>(runs: T[]): T =>
  runs.reduce((a, b) => (b.ms < a.ms ? b : a));
const git = best([timeGitLog(), timeGitLog(), timeGitLog()]);
const keelRuns: { ms: number; findings: number; commits: number }[] = [];
for (let i = 0; i < 3; i++) {
  const started = performance.now();
  const result = await scanSecrets({ root: repo, mode: 'history' });
  if (!result.ok) throw new Error(result.error.messages.join('\n'));
  keelRuns.push({
    ms: performance.now() - started,
    findings: result.value.findings.length,
    commits: result.value.stats.commits,
  });
}
const keel = best(keelRuns);
const mib = git.bytes / 1048576;
console.log(
  JSON.stringify(
    {
      repo,
      commits: keel.commits,
      patchMiB: Number(mib.toFixed(1)),
      gitLogMs: Math.round(git.ms),
      keelMs: Math.round(keel.ms),
      ratio: Number((keel.ms / git.ms).toFixed(2)),
      keelMiBps: Number((mib / (keel.ms / 1000)).toFixed(1)),
      findings: keel.findings,
      maxRssMiB: Math.round(process.resourceUsage().maxRSS / 1024),
    },
    null,
    2,
  ),
);
