#!/usr/bin/env node
// Full `keel audit` of generated repositories at 1/4, 1/2 and full size (20,000 files, 50,000
// commits): wall time, peak memory and per-stage times. Generates the repositories first when
// missing (deterministic, see generate-repo.mjs). Goal: under 60 s and 1 GB at full size.
// Usage: node bench/audit/full-audit.mjs [work-dir] [--config FILE]   (default: /tmp/keel-bench)
import { existsSync, readFileSync } from 'node:fs';
import { join } from 'node:path';
import { machine, measure } from './lib.mjs';

const configAt = process.argv.indexOf('--config');
const extra = configAt === -1 ? [] : ['--config', process.argv[configAt + 1]];
const work =
  process.argv[2] && !process.argv[2].startsWith('--') ? process.argv[2] : '/tmp/keel-bench';
const SIZES = [
  ['quarter', 5000, 12500],
  ['half', 10000, 25000],
  ['full', 20000, 50000],
];
const here = new URL('.', import.meta.url).pathname;
console.log(`machine: ${machine()}`);
for (const [name, files, commits] of SIZES) {
  const dir = join(work, name);
  if (!existsSync(join(dir, '.git'))) {
    const generated = measure('node', [
      join(here, 'generate-repo.mjs'),
      dir,
      '--files',
      String(files),
      '--commits',
      String(commits),
    ]);
    console.log(`generated ${name} in ${generated.seconds.toFixed(1)} s`);
  }
  const out = join(work, `${name}-report.json`);
  const run = measure('node', [
    join(here, '..', '..', 'bin', 'keel.mjs'),
    'audit',
    dir,
    '--format',
    'json',
    '--out',
    out,
    ...extra,
  ]);
  const report = JSON.parse(readFileSync(out, 'utf8'));
  console.log(
    JSON.stringify({
      size: name,
      files,
      commits,
      config: extra[1] ?? 'default',
      seconds: +run.seconds.toFixed(1),
      peakMiB: run.peakMiB && Math.round(run.peakMiB), // largest process: node or a child (jscpd, git)
      nodePeakMiB: report.peakRssMiB,
      stagesMs: report.durationsMs,
      score: report.score,
      functions: report.complexity.functions,
      duplication: report.duplication.percentage,
    }),
  );
}
