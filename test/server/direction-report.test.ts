/** The KPI and decision lines of the weekly report, and their portfolio attention items. */
import { eq } from 'drizzle-orm';
import { beforeAll, describe, expect, it } from 'vitest';
import { emptyAdr } from '../../src/engines/adr/types.ts';
import {
  decisionsAttentionSource,
  decisionsReportContributor,
} from '../../src/server/decisions/decisions.report.ts';
import {
  kpiLine,
  kpisAttentionSource,
  kpisReportContributor,
} from '../../src/server/kpis/kpis.report.ts';
import { decisions, decisionsNeeded, kpiReadings, kpis } from '../../src/server/db/schema.ts';
import { reportWeek } from '../../src/server/reports/week.ts';
import { buildWeeklyReport } from '../../src/server/reports/weekly-report.ts';
import { unitFor } from '../../src/shared/kpis.ts';
import { startTestServer, type TestServer } from './harness.ts';
import { createClientRow } from './factories.ts';

let server: TestServer;
let clientId: string;
const day = (offset: number) =>
  new Date(Date.now() + offset * 86_400_000).toISOString().slice(0, 10);

beforeAll(async () => {
  server = await startTestServer();
  clientId = (await createClientRow(server.ctx.db, { name: 'Acme' })).id;
  const db = server.ctx.db;
  const [users, churn, revenue] = await db
    .insert(kpis)
    .values([
      {
        clientId,
        name: 'Active users',
        unit: 'users',
        direction: 'higher',
        target: 1000,
        cadence: 'daily',
      },
      { clientId, name: 'Churn', unit: '%', direction: 'lower', target: 3, cadence: 'daily' },
      {
        clientId,
        name: 'Revenue',
        unit: 'EUR',
        direction: 'higher',
        target: 100,
        cadence: 'daily',
      },
    ])
    .returning();
  await db.insert(kpiReadings).values([
    { kpiId: users!.id, clientId, periodStart: day(-9), value: 700 },
    { kpiId: users!.id, clientId, periodStart: day(-1), value: 800 },
    { kpiId: churn!.id, clientId, periodStart: day(-9), value: 4 },
    { kpiId: churn!.id, clientId, periodStart: day(-1), value: 5 },
    { kpiId: revenue!.id, clientId, periodStart: day(-1), value: 120 },
  ]);
  await db.insert(decisionsNeeded).values([
    {
      clientId,
      question: 'Launch in May?',
      options: ['Yes', 'No'],
      recommendation: 'No',
      dueDate: day(-2),
    },
    { clientId, question: 'Hire a designer?', options: ['Yes', 'No'], dueDate: day(2) },
    { clientId, question: 'Move to EU hosting?', options: ['Yes', 'No'], dueDate: day(30) },
  ]);
});

const week = () => ({
  clientId,
  start: new Date(Date.now() - 7 * 86_400_000),
  end: new Date(),
  timeZone: 'UTC',
});

