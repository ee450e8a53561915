// Start-to-ready of `keel serve` on the embedded database: first run (creates the data
// directory) and second run (reopens it), against the baseline of starting the CLI at all
// (`keel --help`: Node + tsx + imports), measured in the same script.
// Usage: node bench/foundation/startup.mjs [runs=3]
import { spawn } from 'node:child_process';
import { mkdtempSync, rmSync } from 'node:fs';
import os from 'node:os';
import path from 'node:path';

const runs = Number(process.argv[2] ?? 3);

function timeUntil(args, env, pattern) {
  return new Promise((resolve, reject) => {
    const started = performance.now();
    const child = spawn(process.execPath, ['bin/keel.mjs', ...args], {
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
const baseline = [],
  first = [],
  second = [];
for (let i = 0; i < runs; i++) {
  baseline.push(await timeUntil(['--help'], {}, /Usage/));
  const dataDir = mkdtempSync(path.join(os.tmpdir(), 'keel-bench-start-'));
  first.push(await timeUntil(['serve'], { KEEL_DATA_DIR: dataDir, PORT: '0' }, /ready at/));
  second.push(await timeUntil(['serve'], { KEEL_DATA_DIR: dataDir, PORT: '0' }, /ready at/));
  rmSync(dataDir, { recursive: true, force: true });
}
const row = (name, xs) =>
  `| ${name} | ${Math.round(median(xs))} ms | ${(median(xs) / median(baseline)).toFixed(1)}× |`;
console.log(`startup, median of ${runs} runs, ${os.cpus().length} cores\n`);
console.log('| what | time | vs CLI start |\n|---|---|---|');
console.log(row('CLI start (`keel --help`, baseline)', baseline));
console.log(row('first start, new data dir', first));
console.log(row('second start, existing data dir', second));
