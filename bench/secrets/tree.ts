/**
 * @module Bench: working-tree scan against ripgrep running the same patterns on the same folder.
 * Usage: node --import tsx bench/secrets/tree.ts [folder] [--files N]
 * Without a folder, a synthetic source tree is generated once under the OS temp folder.
 * ripgrep only matches; keel also applies entropy, placeholder and allowance checks.
 * ripgrep runs with --no-unicode, which gives \w, \s and \b the ASCII meaning they have in
 * RE2; with Unicode classes the combined pattern set does not compile within 1 GiB. It runs
 * once (it is slow on this many patterns); --rg-one-thread adds a single-threaded run.
 * Multi-line patterns that spell a line break (nested YAML rules) are left out of ripgrep's set.
 */
import { spawnSync } from 'node:child_process';
import { writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { defaultRules } from '../../src/engines/secrets/rules/index.ts';
import { scanSecrets } from '../../src/engines/secrets/scan.ts';
import { makeTree } from './synthetic.ts';

const args = process.argv.slice(2);
const filesAt = args.indexOf('--files');
const files = filesAt === -1 ? 3000 : Number(args[filesAt + 1]);
const folder =
  args[0] && !args[0].startsWith('--')
    ? args[0]
    : makeTree(join(tmpdir(), `keel-bench-tree-${files}`), files);

const patternsFile = join(tmpdir(), 'keel-bench-patterns.txt');
// ripgrep matches line by line and refuses a pattern that spells a line break (the nested
// YAML rules, `parent:\n  child: value`); those few rules run in keel only.
const rgPatterns = defaultRules().flatMap((r) =>
  r.regex && !(r.isMultiline && r.regex.includes('\\n')) ? [r.regex] : [],
);
writeFileSync(patternsFile, rgPatterns.join('\n') + '\n');

function timeRipgrep(threads: number): { ms: number; matchingLines: number } {
  const started = performance.now();
  const run = spawnSync(
    'rg',
    [
      '--no-config',
      '--no-ignore',
      '--hidden',
      '--no-unicode',
      '-j',
      String(threads),
      '--regex-size-limit',
      '1G',
      '--dfa-size-limit',
      '1G',
      '-c',
      '--no-filename',
      '-f',
      patternsFile,
      folder,
    ],
    { encoding: 'utf8', maxBuffer: 1 << 28 },
  );
  if (run.error || (run.status !== 0 && run.status !== 1))
    throw new Error(`ripgrep failed: ${run.stderr || String(run.error)}`);
  const matchingLines = run.stdout
    .split('\n')
    .filter(Boolean)
    .reduce((sum, n) => sum + Number(n), 0);
  return { ms: performance.now() - started, matchingLines };
}

const best = <T extends { ms: number }>(runs: T[]): T =>
  runs.reduce((a, b) => (b.ms < a.ms ? b : a));
const rgAll = timeRipgrep(0);
const rgOne = args.includes('--rg-one-thread') ? timeRipgrep(1) : undefined;
const keelRuns: { ms: number; findings: number; mib: number; files: number }[] = [];
for (let i = 0; i < 3; i++) {
  const started = performance.now();
  const result = await scanSecrets({ root: folder, mode: 'tree' });
  if (!result.ok) throw new Error(result.error.messages.join('\n'));
  const { stats } = result.value;
  keelRuns.push({
    ms: performance.now() - started,
    findings: result.value.findings.length,
    mib: stats.bytes / 1048576,
    files: stats.files,
  });
}
const keel = best(keelRuns);
console.log(
  JSON.stringify(
    {
      folder,
      files: keel.files,
      MiB: Number(keel.mib.toFixed(1)),
      patterns: defaultRules().length,
      ripgrepPatterns: rgPatterns.length,
      ripgrepMs: Math.round(rgAll.ms),
      ripgrepOneThreadMs: rgOne ? Math.round(rgOne.ms) : undefined,
      keelMs: Math.round(keel.ms),
      ratioVsRipgrep: Number((keel.ms / rgAll.ms).toFixed(2)),
      ratioVsRipgrepOneThread: rgOne ? Number((keel.ms / rgOne.ms).toFixed(2)) : undefined,
      ripgrepMatchingLines: rgAll.matchingLines,
      keelFindings: keel.findings,
    },
    null,
    2,
  ),
);
