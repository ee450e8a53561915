// The monitors page in Chromium with 5,000 monitors (24 hourly rollups each) on the embedded
// database: time until usable = the first page of 50 rows rendered after navigation, plus the
// time from typing in the search box to the filtered list shown (200 ms debounce included).
// Baseline in the same run and on the same server: a client with 50 monitors (same 50 rows
// rendered), for the ratio. Also the list API alone (p50 of 20 requests) for both.
// Usage: npx tsx bench/monitoring/list-load.ts [monitors=5000] [runs=5]
import { spawn } from 'node:child_process';
import { randomUUID } from 'node:crypto';
import { mkdtempSync, rmSync } from 'node:fs';
import os from 'node:os';
import path from 'node:path';
import { openDatabase } from '../../src/server/db/database.ts';
import { monitorRollups, monitors } from '../../src/server/db/schema.ts';
import { bucketOf, emptyHistogram, encodeHistogram } from '../../src/server/monitoring/rollups.ts';
import { launchBrowser } from '../../test/browser/browser-harness.ts';

const total = Number(process.argv[2] ?? 5000);
const runs = Number(process.argv[3] ?? 5);
const baselineSize = 50;
const median = (xs: number[]) => [...xs].sort((a, b) => a - b)[Math.floor(xs.length / 2)]!;
const dataDir = mkdtempSync(path.join(os.tmpdir(), 'keel-bench-monlist-'));

function serve(): Promise<{ url: string; stop: () => Promise<void> }> {
  const child = spawn(process.execPath, ['bin/keel.mjs', 'serve'], {
    env: { ...process.env, LOG_LEVEL: 'warn', PORT: '0', KEEL_DATA_DIR: dataDir, DATABASE_URL: '' },
    stdio: ['ignore', 'pipe', 'inherit'],
  });
  return new Promise((resolve, reject) => {
    let out = '';
    child.stdout.on('data', (d: Buffer) => {
      out += d.toString();
      const m = /ready at (\S+)/.exec(out);
      if (m)
        resolve({
          url: m[1]!,
          stop: () =>
            new Promise<void>((r) => {
              child.once('exit', () => r());
              child.kill('SIGTERM');
            }),
        });
    });
    child.once('exit', (code) => reject(new Error(`keel exited ${code}`)));
  });
}

async function json<T>(url: string, init: RequestInit & { cookie?: string; csrf?: string }) {
  const response = await fetch(url, {
    ...init,
    headers: {
      'content-type': 'application/json',
      ...(init.cookie ? { cookie: init.cookie } : {}),
      ...(init.csrf ? { 'x-csrf-token': init.csrf } : {}),
    },
  });
  if (!response.ok) throw new Error(`${url}: ${response.status} ${await response.text()}`);
  return { body: (await response.json()) as T, cookie: response.headers.get('set-cookie') };
}

const owner = { name: 'Bench', email: 'bench@x.test', password: 'bench password' };

// 1. An owner and two clients through the API, then Keel stops so the seed can open the files.
let keel = await serve();
const setup = await json<{ csrfToken: string }>(`${keel.url}/api/v1/setup`, {
  method: 'POST',
  body: JSON.stringify(owner),
});
const auth = { cookie: setup.cookie!.split(';')[0]!, csrf: setup.body.csrfToken };
const newClient = async (name: string) =>
  (
    await json<{ id: string }>(`${keel.url}/api/v1/clients`, {
      method: 'POST',
      body: JSON.stringify({ name, stage: 'seed' }),
      ...auth,
    })
  ).body.id;
const big = await newClient('Big');
const small = await newClient('Small');
await keel.stop();

