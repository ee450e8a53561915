// The public status page on the embedded database: a page with N components, each with 90 days
// of day rollups, 35 days of hour rollups and 7 hours of minute rollups (what retention keeps),
// 5 incidents per component and 3 maintenance windows (one-off, weekly, cron).
// Times building the public view (`publicStatus`) and rendering the HTML, over R requests, and
// reports p50/p95 and the HTML size. Baseline in the same run: a page with 1 component.
// Then a burst of V visitors asking at once: each building its own view (baseline) against the
// shared build the public routes use.
// Usage: npx tsx bench/monitoring/status-page.ts [components=20] [requests=200] [visitors=100]
import { randomBytes } from 'node:crypto';
import { loadConfig } from '../../src/server/config/config.ts';
import { openDatabase } from '../../src/server/db/database.ts';
import { migrateDatabase } from '../../src/server/db/migrate.ts';
import {
  clients,
  incidents,
  maintenanceWindows,
  monitorRollups,
  monitors,
  statusPageComponents,
  statusPages,
} from '../../src/server/db/schema.ts';
import { createLogger } from '../../src/server/logger.ts';
import { createSecretBox } from '../../src/server/crypto/secret-box.ts';
import { createMetrics } from '../../src/server/system/metrics.ts';
import { renderStatusPage } from '../../src/server/monitoring/status-page.render.ts';
import {
  publicStatus,
  sharedPublicStatus,
} from '../../src/server/monitoring/status-pages.service.ts';
import type { AppContext } from '../../src/server/context.ts';

const components = Number(process.argv[2] ?? 20);
const requests = Number(process.argv[3] ?? 200);
const visitors = Number(process.argv[4] ?? 100);
const DAY = 86_400_000;
const quantile = (xs: number[], q: number) =>
  [...xs].sort((a, b) => a - b)[Math.min(xs.length - 1, Math.floor(q * xs.length))]!;

