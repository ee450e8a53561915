// SLO evaluation cost on the embedded database: M monitors with 6 h of minute rollups and
// 30 days of hour rollups each, S SLOs over 5 monitors each; times one evaluateSlos pass (what
// the `monitoring.slo` job does every minute) and one status list. Baseline in the same run:
// S/10 SLOs (ratio). Usage: npx tsx bench/monitoring/slo-eval.ts [monitors=500] [slos=100]
import { randomBytes } from 'node:crypto';
import { performance } from 'node:perf_hooks';
import { sql } from 'drizzle-orm';
import { loadConfig } from '../../src/server/config/config.ts';
import type { AppContext } from '../../src/server/context.ts';
import { createSecretBox } from '../../src/server/crypto/secret-box.ts';
import { openDatabase } from '../../src/server/db/database.ts';
import { migrateDatabase } from '../../src/server/db/migrate.ts';
import { clients, monitors, slos } from '../../src/server/db/schema.ts';
import { createLogger } from '../../src/server/logger.ts';
import { rollUp } from '../../src/server/monitoring/rollups.ts';
import { evaluateSlos, listSloStatuses } from '../../src/server/monitoring/slo.service.ts';
import { createMetrics } from '../../src/server/system/metrics.ts';

const monitorCount = Number(process.argv[2] ?? 500);
const sloCount = Number(process.argv[3] ?? 100);

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
const [client] = await ctx.db.insert(clients).values({ name: 'Bench', stage: 'seed' }).returning();
const ids = (
  await ctx.db
    .insert(monitors)
    .values(
      Array.from({ length: monitorCount }, (_, i) => ({
        clientId: client!.id,
        name: `m${i}`,
        kind: 'http' as const,
        target: { kind: 'http', url: 'https://example.com/' },
        intervalSeconds: 30,
        timeoutSeconds: 10,
        retries: 2,
        recoveries: 1,
        enabled: false,
      })),
    )
    .returning({ id: monitors.id })
).map((r) => r.id);
let t = performance.now();
await ctx.db.execute(sql`
  insert into monitor_rollups (monitor_id, grain, start, checks, failures)
  select m.id, 'minute', date_trunc('minute', now()) - g * interval '1 minute', 2, (g % 97 = 0)::int
    from monitors m, generate_series(1, 360) g`);
await ctx.db.execute(sql`
  insert into monitor_rollups (monitor_id, grain, start, checks, failures)
  select m.id, 'hour', date_trunc('hour', now()) - g * interval '1 hour', 120, (g % 50 = 0)::int
    from monitors m, generate_series(0, 719) g`);
// SLO windows read their whole days from day rows (slo.service.ts).
await ctx.db.execute(sql`
  insert into monitor_rollups (monitor_id, grain, start, checks, failures)
  select m.id, 'day', date_trunc('day', now()) - g * interval '1 day', 2880, (g % 3 = 0)::int
    from monitors m, generate_series(0, 30) g`);
const seedMs = performance.now() - t;
await rollUp(ctx); // the rollup watermark: evaluation skips stale rollups

async function measure(n: number) {
  await ctx.db.delete(slos);
  await ctx.db.insert(slos).values(
    Array.from({ length: n }, (_, i) => ({
      clientId: client!.id,
      name: `slo${i}`,
      monitorIds: Array.from({ length: 5 }, (_, k) => ids[(i * 5 + k) % ids.length]!),
      targetPercent: 99.9,
    })),
  );
  await evaluateSlos(ctx); // warm-up
  t = performance.now();
  const result = await evaluateSlos(ctx);
  const evalMs = performance.now() - t;
  t = performance.now();
  await listSloStatuses(ctx, client!.id);
  const listMs = performance.now() - t;
  return { slos: n, evaluated: result.evaluated, evalMs, listMs };
}

const baseline = await measure(Math.max(1, Math.round(sloCount / 10)));
const full = await measure(sloCount);
const rows = monitorCount * (360 + 720);
console.log(
  `${monitorCount} monitors, ${rows.toLocaleString('en')} rollup rows (seeded in ${Math.round(seedMs)} ms)`,
);
for (const r of [baseline, full])
  console.log(
    `${r.slos} SLOs: evaluate ${Math.round(r.evalMs)} ms (${(r.evalMs / r.slos).toFixed(1)} ms per SLO), status list ${Math.round(r.listMs)} ms`,
  );
console.log(
  `ratio (full / baseline, per SLO): ${(full.evalMs / full.slos / (baseline.evalMs / baseline.slos)).toFixed(2)}`,
);
await database.close();
