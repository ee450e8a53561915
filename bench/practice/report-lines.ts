/**
 * @module Bench: the weekly founder reports of N clients with a year of data each (milestones,
 * risks, time, KPIs with weekly readings, decisions, questions for the founder): the practice's
 * own lines (roadmap + time contributors), then the whole report with every contributor and its
 * Markdown and email HTML, and the portfolio's attention sources, on the embedded database (or a
 * PostgreSQL server), against a baseline of one trivial indexed query per client in the same run.
 * Usage: node --import tsx bench/practice/report-lines.ts [clients=50] [postgres-url]
 */
import pg from 'pg';
import { addDays, todayUtc } from '../../src/shared/dates.ts';
import { openDatabase, type Database } from '../../src/server/db/database.ts';
import { migrateDatabase } from '../../src/server/db/migrate.ts';
import {
  clients,
  decisions,
  decisionsNeeded,
  kpiReadings,
  kpis,
  engagements,
  leads,
  milestones,
  risks,
  timeEntries,
} from '../../src/server/db/schema.ts';
import { leadsWaiting } from '../../src/server/intake/intake.attention.ts';
import { overdueMilestones } from '../../src/server/roadmap/roadmap.attention.ts';
import { roadmapContributor } from '../../src/server/roadmap/roadmap.report.ts';
import { retainerUsageAttention } from '../../src/server/time/time.attention.ts';
import { timeContributor } from '../../src/server/time/time.report.ts';
import { testContext } from '../../test/server/test-context.ts';
import { emptyAdr } from '../../src/engines/adr/types.ts';
import { reportEmailHtml, reportMarkdown } from '../../src/server/reports/render.ts';
import { buildWeeklyReport } from '../../src/server/reports/weekly-report.ts';
import { attentionSources } from '../../src/server/portfolio/attention-sources.ts';
import { eq } from 'drizzle-orm';

const clientCount = Number(process.argv[2] ?? 50);
const pgUrl = process.argv[3];
let peakRss = 0;
const sampleRss = () => (peakRss = Math.max(peakRss, process.memoryUsage().rss));
const sampler = setInterval(sampleRss, 20);

async function open(): Promise<Database> {
  if (!pgUrl) return openDatabase({ kind: 'pglite-memory' });
  const admin = new pg.Client({ connectionString: pgUrl });
  await admin.connect();
  await admin.query('drop database if exists keel_bench_practice');
  await admin.query('create database keel_bench_practice');
  await admin.end();
  const url = new URL(pgUrl);
  url.pathname = '/keel_bench_practice';
  return openDatabase({ kind: 'postgres', url: url.toString(), poolSize: 5 });
}

const database = await open();
await migrateDatabase(database);
const ctx = testContext({ database, jobs: { send: async () => null } as never });
const db = database.db;
const today = todayUtc();
const yearAgo = addDays(today, -365);

const seedStart = performance.now();
const ids: string[] = [];
for (let c = 0; c < clientCount; c++) {
  const [client] = await db
    .insert(clients)
    .values({ name: `Client ${c}`, stage: 'seed' })
    .returning();
  ids.push(client!.id);
  const [retainer] = await db
    .insert(engagements)
    .values({
      clientId: client!.id,
      kind: 'retainer',
      title: 'Retainer',
      status: 'active',
      startDate: yearAgo,
      currency: 'EUR',
      monthlyFee: 1500,
      hoursPerMonth: 20,
    })
    .returning();
  // A milestone a week for a year, most done, some late, a few open.
  await db.insert(milestones).values(
    Array.from({ length: 52 }, (_, w) => {
      const due = addDays(yearAgo, w * 7 + 7);
      const isDone = due < addDays(today, -14) || w % 9 === 0;
      const status: 'done' | 'planned' = isDone ? 'done' : 'planned';
      return {
        clientId: client!.id,
        title: `Milestone ${w}`,
        dueDate: due,
        status,
        doneDate: isDone ? (addDays(due, w % 4) > today ? today : addDays(due, w % 4)) : null,
        acceptance: [{ text: 'It works for a real user', met: isDone }],
      };
    }),
  );
  await db.insert(risks).values(
    Array.from({ length: 8 }, (_, r) => ({
      clientId: client!.id,
      description: `Risk ${r}`,
      likelihood: 'medium' as const,
      impact: r % 2 ? ('high' as const) : ('low' as const),
      mitigation: 'We watch it',
    })),
  );
  // About 250 working days of one entry each.
  await db.insert(timeEntries).values(
    Array.from({ length: 250 }, (_, d) => ({
      clientId: client!.id,
      engagementId: retainer!.id,
      date: addDays(yearAgo, Math.floor((d * 365) / 250)),
      minutes: 45,
      note: 'Work',
    })),
  );
  // Five KPIs, a reading every week for a year.
  const kpiRows = await db
    .insert(kpis)
    .values(
      Array.from({ length: 5 }, (_, k) => ({
        clientId: client!.id,
        name: `KPI ${k}`,
        unit: k % 2 ? '%' : 'users',
        direction: k === 3 ? ('lower' as const) : ('higher' as const),
        target: 100,
        cadence: 'weekly' as const,
      })),
    )
    .returning();
  await db.insert(kpiReadings).values(
    kpiRows.flatMap((kpi, k) =>
      Array.from({ length: 52 }, (_, w) => ({
        kpiId: kpi.id,
        clientId: client!.id,
        periodStart: addDays(yearAgo, w * 7),
        value: 50 + w + k * 3,
      })),
    ),
  );
  // Thirty decision records and twenty questions for the founder over the year.
  await db.insert(decisions).values(
    Array.from({ length: 30 }, (_, n) => ({
      clientId: client!.id,
      number: n + 1,
      title: `Decision ${n + 1}`,
      status: 'accepted' as const,
      date: addDays(yearAgo, n * 12),
      record: { ...emptyAdr(`Decision ${n + 1}`), number: n + 1 },
    })),
  );
  await db.insert(decisionsNeeded).values(
    Array.from({ length: 20 }, (_, q) => ({
      clientId: client!.id,
      question: `Question ${q}?`,
      options: ['Yes', 'No'],
      recommendation: 'Yes',
      dueDate: addDays(yearAgo, q * 19),
      state: q < 17 ? ('answered' as const) : ('open' as const),
      answer: q < 17 ? 'Yes' : null,
    })),
  );
  sampleRss();
}
await db.insert(leads).values(
  Array.from({ length: 20 }, (_, i) => ({
    name: `Lead ${i}`,
    email: `l${i}@x.test`,
    company: `Lead Co ${i}`,
    stage: 'idea' as const,
    blocker: 'x',
    ip: '192.0.2.1',
  })),
);
const seedMs = performance.now() - seedStart;