async function run(n: number) {
  const database = await openDatabase({ kind: 'pglite-memory' });
  await migrateDatabase(database);
  const ctx: AppContext = {
    config: loadConfig({}),
    database,
    db: database.db,
    logger: createLogger('silent'),
    secretBox: createSecretBox(randomBytes(32)),
    jobs: { send: async () => null, sendMany: async () => undefined, list: async () => [] },
    metrics: createMetrics(),
  };
  const [client] = await ctx.db
    .insert(clients)
    .values({ name: 'Bench', stage: 'seed' })
    .returning();
  const clientId = client!.id;
  await ctx.db
    .insert(statusPages)
    .values({ clientId, enabled: true, slug: 'bench', title: 'Bench' });
  const today = Math.floor(Date.now() / DAY) * DAY;
  for (let i = 0; i < n; i++) {
    const [m] = await ctx.db
      .insert(monitors)
      .values({
        clientId,
        name: `m${i}`,
        kind: 'http',
        target: { kind: 'http', url: 'https://example.com/' },
        intervalSeconds: 60,
        timeoutSeconds: 10,
        retries: 2,
        recoveries: 1,
        status: 'up',
      })
      .returning();
    await ctx.db
      .insert(statusPageComponents)
      .values({ clientId, monitorId: m!.id, displayName: `Component ${i}`, position: i });
    await ctx.db.insert(monitorRollups).values(
      Array.from({ length: 90 }, (_, d) => ({
        monitorId: m!.id,
        grain: 'day' as const,
        start: new Date(today - d * DAY),
        checks: 1440,
        failures: d % 17 === 0 ? 12 : 0,
      })),
    );
    const hourNow = Math.floor(Date.now() / 3_600_000) * 3_600_000;
    await ctx.db.insert(monitorRollups).values(
      Array.from({ length: 35 * 24 }, (_, h) => ({
        monitorId: m!.id,
        grain: 'hour' as const,
        start: new Date(hourNow - h * 3_600_000),
        checks: 60,
        failures: h % 50 === 0 ? 3 : 0,
      })),
    );
    const minuteNow = Math.floor(Date.now() / 60_000) * 60_000;
    await ctx.db.insert(monitorRollups).values(
      Array.from({ length: 7 * 60 }, (_, k) => ({
        monitorId: m!.id,
        grain: 'minute' as const,
        start: new Date(minuteNow - k * 60_000),
        checks: 1,
        failures: 0,
      })),
    );
    await ctx.db.insert(incidents).values(
      Array.from({ length: 5 }, (_, k) => ({
        monitorId: m!.id,
        clientId,
        cause: 'refused',
        openedAt: new Date(today - (k * 15 + 1) * DAY),
        resolvedAt: new Date(today - (k * 15 + 1) * DAY + 600_000),
      })),
    );
  }
  await ctx.db.insert(maintenanceWindows).values([
    {
      clientId,
      name: 'One-off',
      schedule: {
        type: 'once',
        start: '2030-01-01T00:00',
        end: '2030-01-01T02:00',
        timezone: 'UTC',
      },
    },
    {
      clientId,
      name: 'Weekly',
      schedule: {
        type: 'weekly',
        weekdays: [7],
        startTime: '02:00',
        durationMinutes: 60,
        timezone: 'Europe/Berlin',
      },
    },
    {
      clientId,
      name: 'Cron',
      schedule: { type: 'cron', cron: '0 3 * * *', durationMinutes: 30, timezone: 'Europe/Paris' },
    },
  ]);
  for (let i = 0; i < 10; i++) renderStatusPage(await publicStatus(ctx, 'bench'));
  const times: number[] = [];
  const renderTimes: number[] = [];
  let bytes = 0;
  for (let i = 0; i < requests; i++) {
    const started = performance.now();
    const view = await publicStatus(ctx, 'bench');
    const rendering = performance.now();
    const html = renderStatusPage(view);
    renderTimes.push(performance.now() - rendering);
    times.push(performance.now() - started);
    bytes = Buffer.byteLength(html);
  }
  // A burst: `visitors` ask at once (an outage sends everyone to the page). Each building its
  // own view (the baseline) against the route's shared build, alternated, best of three.
  const burst = async (view: () => Promise<unknown>) => {
    const started = performance.now();
    await Promise.all(Array.from({ length: visitors }, view));
    return performance.now() - started;
  };
  const own: number[] = [];
  const shared: number[] = [];
  for (let round = 0; round < 3; round++) {
    own.push(await burst(() => publicStatus(ctx, 'bench')));
    shared.push(await burst(() => sharedPublicStatus(ctx, 'bench')));
  }
  await database.close();
  return {
    p50: quantile(times, 0.5),
    p95: quantile(times, 0.95),
    renderP50: quantile(renderTimes, 0.5),
    bytes,
    burstOwn: Math.min(...own),
    burstShared: Math.min(...shared),
  };
}

const baseline = await run(1);
const measured = await run(components);
const fmt = (ms: number) => `${ms.toFixed(1)} ms`;
console.log(`status page, ${requests} requests each (view + HTML), embedded database`);
console.log(
  `  1 component (baseline): p50 ${fmt(baseline.p50)}, p95 ${fmt(baseline.p95)} (HTML ${fmt(baseline.renderP50)}), ${baseline.bytes} bytes`,
);
console.log(
  `  ${components} components: p50 ${fmt(measured.p50)}, p95 ${fmt(measured.p95)} (HTML ${fmt(measured.renderP50)}), ${measured.bytes} bytes (p50 ${(measured.p50 / baseline.p50).toFixed(1)}× the baseline)`,
);
console.log(`burst of ${visitors} visitors at once, ${components} components (best of 3):`);
console.log(
  `  each builds its own view: ${fmt(measured.burstOwn)}; shared build: ${fmt(measured.burstShared)} (${(measured.burstOwn / measured.burstShared).toFixed(1)}× faster)`,
);
