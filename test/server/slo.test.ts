/**
 * SLOs on a real database: CRUD and the 400s naming the field, the error budget from hour
 * rollups, and a burn-rate episode from minute rollups inserted by the test: one signed "burn"
 * webhook to a loopback receiver, no repeat on the next evaluation, one "resolved" when it clears.
 */
import http from 'node:http';
import type { AddressInfo } from 'node:net';
import { and, eq, sql } from 'drizzle-orm';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { alertDeliveries, monitorRollups } from '../../src/server/db/schema.ts';
import { rollUp } from '../../src/server/monitoring/rollups.ts';
import { evaluateSlos } from '../../src/server/monitoring/slo.service.ts';
import { sloContributor } from '../../src/server/monitoring/slo.contributor.ts';
import { buildWeeklyReport } from '../../src/server/reports/weekly-report.ts';
import type { Portfolio } from '../../src/shared/portfolio.ts';
import type { SloStatus } from '../../src/shared/slo.ts';
import type { ApiClient } from './harness.ts';
import { startTestServer, type TestServer } from './harness.ts';
import { createClientRow, createMonitorRow, signedInAs } from './factories.ts';
import { waitFor } from './wait-for.ts';

let server: TestServer;
let owner: ApiClient;

beforeAll(async () => {
  server = await startTestServer({ work: true, config: { monitorAllowPrivate: true } });
  owner = (await signedInAs(server, { role: 'owner' })).api;
});

const newMonitor = (clientId: string, name: string) =>
  createMonitorRow(server.ctx.db, clientId, {
    name,
    target: { kind: 'http', url: 'https://example.com/' },
    retries: 2,
    recoveries: 1,
  });

/** Minute rows for the last `minutes` minutes, `checks` per minute, `failures` of them failed. */
async function minuteRows(monitorId: string, minutes: number, checks: number, failures: number) {
  const now = Math.floor(Date.now() / 60_000) * 60_000;
  await server.ctx.db
    .delete(monitorRollups)
    .where(and(eq(monitorRollups.monitorId, monitorId), eq(monitorRollups.grain, 'minute')));
  await server.ctx.db.insert(monitorRollups).values(
    Array.from({ length: minutes }, (_, i) => ({
      monitorId,
      grain: 'minute' as const,
      start: new Date(now - (i + 1) * 60_000),
      checks,
      failures,
    })),
  );
}

/**
 * Hour rows for the last `hours` hours and the day rows they add up to, as the rollup writes.
 * `failures`: in the current hour only, or per hour start (ms) when a function.
 */
async function hourRows(
  monitorId: string,
  hours: number,
  checks: number,
  failures: number | ((start: number) => number),
) {
  const now = Math.floor(Date.now() / 3_600_000) * 3_600_000;
  const rows = Array.from({ length: hours }, (_, i) => ({
    monitorId,
    grain: 'hour' as const,
    start: new Date(now - i * 3_600_000),
    checks,
    failures:
      typeof failures === 'function' ? failures(now - i * 3_600_000) : i === 0 ? failures : 0,
  }));
  const days = new Map<number, { checks: number; failures: number }>();
  for (const r of rows) {
    const day = Math.floor(r.start.getTime() / 86_400_000) * 86_400_000;
    const sum = days.get(day) ?? { checks: 0, failures: 0 };
    sum.checks += r.checks;
    sum.failures += r.failures;
    days.set(day, sum);
  }
  await server.ctx.db.insert(monitorRollups).values(rows);
  await server.ctx.db.insert(monitorRollups).values(
    [...days].map(([day, sum]) => ({
      monitorId,
      grain: 'day' as const,
      start: new Date(day),
      ...sum,
    })),
  );
}