describe('weekly report lines', () => {
  it('shows KPIs against target with the change since last week, amber when improving, red when not', async () => {
    const lines = await kpisReportContributor.lines(server.ctx, week());

    expect(lines.map((l) => [l.text, l.signal])).toEqual([
      [
        'Active users is 800 users. Below target (1,000 users). Up 100 users since last week.',
        'amber',
      ],
      ['Churn is 5%. Above target (3%). Up 1 point since last week.', 'red'],
      ['Revenue is 120 EUR. On target (100 EUR). No earlier number to compare.', 'green'],
    ]);
    expect(lines[0]!.evidence.href).toMatch(new RegExp(`^/clients/${clientId}/kpis/`));
  });

  it('says KPIs without a number have none yet, not that no numbers are tracked', async () => {
    const db = server.ctx.db;
    const kpi = (clientId: string, name: string) => ({
      clientId,
      name,
      unit: 'users',
      direction: 'higher' as const,
      target: 10,
      cadence: 'daily' as const,
    });
    const fresh = (await createClientRow(db, { name: 'Fresh KPIs' })).id;
    const partial = (await createClientRow(db, { name: 'Partial KPIs' })).id;
    await db.insert(kpis).values([kpi(fresh, 'Signups'), kpi(fresh, 'Referrals')]);
    const [read] = await db
      .insert(kpis)
      .values([kpi(partial, 'Signups'), kpi(partial, 'Referrals')])
      .returning();
    await db
      .insert(kpiReadings)
      .values({ kpiId: read!.id, clientId: partial, periodStart: day(-1), value: 12 });

    const report = await buildWeeklyReport(server.ctx, { clientId: fresh, timeZone: 'UTC' });
    const partialLines = await kpisReportContributor.lines(server.ctx, {
      ...week(),
      clientId: partial,
    });

    const kpiSection = report.sections.find((s) => s.id === 'kpis')!;
    expect(kpiSection.lines.map((l) => l.text)).toEqual([
      'No numbers recorded yet for your 2 KPIs.',
    ]);
    expect(kpiSection.lines[0]!.evidence.href).toBe(`/clients/${fresh}/kpis`);
    expect(partialLines.map((l) => l.text)).toEqual([
      expect.stringMatching(/^Signups is 12 users\. On target/),
      'No numbers recorded yet for Referrals.',
    ]);
  });

  it("counts a Sunday reading in its week east of UTC (the week's local dates, not UTC ones)", async () => {
    const tokyo = (await createClientRow(server.ctx.db, { name: 'Tokyo shop' })).id;
    const [orders] = await server.ctx.db
      .insert(kpis)
      .values({
        clientId: tokyo,
        name: 'Orders',
        unit: 'orders',
        direction: 'higher',
        target: 50,
        cadence: 'daily',
      })
      .returning();
    await server.ctx.db.insert(kpiReadings).values([
      { kpiId: orders!.id, clientId: tokyo, periodStart: '2026-01-18', value: 10 },
      // Sunday, the last day of the week of Mon 19 Jan in Tokyo.
      { kpiId: orders!.id, clientId: tokyo, periodStart: '2026-01-25', value: 20 },
    ]);

    const lines = await kpisReportContributor.lines(
      server.ctx,
      reportWeek({ clientId: tokyo, timeZone: 'Asia/Tokyo', weekOf: '2026-01-19' }),
    );

    expect(lines.map((l) => l.text)).toEqual([
      'Orders is 20 orders. Below target (50 orders). Up 10 orders since last week.',
    ]);
  });

  it('says "1 finding", "1 day" and "2.5 points" the way a founder would', () => {
    const kpi = (unit: string) =>
      ({ name: 'Open findings', unit, direction: 'lower', target: 0 }) as Parameters<
        typeof kpiLine
      >[0];
    const reading = (value: number, periodStart = '2026-03-09') => ({ value, periodStart });

    expect(kpiLine(kpi('findings'), reading(1), reading(2, '2026-03-02')).text).toBe(
      'Open findings is 1 finding. Above target (0 findings). Down 1 finding since last week.',
    );
    expect(kpiLine(kpi('%'), reading(40.5), reading(38, '2026-03-02')).text).toMatch(
      /Up 2.5 points since last week\.$/,
    );
    expect(['days', 'ms', 'bus', 'status', 'EUR', 'hours'].map((unit) => unitFor(1, unit))).toEqual(
      ['day', 'ms', 'bus', 'status', 'EUR', 'hour'],
    );
    expect(unitFor(2, 'days')).toBe('days');
  });

  it('marks a KPI off target with no earlier number amber, not red', () => {
    const kpi = { name: 'Shops', unit: 'shops', direction: 'higher', target: 50 } as Parameters<
      typeof kpiLine
    >[0];
    const first = { value: 42, periodStart: '2026-03-02' };
    const flat = { value: 42, periodStart: '2026-02-23' };

    expect(kpiLine(kpi, first, undefined).signal).toBe('amber');
    expect(kpiLine(kpi, first, flat).signal).toBe('red');
  });

  it('says since when there is no new number, amber rather than red for standing still', async () => {
    const quiet = (await createClientRow(server.ctx.db, { name: 'Quiet' })).id;
    const [signups] = await server.ctx.db
      .insert(kpis)
      .values({
        clientId: quiet,
        name: 'Signups',
        unit: 'signups',
        direction: 'higher',
        target: 50,
        cadence: 'daily',
      })
      .returning();
    await server.ctx.db.insert(kpiReadings).values([
      { kpiId: signups!.id, clientId: quiet, periodStart: '2026-01-09', value: 30 },
      { kpiId: signups!.id, clientId: quiet, periodStart: '2026-01-12', value: 30 },
    ]);

    const lines = await kpisReportContributor.lines(
      server.ctx,
      reportWeek({ clientId: quiet, timeZone: 'UTC', weekOf: '2026-01-19' }),
    );

    expect(lines.map((l) => [l.text, l.signal])).toEqual([
      [
        'Signups is 30 signups. Below target (50 signups). No new number since Mon 12 Jan.',
        'amber',
      ],
    ]);
    // A number older than last week is named by its date, not called "last week".
    expect(
      kpiLine(
        signups!,
        { value: 35, periodStart: '2026-01-20' },
        { value: 30, periodStart: '2026-01-09' },
        { first: '2026-01-19' },
      ).text,
    ).toBe('Signups is 35 signups. Below target (50 signups). Up 5 signups since Fri 9 Jan.');
  });

  it('compares a monthly KPI with the month before, and says since when a month has no number yet', async () => {
    const monthly = (await createClientRow(server.ctx.db, { name: 'Monthly' })).id;
    const [revenue] = await server.ctx.db
      .insert(kpis)
      .values({
        clientId: monthly,
        name: 'Revenue',
        unit: 'EUR',
        direction: 'higher',
        target: 100,
        cadence: 'monthly',
      })
      .returning();
    await server.ctx.db.insert(kpiReadings).values([
      { kpiId: revenue!.id, clientId: monthly, periodStart: '2025-12-01', value: 40 },
      { kpiId: revenue!.id, clientId: monthly, periodStart: '2026-01-01', value: 45 },
    ]);
    const linesFor = async (weekOf: string) =>
      (
        await kpisReportContributor.lines(
          server.ctx,
          reportWeek({ clientId: monthly, timeZone: 'UTC', weekOf }),
        )
      ).map((l) => [l.text, l.signal]);

    const january = await linesFor('2026-01-19');
    // The week of Mon 26 Jan runs into February: January's number is still this week's.
    const turnOfMonth = await linesFor('2026-01-26');
    const february = await linesFor('2026-02-09');

    expect(january).toEqual([
      ['Revenue is 45 EUR. Below target (100 EUR). Up 5 EUR since last month.', 'amber'],
    ]);
    expect(turnOfMonth).toEqual(january);
    expect(february).toEqual([
      ['Revenue is 45 EUR. Below target (100 EUR). No new number since Jan 2026.', 'amber'],
    ]);
  });

  it('lists decisions needed with due dates, red when past due', async () => {
    const lines = await decisionsReportContributor.lines(server.ctx, week());

    expect(lines.map((l) => [l.due, l.signal ?? null])).toEqual([
      [day(-2), 'red'],
      [day(2), null],
      [day(30), null],
    ]);
    expect(lines[0]!.text).toMatch(
      /^Late: we need your answer by .*Launch in May\? We suggest: No\.$/,
    );
  });
});

