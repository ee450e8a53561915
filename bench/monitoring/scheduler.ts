// Scheduler lag on the embedded database: N HTTP monitors at a 30 s interval against a mock
// HTTP server on loopback, run for D seconds by one scheduler loop. Reports p50/p99/max lag
// between each check's due time and its start, checks per second, CPU and memory of this
// process. Baseline in the same run: N/10 monitors (ratio of p99 lag).
// Usage: npx tsx bench/monitoring/scheduler.ts [monitors=5000] [seconds=75]
import http from 'node:http';
import type { AddressInfo } from 'node:net';
import { loadConfig } from '../../src/server/config/config.ts';
import { openDatabase } from '../../src/server/db/database.ts';
import { migrateDatabase } from '../../src/server/db/migrate.ts';
import { clients, monitors } from '../../src/server/db/schema.ts';
import { createMonitorScheduler } from '../../src/server/monitoring/scheduler.ts';
import { firstRunAt } from '../../src/server/monitoring/schedule.ts';
import { createLogger } from '../../src/server/logger.ts';
import { createSecretBox } from '../../src/server/crypto/secret-box.ts';
import { createMetrics } from '../../src/server/system/metrics.ts';
import type { AppContext } from '../../src/server/context.ts';
import { randomBytes, randomUUID } from 'node:crypto';

const total = Number(process.argv[2] ?? 5000);
const seconds = Number(process.argv[3] ?? 75);
const quantile = (xs: number[], q: number) =>
  xs.length
    ? [...xs].sort((a, b) => a - b)[Math.min(xs.length - 1, Math.floor(q * xs.length))]!
    : NaN;

const target = http.createServer((_req, res) => res.end('ok'));
await new Promise<void>((r) => target.listen(0, '127.0.0.1', () => r()));
const url = `http://127.0.0.1:${(target.address() as AddressInfo).port}/health`;

async function run(n: number) {
  const database = await openDatabase({ kind: 'pglite-memory' });
  await migrateDatabase(database);
  const ctx: AppContext = {
    config: { ...loadConfig({}), monitorAllowPrivate: true },
    database,
    db: database.db,
    logger: createLogger('silent'),
    secretBox: createSecretBox(randomBytes(32)),
    jobs: { send: async () => null, list: async () => [] },
    metrics: createMetrics(),
  };
  const [client] = await ctx.db
    .insert(clients)
    .values({ name: 'Bench', stage: 'seed' })
    .returning();
  const start = new Date(Date.now() + 2000);
  for (let i = 0; i < n; i += 1000) {
    await ctx.db.insert(monitors).values(
      Array.from({ length: Math.min(1000, n - i) }, (_, k) => {
        const id = randomUUID();
        return {
          id,
          clientId: client!.id,
          name: `m${i + k}`,
          kind: 'http' as const,
          target: {
            kind: 'http',
            url,
            method: 'GET',
            headers: {},
            expectedStatus: ['200-399'],
            jsonAssertions: [],
            followRedirects: true,
            verifyTls: true,
          },
          intervalSeconds: 30,
          timeoutSeconds: 10,
          retries: 2,
          recoveries: 1,
          nextRunAt: firstRunAt(id, 30, start),
        };
      }),
    );
  }
  const lags: number[] = [];
  const scheduler = createMonitorScheduler(ctx, {
    pollMs: 100,
    perHost: 200,
    onRun: ({ dueAt, startedAt }) => lags.push(startedAt.getTime() - dueAt.getTime()),
  });
  const cpu0 = process.cpuUsage();
  const t0 = performance.now();
  let peakRss = 0;
  const sampler = setInterval(() => (peakRss = Math.max(peakRss, process.memoryUsage().rss)), 500);
  scheduler.start();
  await new Promise((r) => setTimeout(r, seconds * 1000));
  await scheduler.stop();
  clearInterval(sampler);
  const wall = (performance.now() - t0) / 1000;
  const cpu = process.cpuUsage(cpu0);
  await database.close();
  return {
    monitors: n,
    checks: lags.length,
    checksPerSecond: +(lags.length / wall).toFixed(1),
    lagP50Ms: quantile(lags, 0.5),
    lagP99Ms: quantile(lags, 0.99),
    lagMaxMs: Math.max(...lags),
    cpuPercent: +(((cpu.user + cpu.system) / 1e6 / wall) * 100).toFixed(1),
    peakRssMiB: Math.round(peakRss / 2 ** 20),
  };
}

const baseline = await run(Math.max(1, Math.round(total / 10)));
console.log(JSON.stringify({ baseline }));
const full = await run(total);
console.log(
  JSON.stringify({ full, p99Ratio: +(full.lagP99Ms / Math.max(1, baseline.lagP99Ms)).toFixed(2) }),
);
target.close();
