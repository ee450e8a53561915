/**
 * @module Bench: the portfolio home (GET /api/v1/portfolio) for N clients with a year of data
 * each. Baseline in the same run: the old way, every client's whole weekly report for its status
 * line. Then the portfolio as built now (status cache): the first load after a start, later
 * loads, a load after a write to one client; and each report contributor's share of a report.
 * Usage: node --import tsx bench/practice/portfolio.ts [clients=50]
 */
import { loadavg } from 'node:os';
import { attentionSources } from '../../src/server/portfolio/attention-sources.ts';
import { openDatabase } from '../../src/server/db/database.ts';
import { migrateDatabase } from '../../src/server/db/migrate.ts';
import type { Principal } from '../../src/server/auth/principal.ts';
import { buildPortfolio } from '../../src/server/portfolio/portfolio.service.ts';
import { invalidateClientStatus } from '../../src/server/portfolio/status-cache.ts';
import { reportContributors } from '../../src/server/reports/contributors.ts';
import { reportWeek } from '../../src/server/reports/week.ts';
import { buildWeeklyReport } from '../../src/server/reports/weekly-report.ts';
import { testContext } from '../../test/server/test-context.ts';
import { seedPracticeYear } from './seed-year.ts';

const clientCount = Number(process.argv[2] ?? 50);
const database = await openDatabase({ kind: 'pglite-memory' });
await migrateDatabase(database);
const ctx = testContext({ database, jobs: { send: async () => null } as never });
const ids = await seedPracticeYear(database.db, clientCount);
const owner: Principal = {
  userId: '00000000-0000-0000-0000-000000000001',
  role: 'owner',
  email: 'owner@x.test',
  name: 'Owner',
  via: 'session',
  clientScope: 'all',
  canWrite: true,
};

async function median(fn: () => Promise<unknown>): Promise<number> {
  await fn();
  const times: number[] = [];
  for (let i = 0; i < 5; i++) {
    const start = performance.now();
    await fn();
    times.push(performance.now() - start);
  }
  return times.sort((a, b) => a - b)[2]!;
}

const r = (n: number) => Math.round(n);
const perContributor: Record<string, number> = {};
for (const contributor of reportContributors) {
  perContributor[contributor.id] = r(
    await median(async () => {
      for (const id of ids)
        await contributor.lines(ctx, reportWeek({ clientId: id, timeZone: 'UTC' }));
    }),
  );
}
// Before: every load built every client's whole report (four at a time) for its status line.
const baselineMs = await median(async () => {
  const queue = [...ids];
  await Promise.all(
    Array.from({ length: 4 }, async () => {
      for (let id = queue.shift(); id; id = queue.shift()) {
        await buildWeeklyReport(ctx, { clientId: id, timeZone: 'UTC' });
      }
    }),
  );
});
// Now: the first load after a start builds every status (a fresh context has an empty cache)…
const coldMs = await median(() => buildPortfolio(testContext({ database, jobs: ctx.jobs }), owner));
// …later loads reuse them, and a write to one client rebuilds that one only.
await buildPortfolio(ctx, owner);
const warmMs = await median(() => buildPortfolio(ctx, owner));
// What every load still pays: the attention sources (one query each across all clients).
const attentionMs = await median(() =>
  Promise.all(attentionSources.map((source) => source.items(ctx, ids))),
);
const afterWriteMs = await median(async () => {
  invalidateClientStatus(ctx, ids[0]!);
  await buildPortfolio(ctx, owner);
});

console.log(
  JSON.stringify(
    {
      database: database.kind,
      clients: clientCount,
      baselineEveryReportMs: r(baselineMs),
      portfolioFirstLoadMs: r(coldMs),
      portfolioLaterLoadMs: r(warmMs),
      portfolioAfterOneWriteMs: r(afterWriteMs),
      attentionSourcesMs: r(attentionMs),
      loadAverage: loadavg()[0]!.toFixed(1),
      perContributorMs: perContributor,
    },
    null,
    2,
  ),
);
await database.close();
