/**
 * @module Bench: the weekly report's KPI lines for N clients with a year of weekly readings each
 * (5 KPIs a client). Baseline in the same run, interleaved round by round so machine load hits
 * both alike: the old way, every reading of each KPI up to the week's end, sorted in JS.
 * Usage: node --import tsx bench/practice/kpi-lines.ts [clients=50]
 */
import { loadavg } from 'node:os';
import { and, inArray, lt } from 'drizzle-orm';
import { openDatabase } from '../../src/server/db/database.ts';
import { migrateDatabase } from '../../src/server/db/migrate.ts';
import { kpiReadings } from '../../src/server/db/schema.ts';
import { clientKpiRows } from '../../src/server/kpis/kpis.repo.ts';
import { kpiLine, kpisReportContributor } from '../../src/server/kpis/kpis.report.ts';
import { reportWeek } from '../../src/server/reports/week.ts';
import { testContext } from '../../test/server/test-context.ts';
import { seedPracticeYear } from './seed-year.ts';

const clientCount = Number(process.argv[2] ?? 50);
const database = await openDatabase({ kind: 'pglite-memory' });
await migrateDatabase(database);
const ctx = testContext({ database, jobs: { send: async () => null } as never });
const ids = await seedPracticeYear(database.db, clientCount);

async function before(clientId: string) {
  const week = reportWeek({ clientId, timeZone: 'UTC' });
  const kpis = await clientKpiRows(ctx.db, [clientId]);
  const endDay = week.end.toISOString().slice(0, 10);
  const startDay = new Date(week.end.getTime() - 7 * 86_400_000).toISOString().slice(0, 10);
  const readings = await ctx.db
    .select()
    .from(kpiReadings)
    .where(
      and(
        inArray(
          kpiReadings.kpiId,
          kpis.map((k) => k.id),
        ),
        lt(kpiReadings.periodStart, endDay),
      ),
    );
  return kpis.flatMap((kpi) => {
    const own = readings
      .filter((r) => r.kpiId === kpi.id)
      .sort((a, b) => b.periodStart.localeCompare(a.periodStart));
    if (!own[0]) return [];
    return [kpiLine(kpi, own[0], own.find((r) => r.periodStart < startDay) ?? own[1]).text];
  });
}
const after = async (clientId: string) =>
  (await kpisReportContributor.lines(ctx, reportWeek({ clientId, timeZone: 'UTC' }))).map(
    (l) => l.text,
  );

async function all(fn: (clientId: string) => Promise<string[]>) {
  const start = performance.now();
  const lines: string[] = [];
  for (const id of ids) lines.push(...(await fn(id)));
  return { ms: performance.now() - start, lines };
}

const [old, now] = [await all(before), await all(after)];
if (JSON.stringify(old.lines) !== JSON.stringify(now.lines)) throw new Error('lines differ');
const beforeMs: number[] = [];
const afterMs: number[] = [];
for (let i = 0; i < 5; i++) {
  beforeMs.push((await all(before)).ms);
  afterMs.push((await all(after)).ms);
}
const median = (xs: number[]) => Math.round(xs.sort((a, b) => a - b)[2]!);
console.log(
  JSON.stringify({
    database: database.kind,
    clients: clientCount,
    lines: now.lines.length,
    beforeAllReadingsMs: median(beforeMs),
    afterLatestReadingsMs: median(afterMs),
    loadAverage: loadavg()[0]!.toFixed(1),
  }),
);
