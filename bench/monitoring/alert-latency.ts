// Alert latency: N HTTP monitors go down at once (their target starts answering 503) and H
// heartbeats miss the same deadline; one scheduler loop and the real job worker (pg-boss, its
// production polling) send the alerts to a webhook receiver on loopback. Reports, per kind, the
// delay from the confirming failed check (the incident's state change) to the webhook received,
// and for heartbeats from the deadline to the webhook received: p50, p95, max. Baseline in the
// same run: the raw HTTP round trip of the same POST to the receiver.
// Usage: npx tsx bench/monitoring/alert-latency.ts [monitors=100] [heartbeats=20]
// (DATABASE_URL=postgres://… to run on a PostgreSQL server instead of in-memory PGlite;
// the database is migrated and the bench's rows are left in it.)
import { randomBytes } from 'node:crypto';
import http from 'node:http';
import type { AddressInfo } from 'node:net';
import { eq } from 'drizzle-orm';
import { alertChannelInput, monitorInput } from '../../src/shared/monitoring.ts';
import { loadConfig } from '../../src/server/config/config.ts';
import type { AppContext } from '../../src/server/context.ts';
import { createSecretBox } from '../../src/server/crypto/secret-box.ts';
import { openDatabase } from '../../src/server/db/database.ts';
import { migrateDatabase } from '../../src/server/db/migrate.ts';
import { clients, monitors } from '../../src/server/db/schema.ts';
import { createJobRunner } from '../../src/server/jobs/job-queue.ts';
import { allJobs } from '../../src/server/jobs/registry.ts';
import { createLogger } from '../../src/server/logger.ts';
import { createChannel } from '../../src/server/monitoring/channels.service.ts';
import { createMonitor } from '../../src/server/monitoring/monitors.service.ts';
import { createMonitorScheduler } from '../../src/server/monitoring/scheduler.ts';
import { createMetrics } from '../../src/server/system/metrics.ts';
import { startWebhookReceiver } from '../../test/server/monitoring/webhook-receiver.ts';

const total = Number(process.argv[2] ?? 100);
const heartbeats = Number(process.argv[3] ?? 20);
const quantile = (xs: number[], q: number) =>
  xs.length
    ? [...xs].sort((a, b) => a - b)[Math.min(xs.length - 1, Math.floor(q * xs.length))]!
    : NaN;
const summary = (xs: number[]) => ({
  n: xs.length,
  p50Ms: Math.round(quantile(xs, 0.5)),
  p95Ms: Math.round(quantile(xs, 0.95)),
  maxMs: Math.round(Math.max(...xs)),
});

let isDown = false;
const target = http.createServer((_req, res) => {
  res.statusCode = isDown ? 503 : 200;
  res.end(isDown ? 'down' : 'ok');
});
await new Promise<void>((r) => target.listen(0, '127.0.0.1', () => r()));
const targetUrl = `http://127.0.0.1:${(target.address() as AddressInfo).port}/health`;
const receiver = await startWebhookReceiver();

const database = process.env.DATABASE_URL
  ? await openDatabase({ kind: 'postgres', url: process.env.DATABASE_URL, poolSize: 10 })
  : await openDatabase({ kind: 'pglite-memory' });
await migrateDatabase(database);
const config = { ...loadConfig({}), monitorAllowPrivate: true };
const runner = createJobRunner({ database, jobs: allJobs });
const ctx: AppContext = {
  config,
  database,
  db: database.db,
  logger: createLogger('silent'),
  secretBox: createSecretBox(randomBytes(32)),
  jobs: runner,
  metrics: createMetrics(),
};
await runner.start({ ctx, work: true, concurrency: config.workerConcurrency });
const [client] = await ctx.db.insert(clients).values({ name: 'Bench', stage: 'seed' }).returning();
await createChannel(
  ctx,
  client!.id,
  alertChannelInput.parse({ kind: 'webhook', name: 'Ops', url: receiver.url }),
);
const httpIds = new Set<string>();
for (let i = 0; i < total; i++) {
  const m = await createMonitor({
    ctx,
    clientId: client!.id,
    input: monitorInput.parse({
      name: `api-${i}`,
      target: { kind: 'http', url: targetUrl },
      intervalSeconds: 10,
      timeoutSeconds: 5,
      retries: 1,
    }),
  });
  httpIds.add(m.id);
}
const heartbeatIds = new Set<string>();
for (let i = 0; i < heartbeats; i++) {
  const m = await createMonitor({
    ctx,
    clientId: client!.id,
    input: monitorInput.parse({
      name: `backup-${i}`,
      target: { kind: 'heartbeat', schedule: { type: 'period', periodSeconds: 3600 } },
    }),
  });
  heartbeatIds.add(m.id);
}