describe('decisions made', () => {
  it('reports a decision dated this week, or undated and written this week, not an old one imported now', async () => {
    const db = server.ctx.db;
    const record = (title: string, number: number) => ({ ...emptyAdr(title), number });
    await db.insert(decisions).values([
      {
        clientId,
        number: 1,
        title: 'Use PostgreSQL',
        status: 'accepted',
        date: day(-1),
        record: record('Use PostgreSQL', 1),
      },
      {
        clientId,
        number: 2,
        title: 'Use React',
        status: 'accepted',
        date: day(-200),
        record: record('Use React', 2),
      },
      {
        clientId,
        number: 3,
        title: 'Use Stripe',
        status: 'accepted',
        date: null,
        record: record('Use Stripe', 3),
      },
      {
        clientId,
        number: 4,
        title: 'Use Kafka',
        status: 'proposed',
        date: day(-1),
        record: record('Use Kafka', 4),
      },
    ]);

    const lines = await decisionsReportContributor.lines(server.ctx, week());
    const made = lines.filter((l) => l.text.startsWith('We decided'));

    expect(made.map((l) => l.text)).toEqual([
      'We decided: Use PostgreSQL.',
      'We decided: Use Stripe.',
    ]);
    await db.delete(decisions).where(eq(decisions.clientId, clientId));
  });
});