describe('SLO definitions', () => {
  it('creates, lists with the budget left, changes and deletes an SLO over a group', async () => {
    const clientId = (await createClientRow(server.ctx.db)).id;
    const api = await newMonitor(clientId, 'API');
    const web = await newMonitor(clientId, 'Web');
    // 30 days × 24 hours × 60 checks = 43,200 checks per monitor; 0.1 % allows 86.4 failures.
    await hourRows(api, 720, 60, 40);
    await hourRows(web, 720, 60, 3);

    const created = await owner.post<{ id: string }>(`/api/v1/clients/${clientId}/slos`, {
      name: 'Checkout availability',
      monitorIds: [api, web],
      targetPercent: 99.9,
    });
    const list = await owner.get<{ slos: SloStatus[] }>(`/api/v1/clients/${clientId}/slos`);
    const patched = await owner.patch<{ targetPercent: number }>(
      `/api/v1/clients/${clientId}/slos/${created.body.id}`,
      { targetPercent: 99.5 },
    );
    const one = await owner.get<SloStatus>(`/api/v1/clients/${clientId}/slos/${created.body.id}`);
    const removed = await owner.delete(`/api/v1/clients/${clientId}/slos/${created.body.id}`);

    expect(created.status).toBe(201);
    const status = list.body.slos[0]!;
    expect(status).toMatchObject({ windowDays: 30, checks: 86_400, failures: 43, isMet: true });
    expect(status.allowedFailures).toBeCloseTo(86.4, 3);
    expect(status.budgetLeft).toBeCloseTo(1 - 43 / 86.4, 3);
    expect(patched.body.targetPercent).toBe(99.5);
    expect(one.body.budgetLeft).toBeCloseTo(1 - 43 / 432, 3);
    expect(removed.status).toBe(204);
  });

  it.each([
    [{ targetPercent: 100 }, 'body.targetPercent'],
    [{ monitorIds: [] }, 'body.monitorIds'],
    [{ windowDays: 365 }, 'body.windowDays'],
  ])('refuses %j with a 400 naming the field', async (change, field) => {
    const clientId = (await createClientRow(server.ctx.db)).id;
    const monitorId = await newMonitor(clientId, 'API');

    const response = await owner.post<{ error: { details: { path: string }[] } }>(
      `/api/v1/clients/${clientId}/slos`,
      { name: 'Bad', monitorIds: [monitorId], targetPercent: 99.9, ...change },
    );

    expect(response.status).toBe(400);
    expect(response.body.error.details.map((d) => d.path)).toContain(field);
  });

  it("refuses another client's monitor, naming its position", async () => {
    const clientId = (await createClientRow(server.ctx.db)).id;
    const other = (await createClientRow(server.ctx.db)).id;
    const mine = await newMonitor(clientId, 'Mine');
    const theirs = await newMonitor(other, 'Theirs');

    const response = await owner.post<{ error: { details: { path: string }[] } }>(
      `/api/v1/clients/${clientId}/slos`,
      { name: 'Mixed', monitorIds: [mine, theirs], targetPercent: 99 },
    );

    expect(response.status).toBe(400);
    expect(response.body.error.details.map((d) => d.path)).toEqual(['body.monitorIds.1']);
  });
});

