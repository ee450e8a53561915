#!/usr/bin/env node
// Line counting, Keel vs cloc on the same trees, in one run: both see the files git lists
// (cloc --vcs=git), both include process start-up. Keel runs two ways: through tsx, as
// `node bin/keel.mjs` does, and as JavaScript bundled by esbuild with the options of
// scripts/server-build.mjs, as `npm start` (dist/server) does. Runs are interleaved (cloc, keel,
// keel compiled, an empty node) so a change in the machine's load hits every side alike; the best
// of BENCH_RUNS (default 3) is kept for each. CPU seconds (user + system) are printed too: on a
// shared machine they move less with the load than wall time does.
// Usage: node bench/audit/line-count.mjs [dir ...]   (default: this repository)
import { existsSync } from 'node:fs';
import { loadavg } from 'node:os';
import { buildStageBundle, KEEL_STAGE, machine, measure } from './lib.mjs';

const dirs = process.argv.slice(2);
if (dirs.length === 0) dirs.push(process.cwd());
const runs = Number(process.env.BENCH_RUNS ?? 3);
const compiled = await buildStageBundle();
console.log(`machine: ${machine()}`);
for (const dir of dirs) {
  if (!existsSync(dir)) {
    console.log(`${dir}: missing, skipped`);
    continue;
  }
  const sides = {
    cloc: () => measure('cloc', ['--vcs=git', '--quiet', '--json'], { cwd: dir }),
    keel: () => measure('node', [...KEEL_STAGE, 'inventory', dir]),
    keelCompiled: () => measure('node', [compiled, 'inventory', dir]),
    nodeStart: () => measure('node', ['-e', '']),
  };
  const best = {};
  const cpu = {};
  const load = [loadavg()[0]];
  for (let run = 0; run < runs; run++)
    for (const [side, measureSide] of Object.entries(sides)) {
      const result = measureSide();
      if (!best[side] || result.seconds < best[side].seconds) best[side] = result;
      cpu[side] = +Math.min(cpu[side] ?? Infinity, result.cpuSeconds ?? Infinity).toFixed(2);
    }
  load.push(loadavg()[0]);
  const clocTotals = JSON.parse(best.cloc.stdout).SUM ?? {};
  const keelTotals = JSON.parse(best.keel.stdout);
  const compiledTotals = JSON.parse(best.keelCompiled.stdout);
  const seconds = (side) => +best[side].seconds.toFixed(2);
  const ratio = (keelSeconds) => +(best.cloc.seconds / keelSeconds).toFixed(1);
  console.log(
    JSON.stringify({
      tree: dir,
      load: load.map((value) => +value.toFixed(1)),
      files: {
        cloc: clocTotals.nFiles,
        keel: keelTotals.files,
        keelCompiled: compiledTotals.files,
      },
      code: { cloc: clocTotals.code, keel: keelTotals.code, keelCompiled: compiledTotals.code },
      comment: { cloc: clocTotals.comment, keel: keelTotals.comment },
      blank: { cloc: clocTotals.blank, keel: keelTotals.blank },
      seconds: {
        cloc: seconds('cloc'),
        keel: seconds('keel'),
        keelCompiled: seconds('keelCompiled'),
        keelInProcess: Math.min(keelTotals.ms, compiledTotals.ms) / 1000,
        nodeStart: seconds('nodeStart'),
      },
      cpuSeconds: cpu,
      ratio: {
        keel: ratio(best.keel.seconds),
        keelCompiled: ratio(best.keelCompiled.seconds),
        inProcess: ratio(Math.min(keelTotals.ms, compiledTotals.ms) / 1000),
        ceiling: ratio(best.nodeStart.seconds),
        cpuKeel: +(cpu.cloc / cpu.keel).toFixed(1),
        cpuKeelCompiled: +(cpu.cloc / cpu.keelCompiled).toFixed(1),
      },
    }),
  );
}