describe('decisions needed in the week still running', () => {
  it('calls a question late only once its day has passed, not because the week ends later', async () => {
    const running = { ...week(), end: new Date(Date.now() + 5 * 86_400_000) };
    const lines = await decisionsReportContributor.lines(server.ctx, running);

    expect(lines.map((l) => [l.due, l.signal ?? null])).toEqual([
      [day(-2), 'red'],
      [day(2), null],
      [day(30), null],
    ]);
    expect(lines[1]!.text).toMatch(/^We need your answer by /);
  });
});

describe('decisions needed in a past week', () => {
  it('lists what was open as that week ended: not asked since, answered or withdrawn since are still listed', async () => {
    const db = server.ctx.db;
    const other = (await createClientRow(db, { name: 'Past week' })).id;
    const at = (offset: number) => new Date(Date.now() + offset * 86_400_000);
    let due = -8;
    const ask = (question: string, createdDaysAgo: number) => ({
      clientId: other,
      question,
      options: ['Yes', 'No'],
      dueDate: day(due++),
      createdAt: at(-createdDaysAgo),
      updatedAt: at(-createdDaysAgo),
    });
    await db
      .insert(decisionsNeeded)
      .values([
        ask('Still open?', 12),
        { ...ask('Answered since?', 12), state: 'answered', answer: 'Yes', answeredAt: at(-1) },
        { ...ask('Answered that week?', 12), state: 'answered', answer: 'No', answeredAt: at(-5) },
        { ...ask('Withdrawn since?', 12), state: 'withdrawn', updatedAt: at(-1) },
        { ...ask('Withdrawn that week?', 12), state: 'withdrawn', updatedAt: at(-5) },
        ask('Asked since?', 1),
      ]);
    const past = { clientId: other, start: at(-10), end: at(-3), timeZone: 'UTC' };

    const lines = await decisionsReportContributor.lines(server.ctx, past);

    expect(lines.filter((l) => l.due).map((l) => l.text.split('. ').at(-1))).toEqual([
      'Still open?',
      'Answered since?',
      'Withdrawn since?',
    ]);
    expect(lines.filter((l) => !l.due).map((l) => l.text)).toEqual([
      'You chose "No" for: Answered that week?',
    ]);
    // The week still running lists only today's open question.
    const now = await decisionsReportContributor.lines(server.ctx, { ...past, end: at(5) });
    expect(now.filter((l) => l.due).map((l) => l.text.split('. ').at(-1))).toEqual([
      'Still open?',
      'Asked since?',
    ]);
  });
});

describe('attention items', () => {
  it('ranks a past-due question 90, one due within 3 days 65, and an off-target KPI 40', async () => {
    const items = [
      ...(await decisionsAttentionSource.items(server.ctx, [clientId])),
      ...(await kpisAttentionSource.items(server.ctx, [clientId])),
    ];

    expect(items.map((i) => [i.kind, i.urgency])).toEqual([
      ['decision-needed-overdue', 90],
      ['decision-needed-due-soon', 65],
      ['kpi-off-target', 40],
      ['kpi-off-target', 40],
    ]);
    expect(await decisionsAttentionSource.items(server.ctx, [])).toEqual([]);
  });
});