describe('burn-rate alerts', () => {
  let receiver: http.Server;
  const received: { body: Record<string, unknown>; signature: string }[] = [];
  let hookUrl: string;

  beforeAll(async () => {
    receiver = http.createServer((req, res) => {
      let body = '';
      req.on('data', (c: Buffer) => (body += c.toString()));
      req.on('end', () => {
        received.push({
          body: JSON.parse(body) as Record<string, unknown>,
          signature: String(req.headers['x-keel-signature']),
        });
        res.end('ok');
      });
    });
    await new Promise<void>((r) => receiver.listen(0, '127.0.0.1', () => r()));
    hookUrl = `http://127.0.0.1:${(receiver.address() as AddressInfo).port}/hook`;
  });
  afterAll(() => new Promise<void>((r) => receiver.close(() => r())));

  it('pages once per episode through the webhook and says when it is resolved', async () => {
    const clientId = (await createClientRow(server.ctx.db)).id;
    await owner.post(`/api/v1/clients/${clientId}/alert-channels`, {
      kind: 'webhook',
      name: 'Ops',
      url: hookUrl,
    });
    const monitorId = await newMonitor(clientId, 'API');
    const slo = await owner.post<{ id: string }>(`/api/v1/clients/${clientId}/slos`, {
      name: 'API availability',
      monitorIds: [monitorId],
      targetPercent: 99.9,
    });
    const mine = () => received.filter((r) => (r.body.slo as { id: string }).id === slo.body.id);
    // 2 failures in 60 checks a minute for 6 hours: 3.3 % failing = 33× the 0.1 % allowed.
    await minuteRows(monitorId, 360, 60, 2);

    await rollUp(server.ctx); // brings the rollup watermark to this minute
    // The minute job may evaluate too; the compare-and-set on the burn level keeps it to one alert.
    await evaluateSlos(server.ctx, { clientId });
    await waitFor(async () => mine().length >= 1, 'the burn alert');
    await evaluateSlos(server.ctx, { clientId });
    const burning = await owner.get<SloStatus>(`/api/v1/clients/${clientId}/slos/${slo.body.id}`);
    await minuteRows(monitorId, 360, 60, 0);
    await evaluateSlos(server.ctx, { clientId });
    await waitFor(async () => mine().length >= 2, 'the resolved notice');
    const cleared = await owner.get<SloStatus>(`/api/v1/clients/${clientId}/slos/${slo.body.id}`);

    const stored = await server.ctx.db
      .select({ event: alertDeliveries.event })
      .from(alertDeliveries)
      .where(sql`${alertDeliveries.payload}->'slo'->>'id' = ${slo.body.id}`)
      .orderBy(alertDeliveries.createdAt);
    expect(stored.map((d) => d.event)).toEqual(['slo-burn', 'slo-resolved']);
    expect(burning.body).toMatchObject({ burnLevel: 'page', currentLevel: 'page' });
    expect(burning.body.burnRates['1h']).toBeCloseTo(33.3333, 3);
    const [burn, resolved] = mine();
    expect(burn!.body).toMatchObject({
      event: 'slo-burn',
      clientId,
      slo: { name: 'API availability', level: 'page' },
    });
    expect(String(burn!.body.message)).toContain('33.3× over 1 h');
    expect(burn!.signature).toMatch(/^t=\d+,v1=[0-9a-f]{64}$/);
    expect(resolved!.body).toMatchObject({ event: 'slo-resolved', slo: { level: 'ok' } });
    expect(cleared.body).toMatchObject({ burnLevel: 'ok', currentLevel: 'ok' });
    expect(mine()).toHaveLength(2);
  });

  it('does not judge burn rates on stale rollups (a stalled rollup job is not a recovery)', async () => {
    const clientId = (await createClientRow(server.ctx.db)).id;
    const monitorId = await newMonitor(clientId, 'API');
    await owner.post(`/api/v1/clients/${clientId}/slos`, {
      name: 'API',
      monitorIds: [monitorId],
      targetPercent: 99.9,
    });
    await minuteRows(monitorId, 360, 60, 30);
    await rollUp(server.ctx);

    const later = await evaluateSlos(server.ctx, {
      clientId,
      now: new Date(Date.now() + 10 * 60_000),
    });

    expect(later).toEqual({ evaluated: 0, alerts: 0 });
  });

  it('opens a ticket-level warning at 6× over 6 h and 30 min without paging', async () => {
    const clientId = (await createClientRow(server.ctx.db)).id;
    await owner.post(`/api/v1/clients/${clientId}/alert-channels`, {
      kind: 'webhook',
      name: 'Ops',
      url: hookUrl,
    });
    const monitorId = await newMonitor(clientId, 'Worker');
    const slo = await owner.post<{ id: string }>(`/api/v1/clients/${clientId}/slos`, {
      name: 'Jobs',
      monitorIds: [monitorId],
      targetPercent: 99,
    });
    // 8 % failing against 1 % allowed: 8×, between the warn (6×) and page (14.4×) thresholds.
    await minuteRows(monitorId, 360, 50, 4);
    await rollUp(server.ctx);

    await evaluateSlos(server.ctx, { clientId });
    const alert = await waitFor(
      async () => received.find((r) => (r.body.slo as { id: string }).id === slo.body.id),
      'the warning',
    );

    expect(alert.body).toMatchObject({ event: 'slo-burn', slo: { level: 'warn' } });
    expect(String(alert.body.message)).toContain('ticket at 6×');
  });
});

