// Start-to-ready of `keel serve` on the embedded database: first run (creates the data
// directory) and second run (reopens it), both as `npm start` runs it (the esbuild bundle in
// dist/server) and through bin/keel.mjs (tsx), against the baseline of starting the CLI at all
// (`keel --help` through tsx), measured in the same script.
// Usage: node bench/foundation/startup.mjs [runs=3]
import { spawn } from 'node:child_process';
import { mkdtempSync, rmSync } from 'node:fs';
import os from 'node:os';
import path from 'node:path';
import { ensureServerBuilt } from '../../scripts/server-build.mjs';

const runs = Number(process.argv[2] ?? 3);

function timeUntil(args, env, pattern, entry = 'bin/keel.mjs') {
  return new Promise((resolve, reject) => {
    const started = performance.now();
    const child = spawn(process.execPath, [entry, ...args], {
      env: { ...process.env, LOG_LEVEL: 'warn', DATABASE_URL: '', ...env },
      stdio: ['ignore', 'pipe', 'inherit'],
    });
    let out = '';
    child.stdout.on('data', (d) => {
      out += d;
      if (pattern.test(out)) {
        const ms = performance.now() - started;
        child.kill('SIGTERM');
        child.on('exit', () => resolve(ms));
      }
    });
    child.on('exit', (code) => {
      if (!pattern.test(out)) reject(new Error(`exited ${code}`));
    });
  });
}

const median = (xs) => [...xs].sort((a, b) => a - b)[Math.floor(xs.length / 2)];
const bundle = await ensureServerBuilt();
const [baseline, first, second, bundledFirst, bundledSecond] = [[], [], [], [], []];
for (let i = 0; i < runs; i++) {
  baseline.push(await timeUntil(['--help'], {}, /Usage/));
  for (const [entry, firsts, seconds] of [
    [bundle, bundledFirst, bundledSecond],
    ['bin/keel.mjs', first, second],
  ]) {
    const dataDir = mkdtempSync(path.join(os.tmpdir(), 'keel-bench-start-'));
    const env = { KEEL_DATA_DIR: dataDir, PORT: '0' };
    firsts.push(await timeUntil(['serve'], env, /ready at/, entry));
    seconds.push(await timeUntil(['serve'], env, /ready at/, entry));
    rmSync(dataDir, { recursive: true, force: true });
  }
}
const row = (name, xs) =>
  `| ${name} | ${Math.round(median(xs))} ms | ${(median(xs) / median(baseline)).toFixed(1)}× |`;
console.log(`startup, median of ${runs} runs, ${os.cpus().length} cores\n`);
console.log('| what | time | vs CLI start |\n|---|---|---|');
console.log(row('CLI start (`keel --help`, baseline)', baseline));
console.log(row('npm start (bundle): first start, new data dir', bundledFirst));
console.log(row('npm start (bundle): second start, existing data dir', bundledSecond));
console.log(row('keel serve via tsx: first start', first));
console.log(row('keel serve via tsx: second start', second));
