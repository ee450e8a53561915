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
import { clients } from '../../src/server/db/schema.ts';
import { seedPracticeYear } from './seed-year.ts';
import { leadsWaiting } from '../../src/server/intake/intake.attention.ts';
import { overdueMilestones } from '../../src/server/roadmap/roadmap.attention.ts';
import { roadmapContributor } from '../../src/server/roadmap/roadmap.report.ts';
import { retainerUsageAttention } from '../../src/server/time/time.attention.ts';
import { timeContributor } from '../../src/server/time/time.report.ts';
import { testContext } from '../../test/server/test-context.ts';
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

const seedStart = performance.now();
const ids = await seedPracticeYear(db, clientCount, sampleRss);
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
