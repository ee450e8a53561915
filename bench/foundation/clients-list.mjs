// GET /api/v1/clients with 200 clients at 50 concurrent connections (autocannon), on the
// embedded database and on a PostgreSQL server, against GET /healthz on the same server as the
// baseline (HTTP + framework with no database work), in one script.
// Usage: node bench/foundation/clients-list.mjs [seconds=10] [postgres-url]
import { spawn } from 'node:child_process';
import { mkdtempSync, rmSync } from 'node:fs';
import os from 'node:os';
import path from 'node:path';
import pg from 'pg';
import autocannon from 'autocannon';

const seconds = Number(process.argv[2] ?? 10);
const pgUrl =
  process.argv[3] ?? process.env.TEST_DATABASE_URL ?? 'postgres://postgres@127.0.0.1:5432/test';

function serve(env) {
  const child = spawn(process.execPath, ['bin/keel.mjs', 'serve', '--no-worker'], {
    env: { ...process.env, LOG_LEVEL: 'warn', PORT: '0', ...env },
    stdio: ['ignore', 'pipe', 'inherit'],
  });
  return new Promise((resolve, reject) => {
    let out = '';
    child.stdout.on('data', (d) => {
      out += d;
      const m = /ready at (\S+)/.exec(out);
      if (m)
        resolve({
          url: m[1],
          stop: () =>
            new Promise((r) => {
              child.on('exit', r);
              child.kill('SIGTERM');
            }),
        });
    });
    child.on('exit', (code) => reject(new Error(`keel exited ${code}`)));
  });
}

async function prepare(url) {
  const setup = await fetch(`${url}/api/v1/setup`, {
    method: 'POST',
    headers: { 'content-type': 'application/json' },
    body: JSON.stringify({ name: 'Bench', email: 'bench@x.test', password: 'bench password' }),
  });
  const cookie = setup.headers.get('set-cookie').split(';')[0];
  const { csrfToken } = await setup.json();
  const tokenResponse = await fetch(`${url}/api/v1/tokens`, {
    method: 'POST',
    headers: { 'content-type': 'application/json', cookie, 'x-csrf-token': csrfToken },
    body: JSON.stringify({ name: 'bench' }),
  });
  const { token } = await tokenResponse.json();
  for (let i = 0; i < 200; i++) {
    await fetch(`${url}/api/v1/clients`, {
      method: 'POST',
      headers: { 'content-type': 'application/json', cookie, 'x-csrf-token': csrfToken },
      body: JSON.stringify({
        name: `Client ${String(i).padStart(3, '0')}`,
        stage: 'seed',
        stack: ['TypeScript', 'PostgreSQL'],
        blocker: 'Shipping takes too long.',
      }),
    });
  }
  return token;
}

/** Runs autocannon and also keeps every response time, for exact percentiles (p95 included). */
function load(url, token) {
  const times = [];
  const instance = autocannon({
    url,
    connections: 50,
    duration: seconds,
    headers: { authorization: `Bearer ${token}` },
  });
  instance.on('response', (_client, _status, _bytes, responseTime) => times.push(responseTime));
  return instance.then((result) => {
    times.sort((a, b) => a - b);
    const pct = (p) => times[Math.min(times.length - 1, Math.floor((p / 100) * times.length))];
    return { ...result, p50: pct(50), p95: pct(95), p99: pct(99) };
  });
}

async function measure(label, env) {
  const server = await serve(env);
  try {
    const token = await prepare(server.url);
    const base = await load(`${server.url}/healthz`, token);
    const list = await load(`${server.url}/api/v1/clients`, token);
    return [label, base, list];
  } finally {
    await server.stop();
  }
}

const results = [];
const dataDir = mkdtempSync(path.join(os.tmpdir(), 'keel-bench-list-'));
results.push(await measure('embedded (PGlite)', { KEEL_DATA_DIR: dataDir, DATABASE_URL: '' }));
rmSync(dataDir, { recursive: true, force: true });
const admin = new pg.Client({ connectionString: pgUrl });
await admin.connect();
await admin.query('drop database if exists keel_bench with (force)');
await admin.query('create database keel_bench');
const benchUrl = new URL(pgUrl);
benchUrl.pathname = '/keel_bench';
const keyDir = mkdtempSync(path.join(os.tmpdir(), 'keel-bench-key-'));
results.push(
  await measure('PostgreSQL server', { DATABASE_URL: benchUrl.toString(), KEEL_DATA_DIR: keyDir }),
);
await admin.query('drop database if exists keel_bench with (force)');
await admin.end();

console.log(
  `GET /api/v1/clients, 200 clients, 50 connections, ${seconds} s each, ${os.cpus().length} cores\n`,
);
console.log(
  '| database | /healthz req/s (baseline) | clients req/s | clients p50 | clients p95 | clients p99 | clients / baseline |\n|---|---|---|---|---|---|---|',
);
for (const [label, base, list] of results) {
  console.log(
    `| ${label} | ${Math.round(base.requests.average)} | ${Math.round(list.requests.average)} | ${list.p50.toFixed(1)} ms | ${list.p95.toFixed(1)} ms | ${list.p99.toFixed(1)} ms | ${(list.requests.average / base.requests.average).toFixed(2)} |`,
  );
  if (list.non2xx || list.errors)
    console.log(`  ${label}: ${list.non2xx} non-2xx, ${list.errors} errors`);
}
