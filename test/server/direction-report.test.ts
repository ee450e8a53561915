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
      ['Churn is 5%. Above target (3%). Up 1% since last week.', 'red'],
      ['Revenue is 120 EUR. On target (100 EUR). No earlier number to compare.', 'green'],
    ]);
    expect(lines[0]!.evidence.href).toMatch(new RegExp(`^/clients/${clientId}/kpis/`));
  });

  it('marks a KPI off target with no earlier number amber, not red', () => {
    const kpi = { name: 'Shops', unit: 'shops', direction: 'higher', target: 50 } as Parameters<
      typeof kpiLine
    >[0];
    const first = { value: 42, periodStart: '2026-03-02' } as Parameters<typeof kpiLine>[1];
    const flat = { value: 42, periodStart: '2026-02-23' } as Parameters<typeof kpiLine>[1];

    expect(kpiLine(kpi, first, undefined).signal).toBe('amber');
    expect(kpiLine(kpi, first, flat).signal).toBe('red');
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