// 2. Monitors and 24 hourly rollups each, straight into the database. Next runs are a day away
// so the embedded scheduler stays idle while we measure the page.
const database = await openDatabase({ kind: 'pglite', dataDir });
const hour = Math.floor(Date.now() / 3_600_000) * 3_600_000;
const statuses = ['up', 'up', 'up', 'up', 'up', 'up', 'degraded', 'down'] as const;
const seedStarted = performance.now();
async function seed(clientId: string, n: number) {
  for (let i = 0; i < n; i += 500) {
    const rows = Array.from({ length: Math.min(500, n - i) }, (_, k) => {
      const index = i + k;
      return {
        id: randomUUID(),
        clientId,
        name: `Monitor ${String(index).padStart(5, '0')}`,
        kind: 'http' as const,
        target: { kind: 'http', url: `https://service-${index}.example.test/health` },
        intervalSeconds: 60,
        timeoutSeconds: 10,
        retries: 2,
        recoveries: 1,
        status: statuses[index % statuses.length]!,
        lastLatencyMs: 40 + (index % 200),
        lastCheckedAt: new Date(),
        nextRunAt: new Date(Date.now() + 86_400_000),
      };
    });
    await database.db.insert(monitors).values(rows);
    const rollups = rows.flatMap((m, k) =>
      Array.from({ length: 24 }, (_, h) => {
        const ms = 40 + ((k + h) % 200);
        const failures = (k + h) % 37 === 0 ? 6 : 0;
        const histogram = emptyHistogram();
        histogram[bucketOf(ms)] = 60 - failures;
        return {
          monitorId: m.id,
          grain: 'hour' as const,
          start: new Date(hour - h * 3_600_000),
          checks: 60,
          failures,
          latencySumMs: ms * (60 - failures),
          buckets: encodeHistogram(histogram),
        };
      }),
    );
    for (let r = 0; r < rollups.length; r += 2000)
      await database.db.insert(monitorRollups).values(rollups.slice(r, r + 2000));
  }
}
await seed(big, total);
await seed(small, baselineSize);
await database.close();
const seedSeconds = (performance.now() - seedStarted) / 1000;

// 3. Keel again, a signed-in browser, and the page timed for each client.
keel = await serve();
const login = await json<{ csrfToken: string }>(`${keel.url}/api/v1/auth/login`, {
  method: 'POST',
  body: JSON.stringify({ email: owner.email, password: owner.password }),
});
const [cookieName, cookieValue] = login.cookie!.split(';')[0]!.split('=') as [string, string];
const browser = await launchBrowser();

async function apiP50(clientId: string) {
  const times: number[] = [];
  for (let i = 0; i < 20; i++) {
    const t = performance.now();
    await json(`${keel.url}/api/v1/clients/${clientId}/monitors?limit=50&offset=0`, {
      cookie: `${cookieName}=${cookieValue}`,
    });
    times.push(performance.now() - t);
  }
  return median(times);
}

async function pageOnce(clientId: string, n: number) {
  const context = await browser.newContext();
  await context.addCookies([{ name: cookieName, value: cookieValue, url: keel.url }]);
  const page = await context.newPage();
  const started = performance.now();
  await page.goto(`${keel.url}/clients/${clientId}/monitoring`, { waitUntil: 'commit' });
  await page.locator('.monitor-table tbody tr').nth(49).waitFor();
  const rendered = performance.now() - started;
  const typed = performance.now();
  await page.getByLabel('Search monitors').fill(`Monitor ${String(n - 1).padStart(5, '0')}`);
  await page.getByText('1 monitor match.').waitFor();
  const searched = performance.now() - typed;
  await context.close();
  return { rendered, searched, usable: rendered + searched };
}

async function measure(clientId: string, n: number) {
  await pageOnce(clientId, n); // warm-up: the server's first queries and the bundle
  const samples = [];
  for (let i = 0; i < runs; i++) samples.push(await pageOnce(clientId, n));
  return {
    rendered: median(samples.map((s) => s.rendered)),
    searched: median(samples.map((s) => s.searched)),
    usable: median(samples.map((s) => s.usable)),
    worstUsable: Math.max(...samples.map((s) => s.usable)),
    api: await apiP50(clientId),
  };
}

const baseline = await measure(small, baselineSize);
const large = await measure(big, total);
await browser.close();
await keel.stop();
rmSync(dataDir, { recursive: true, force: true });

const f = (ms: number) => `${Math.round(ms)} ms`;
console.log(
  `Monitors page in Chromium, embedded database, median of ${runs} runs, ${os.cpus().length} cores (seed: ${seedSeconds.toFixed(1)} s)\n`,
);
console.log(
  '| monitors | list API p50 | list rendered | search answered | usable (median) | usable (worst) |\n|---|---|---|---|---|---|',
);
for (const [n, r] of [
  [baselineSize, baseline],
  [total, large],
] as const)
  console.log(
    `| ${n} | ${f(r.api)} | ${f(r.rendered)} | ${f(r.searched)} | ${f(r.usable)} | ${f(r.worstUsable)} |`,
  );
console.log(
  `\nratio ${total} / ${baselineSize}: usable ×${(large.usable / baseline.usable).toFixed(2)}, API ×${(large.api / baseline.api).toFixed(2)}; goal: usable < 2000 ms → ${large.usable < 2000 ? 'met' : 'NOT met'}`,
);