const week = (clientId: string) => ({
  clientId,
  start: new Date(`${addDays(today, -6)}T00:00:00Z`),
  end: new Date(`${addDays(today, 1)}T00:00:00Z`),
  timeZone: 'Europe/Berlin',
});

async function time<T>(fn: () => Promise<T>): Promise<[number, T]> {
  const start = performance.now();
  const value = await fn();
  return [performance.now() - start, value];
}

// Warm up (query plans, JIT), then measure each three times and keep the median.
const runs = async (fn: () => Promise<unknown>) => {
  await fn();
  const times: number[] = [];
  for (let i = 0; i < 3; i++) times.push((await time(fn))[0]);
  return times.sort((a, b) => a - b)[1]!;
};
const baseline = await runs(async () => {
  for (const id of ids) await db.select({ id: clients.id }).from(clients).where(eq(clients.id, id));
});
let lineCount = 0;
const reportMs = await runs(async () => {
  lineCount = 0;
  for (const id of ids) {
    lineCount += (await roadmapContributor.lines(ctx, week(id))).length;
    lineCount += (await timeContributor.lines(ctx, week(id))).length;
  }
});
// The whole report, as a send builds it: every contributor, then Markdown and email HTML.
let fullLines = 0;
let minEase = 100;
const fullReportMs = await runs(async () => {
  fullLines = 0;
  for (const id of ids) {
    const report = await buildWeeklyReport(ctx, { clientId: id, timeZone: 'Europe/Berlin' });
    reportMarkdown(report, 'https://keel.example');
    reportEmailHtml(report, 'https://keel.example');
    fullLines += report.sections.reduce((n, section) => n + section.lines.length, 0);
    minEase = Math.min(minEase, report.readingEase);
  }
});
let allItems = 0;
const allAttentionMs = await runs(async () => {
  const items = await Promise.all(attentionSources.map((source) => source.items(ctx, ids)));
  allItems = items.flat().length;
});
let itemCount = 0;
const attentionMs = await runs(async () => {
  const items = await Promise.all(
    [overdueMilestones, retainerUsageAttention, leadsWaiting].map((s) => s.items(ctx, ids)),
  );
  itemCount = items.flat().length;
});
clearInterval(sampler);
sampleRss();

const r = (n: number) => Math.round(n);
console.log(
  JSON.stringify(
    {
      database: database.kind,
      clients: clientCount,
      rows: {
        milestones: clientCount * 52,
        timeEntries: clientCount * 250,
        risks: clientCount * 8,
        kpiReadings: clientCount * 5 * 52,
        decisions: clientCount * 30,
        decisionsNeeded: clientCount * 20,
      },
      seedMs: r(seedMs),
      baselineMs: r(baseline),
      reportLinesMs: r(reportMs),
      reportLines: lineCount,
      reportVsBaseline: Number((reportMs / baseline).toFixed(1)),
      fullReportsMs: r(fullReportMs),
      fullReportLines: fullLines,
      fullReportsVsBaseline: Number((fullReportMs / baseline).toFixed(1)),
      lowestReadingEase: minEase,
      allAttentionMs: r(allAttentionMs),
      allAttentionItems: allItems,
      attentionMs: r(attentionMs),
      attentionItems: itemCount,
      peakRssMiB: r(peakRss / 1024 / 1024),
    },
    null,
    2,
  ),
);
await database.close();
if (pgUrl) {
  const admin = new pg.Client({ connectionString: pgUrl });
  await admin.connect();
  await admin.query('drop database if exists keel_bench_practice');
  await admin.end();
}