describe('SLOs and maintenance windows', () => {
  it('leaves checks run during a maintenance window out of the budget and the burn rates', async () => {
    const clientId = (await createClientRow(server.ctx.db)).id;
    const covered = await newMonitor(clientId, 'Covered');
    const other = await newMonitor(clientId, 'Not covered');
    const HOUR = 3_600_000;
    const hourNow = Math.floor(Date.now() / HOUR) * HOUR;
    const minuteNow = Math.floor(Date.now() / 60_000) * 60_000;
    // An outage from 5 h to 2 h before this hour; maintenance from 4 h 30 min to 2 h before.
    const outage = { start: hourNow - 5 * HOUR, end: hourNow - 2 * HOUR };
    const failing = (t: number) => t >= outage.start && t < outage.end;
    for (const monitorId of [covered, other]) {
      await hourRows(monitorId, 720, 60, (start) => (failing(start) ? 60 : 0));
      await server.ctx.db.insert(monitorRollups).values(
        Array.from({ length: 420 }, (_, i) => {
          const start = minuteNow - (i + 1) * 60_000;
          return {
            monitorId,
            grain: 'minute' as const,
            start: new Date(start),
            checks: 1,
            failures: failing(start) ? 1 : 0,
          };
        }),
      );
    }
    const local = (ms: number) => new Date(ms).toISOString().slice(0, 16);
    const window = await owner.post(`/api/v1/clients/${clientId}/maintenance-windows`, {
      name: 'Database upgrade',
      schedule: {
        type: 'once',
        start: local(hourNow - 4.5 * HOUR),
        end: local(hourNow - 2 * HOUR),
        timezone: 'UTC',
      },
      monitorIds: [covered],
    });
    for (const [name, monitorId] of [
      ['Covered', covered],
      ['Not covered', other],
    ] as const)
      await owner.post(`/api/v1/clients/${clientId}/slos`, {
        name,
        monitorIds: [monitorId],
        targetPercent: 99.9,
      });

    const list = await owner.get<{ slos: SloStatus[] }>(`/api/v1/clients/${clientId}/slos`);

    expect(window.status).toBe(201);
    const byName = Object.fromEntries(list.body.slos.map((s) => [s.name, s]));
    // 2 whole hours (120 checks) and 30 minutes of the partly covered hour leave the window.
    expect(byName.Covered).toMatchObject({ checks: 43_200 - 150, failures: 30 });
    expect(byName['Not covered']).toMatchObject({ checks: 43_200, failures: 180 });
    // 6 h burn: 360 minutes (359 when the 6 h start falls inside a minute), 180 failed, 150 of
    // those in maintenance: 30 failures in 210 checks, against 180 in 360 without the window.
    const burn = (name: string) => byName[name]!.burnRates['6h']!;
    expect(burn('Covered')).toBeGreaterThan(30 / 210 / 0.001 - 0.01);
    expect(burn('Covered')).toBeLessThan(30 / 209 / 0.001 + 0.01);
    expect(burn('Not covered')).toBeGreaterThan(495);
    expect(burn('Not covered')).toBeLessThan(505);
  });
});

describe('a burning SLO in the weekly report and on the portfolio home', () => {
  it('writes a plain line linking to the SLO and lists it as needing attention', async () => {
    const clientId = (await createClientRow(server.ctx.db, { name: 'Shopco' })).id;
    const monitorId = await newMonitor(clientId, 'Checkout');
    const slo = await owner.post<{ id: string }>(`/api/v1/clients/${clientId}/slos`, {
      name: 'Checkout',
      monitorIds: [monitorId],
      targetPercent: 99.9,
    });
    // A quiet month (2 failures in 43,200 checks), then 2 failures a minute for 6 hours: 33×.
    await hourRows(monitorId, 720, 60, 2);
    await minuteRows(monitorId, 360, 60, 2);
    await rollUp(server.ctx);
    await evaluateSlos(server.ctx, { clientId });

    const report = await buildWeeklyReport(server.ctx, {
      clientId,
      timeZone: 'UTC',
      contributors: [sloContributor],
    });
    const portfolio = await owner.get<Portfolio>('/api/v1/portfolio');

    const line = report.sections.find((s) => s.id === 'uptime')!.lines[0]!;
    expect(line.text).toBe(
      'Checkout is using its reliability budget 33 times too fast. At this pace it runs out in less than a day.',
    );
    expect(line.evidence.href).toBe(`/clients/${clientId}/monitoring/slos#slo-${slo.body.id}`);
    expect(report.status).toBe('red');
    expect(report.readingEase).toBeGreaterThanOrEqual(50);
    const item = portfolio.body.attention.find((i) => i.clientId === clientId);
    expect(item).toMatchObject({
      text: 'Checkout is using its reliability budget far too fast.',
      href: `/clients/${clientId}/monitoring/slos#slo-${slo.body.id}`,
      urgency: 92,
    });
  });
});
