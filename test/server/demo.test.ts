/**
 * The demo portfolio tells a story the moment it loads: the portfolio home has something to act
 * on (a late milestone, a question past due, a retainer near its budget), each weekly report has
 * shipped work, numbers and hours in plain English, and removing the demo leaves nothing behind.
 */
import { inArray } from 'drizzle-orm';
import { beforeAll, describe, expect, it } from 'vitest';
import {
  clients,
  decisions,
  kpiReadings,
  milestones,
  timeEntries,
} from '../../src/server/db/schema.ts';
import type { WeeklyReport } from '../../src/shared/reports.ts';
import type { Portfolio } from '../../src/shared/portfolio.ts';
import { createClientRow, signedInAs } from './factories.ts';
import { startTestServer, type TestServer } from './harness.ts';
import type { ApiClient } from './harness.ts';

let server: TestServer;
let owner: ApiClient;

beforeAll(async () => {
  server = await startTestServer();
  owner = (await signedInAs(server, { role: 'owner' })).api;
});

async function demoClients() {
  const rows = await server.ctx.db.select().from(clients);
  return rows.filter((c) => c.isDemo);
}

describe('demo portfolio', () => {
  it('loads three clients with their story, once', async () => {
    const first = await owner.post<{ created: number }>('/api/v1/demo', {});
    const again = await owner.post<{ created: number }>('/api/v1/demo', {});
    expect([first.status, first.body.created, again.body.created]).toEqual([200, 3, 0]);

    const ids = (await demoClients()).map((c) => c.id);
    const counts = await Promise.all(
      [milestones, kpiReadings, decisions, timeEntries].map(
        async (table) =>
          (await server.ctx.db.select().from(table).where(inArray(table.clientId, ids))).length,
      ),
    );
    expect(counts.every((n) => n > 0)).toBe(true);
  });

  it('gives the portfolio home something to act on', async () => {
    const portfolio = await owner.get<Portfolio>('/api/v1/portfolio');
    const kinds = portfolio.body.attention.map((i) => `${i.clientName}: ${i.kind}`);
    expect(kinds).toEqual(
      expect.arrayContaining([
        'Lumen Clinics (demo): milestone-overdue',
        'Lumen Clinics (demo): decision-needed-overdue',
        'Tidewater Freight (demo): retainer-near-budget',
        'Tidewater Freight (demo): decision-needed-due-soon',
      ]),
    );
  });

  it('writes weekly reports with shipped work, numbers and hours, in plain English', async () => {
    for (const client of await demoClients()) {
      const { body: report } = await owner.get<WeeklyReport>(
        `/api/v1/clients/${client.id}/reports/weekly`,
      );
      const section = (id: string) => report.sections.find((s) => s.id === id)!;
      expect(section('kpis').lines.length, client.name).toBeGreaterThan(0);
      expect(section('decisions').lines.length, client.name).toBeGreaterThan(0);
      expect(section('hours').lines.length, client.name).toBeGreaterThan(0);
      expect(report.readingEase, client.name).toBeGreaterThanOrEqual(50);
      if (client.name.startsWith('Orchard'))
        expect(
          section('shipped')
            .lines.map((l) => l.text)
            .join(' '),
        ).toContain('Answers from uploaded reports');
    }
  });

  it('removes every demo client and what was recorded for them, and nothing else', async () => {
    const kept = await createClientRow(server.ctx.db, { name: 'A real client' });
    const ids = (await demoClients()).map((c) => c.id);
    const removed = await owner.delete<{ removed: number }>('/api/v1/demo');
    expect(removed.body.removed).toBe(3);

    const left = await Promise.all(
      [milestones, kpiReadings, decisions, timeEntries].map(
        async (table) =>
          (await server.ctx.db.select().from(table).where(inArray(table.clientId, ids))).length,
      ),
    );
    expect(left).toEqual([0, 0, 0, 0]);
    const remaining = await server.ctx.db.select().from(clients);
    expect(remaining.map((c) => c.id)).toContain(kept.id);
  });
});