// Everything is up first (one check each), then the target fails and the heartbeats' deadline
// falls 2 s from now.
const scheduler = createMonitorScheduler(ctx, { perHost: 200 });
await ctx.db.update(monitors).set({ nextRunAt: new Date() }).where(eq(monitors.kind, 'http'));
scheduler.start();
while ((await ctx.db.select().from(monitors).where(eq(monitors.status, 'up'))).length < total)
  await new Promise((r) => setTimeout(r, 200));
isDown = true;
const deadline = new Date(Date.now() + 2_000);
await ctx.db.update(monitors).set({ nextRunAt: new Date() }).where(eq(monitors.kind, 'http'));
await ctx.db.update(monitors).set({ nextRunAt: deadline }).where(eq(monitors.kind, 'heartbeat'));
// retries 1: the second failure confirms; make it due as soon as the first is recorded.
const confirmLoop = setInterval(() => {
  void ctx.db
    .update(monitors)
    .set({ nextRunAt: new Date() })
    .where(eq(monitors.consecutiveFailures, 1))
    .catch(() => undefined);
}, 250);
const cpu0 = process.cpuUsage();
const t0 = performance.now();
const until = Date.now() + 120_000;
while (receiver.received.length < total + heartbeats && Date.now() < until)
  await new Promise((r) => setTimeout(r, 100));
clearInterval(confirmLoop);
const wall = (performance.now() - t0) / 1000;
const cpu = process.cpuUsage(cpu0);
await scheduler.stop();

const httpDelays = receiver.received
  .filter((r) => r.monitorId && httpIds.has(r.monitorId))
  .map((r) => r.at - Date.parse(String(r.body.at)));
const heartbeatDelays = receiver.received
  .filter((r) => r.monitorId && heartbeatIds.has(r.monitorId))
  .map((r) => r.at - deadline.getTime());

const received = receiver.received.length;
// Baseline: the same POST, sent straight to the receiver, one at a time.
const body = JSON.stringify(receiver.received[0]?.body ?? {});
const roundTrips: number[] = [];
for (let i = 0; i < 50; i++) {
  const started = performance.now();
  await fetch(receiver.url, {
    method: 'POST',
    headers: { 'content-type': 'application/json' },
    body,
  });
  roundTrips.push(performance.now() - started);
}

// Every delivery once: the receiver saw each delivery id one time.
const deliveryIds = receiver.received.slice(0, received).map((r) => r.deliveryId);
const duplicates = deliveryIds.length - new Set(deliveryIds).size;
const http95 = quantile(httpDelays, 0.95);
console.log(
  JSON.stringify({
    database: database.kind,
    monitors: total,
    heartbeats,
    received,
    duplicates,
    confirmedToWebhook: summary(httpDelays),
    heartbeatDeadlineToWebhook: summary(heartbeatDelays),
    baselineRoundTrip: {
      p50Ms: +quantile(roundTrips, 0.5).toFixed(1),
      p95Ms: +quantile(roundTrips, 0.95).toFixed(1),
    },
    p95Ratio: Math.round(http95 / Math.max(0.1, quantile(roundTrips, 0.95))),
    goalMet: http95 < 3000,
    cpuPercent: +(((cpu.user + cpu.system) / 1e6 / wall) * 100).toFixed(1),
  }),
);
await runner.stop({ graceful: false });
await database.close();
await receiver.close();
target.close();
