/**
 * What the web app's monitoring pages read, on a real database over real HTTP: the list's
 * filters, target search and 24 h sparklines from the rollups; the latency percentiles per
 * window; incidents of one monitor; a heartbeat's ping URL replaced; an alert channel turned off
 * and its test alert's outcome; and open incidents first on the portfolio home.
 */
import { eq } from 'drizzle-orm';
import { beforeAll, describe, expect, it } from 'vitest';
import {
  alertChannels,
  incidents,
  milestones,
  monitorRollups,
  monitors,
} from '../../src/server/db/schema.ts';
import {
  LATENCY_BUCKETS,
  bucketOf,
  emptyHistogram,
  encodeHistogram,
  rollUp,
} from '../../src/server/monitoring/rollups.ts';
import type { Portfolio } from '../../src/shared/portfolio.ts';
import type { ApiClient } from './harness.ts';
import { startTestServer, type TestServer } from './harness.ts';
import { createClientRow, signedInAs } from './factories.ts';

let server: TestServer;
let owner: ApiClient;
let clientId: string;

beforeAll(async () => {
  server = await startTestServer();
  clientId = (await createClientRow(server.ctx.db)).id;
  owner = (await signedInAs(server, { role: 'owner' })).api;
});

const HOUR = 3_600_000;

async function insertMonitor(name: string, target: Record<string, unknown>, status = 'up') {
  const [row] = await server.ctx.db
    .insert(monitors)
    .values({
      clientId,
      name,
      kind: target.kind as 'http',
      target,
      intervalSeconds: 60,
      timeoutSeconds: 10,
      retries: 2,
      recoveries: 1,
      status: status as 'up',
    })
    .returning();
  return row!.id;
}

/** One rollup row with `checks` checks, `failures` of them failed, the rest at `ms` each. */
function rollup(monitorId: string, grain: 'hour' | 'day', start: number, ms: number, failures = 0) {
  const checks = 60;
  const histogram = emptyHistogram();
  histogram[bucketOf(ms)] = checks - failures;
  return {
    monitorId,
    grain,
    start: new Date(start),
    checks,
    failures,
    latencySumMs: ms * (checks - failures),
    buckets: encodeHistogram(histogram),
  };
}

describe('the monitor list', () => {
  it('filters by kind and status, searches names and targets, and draws sparklines from rollups', async () => {
    const api = await insertMonitor('API', { kind: 'http', url: 'https://api.shop.test/health' });
    const db = await insertMonitor(
      'Database port',
      { kind: 'tcp', host: 'db.shop.test', port: 5432 },
      'down',
    );
    await insertMonitor('Docs', { kind: 'http', url: 'https://docs.other.test/' });
    const thisHour = Math.floor(Date.now() / HOUR) * HOUR;
    await server.ctx.db
      .insert(monitorRollups)
      .values([
        rollup(api, 'hour', thisHour, 120, 6),
        rollup(api, 'hour', thisHour - 5 * HOUR, 40),
      ]);
    const base = `/api/v1/clients/${clientId}/monitors`;

    const all = await owner.get<{ monitors: { id: string; name: string }[]; total: number }>(base);
    const byHost = await owner.get<{ monitors: { id: string }[] }>(`${base}?q=shop.test`);
    const tcp = await owner.get<{ monitors: { id: string }[] }>(`${base}?kind=tcp`);
    const down = await owner.get<{ monitors: { id: string }[] }>(`${base}?status=down`);
    const page = await owner.get<{ monitors: { id: string }[]; total: number }>(
      `${base}?limit=1&offset=1`,
    );
    const one = await owner.get<{
      monitors: { sparkline: (number | null)[]; latencyLine: (number | null)[] }[];
    }>(`${base}?q=API`);
    const bad = await owner.get(`${base}?status=sideways`);

    expect(all.body.monitors[0]!.id).toBe(db);
    expect(all.body.total).toBe(3);
    expect(byHost.body.monitors.map((m) => m.id).sort()).toEqual([api, db].sort());
    expect(tcp.body.monitors.map((m) => m.id)).toEqual([db]);
    expect(down.body.monitors.map((m) => m.id)).toEqual([db]);
    expect(page.body).toMatchObject({ total: 3 });
    expect(page.body.monitors).toHaveLength(1);
    const line = one.body.monitors[0]!;
    expect(line.sparkline).toHaveLength(24);
    expect(line.sparkline[23]).toBeCloseTo(0.9);
    expect(line.sparkline[18]).toBe(1);
    expect(line.sparkline[0]).toBeNull();
    expect(line.latencyLine[23]).toBe(120);
    expect(line.latencyLine[18]).toBe(40);
    expect(bad.status).toBe(400);
  });
});

describe('the monitor page', () => {
  it('answers latency percentiles and uptime per hour or day for each window', async () => {
    const id = await insertMonitor('Checkout', { kind: 'http', url: 'https://shop.test/cart' });
    const thisHour = Math.floor(Date.now() / HOUR) * HOUR;
    const today = Math.floor(Date.now() / (24 * HOUR)) * 24 * HOUR;
    await server.ctx.db
      .insert(monitorRollups)
      .values([
        rollup(id, 'hour', thisHour, 180),
        rollup(id, 'hour', thisHour - 30 * HOUR, 900, 30),
        rollup(id, 'day', today - 100 * 24 * HOUR, 40),
      ]);
    const url = `/api/v1/clients/${clientId}/monitors/${id}/latency`;
    type Series = {
      points: {
        start: string;
        uptime: number | null;
        p50Ms: number | null;
        p99Ms: number | null;
      }[];
    };

    const day = await owner.get<Series>(url);
    const week = await owner.get<Series>(`${url}?window=7d`);
    const month = await owner.get<Series>(`${url}?window=30d`);
    const year = await owner.get<Series>(`${url}?window=365d`);
    const wrong = await owner.get(`${url}?window=2y`);

    expect(day.body.points).toHaveLength(24);
    const last = day.body.points[23]!;
    expect(new Date(last.start).getTime()).toBe(thisHour);
    expect(last.uptime).toBe(1);
    expect(last.p50Ms).toBeGreaterThan(LATENCY_BUCKETS[bucketOf(180) - 1]!);
    expect(last.p99Ms).toBeLessThanOrEqual(LATENCY_BUCKETS[bucketOf(180)]!);
    expect(day.body.points[0]!.p50Ms).toBeNull();
    expect(week.body.points).toHaveLength(168);
    expect(week.body.points.find((p) => p.uptime === 0.5)).toBeDefined();
    expect(month.body.points).toHaveLength(30);
    expect(year.body.points).toHaveLength(365);
    expect(year.body.points.filter((p) => p.p50Ms !== null)).toHaveLength(1);
    expect(wrong.status).toBe(400);
  });

  it('answers the last 6 hours in 5-minute points, with percentiles, from what the rollup wrote', async () => {
    const id = await insertMonitor('Search', { kind: 'http', url: 'https://shop.test/search' });
    const FIVE = 5 * 60_000;
    const slot = Math.floor((Date.now() - 30 * 60_000) / FIVE) * FIVE;
    // Three checks in two different minutes of one 5-minute slot: 50 ms, 400 ms and a failure.
    await server.ctx.database.query(
      `insert into monitor_results (monitor_id, at, ok, status, message, total_ms)
       values ($1, $2::timestamptz, true, 'up', 'ok', 50), ($1, $3::timestamptz, true, 'up', 'ok', 400),
              ($1, $4::timestamptz, false, 'down', 'timeout', null)`,
      [
        id,
        new Date(slot + 10_000).toISOString(),
        new Date(slot + 70_000).toISOString(),
        new Date(slot + 80_000).toISOString(),
      ],
    );
    await rollUp(server.ctx, { now: new Date(Date.now() + 30_000) });

    const sixHours = await owner.get<{
      points: {
        start: string;
        checks: number;
        uptime: number | null;
        p50Ms: number | null;
        p99Ms: number | null;
      }[];
    }>(`/api/v1/clients/${clientId}/monitors/${id}/latency?window=6h`);

    expect(sixHours.status).toBe(200);
    expect(sixHours.body.points).toHaveLength(72);
    const point = sixHours.body.points.find((p) => new Date(p.start).getTime() === slot);
    expect(point).toMatchObject({ checks: 3, uptime: 2 / 3 });
    expect(point!.p50Ms).toBeGreaterThan(LATENCY_BUCKETS[bucketOf(50) - 1]!);
    expect(point!.p99Ms).toBeGreaterThan(LATENCY_BUCKETS[bucketOf(400) - 1]!);
    expect(point!.p99Ms).toBeLessThanOrEqual(LATENCY_BUCKETS[bucketOf(400)]!);
    expect(sixHours.body.points.filter((p) => p.checks > 0)).toHaveLength(1);
  });

  it('lists the incidents of one monitor only', async () => {
    const a = await insertMonitor('A', { kind: 'tcp', host: 'a.test', port: 1 }, 'down');
    const b = await insertMonitor('B', { kind: 'tcp', host: 'b.test', port: 1 }, 'down');
    await server.ctx.db.insert(incidents).values([
      { monitorId: a, clientId, cause: 'refused' },
      { monitorId: b, clientId, cause: 'timeout' },
    ]);

    const onlyA = await owner.get<{ incidents: { monitorId: string; cause: string }[] }>(
      `/api/v1/clients/${clientId}/incidents?monitorId=${a}`,
    );

    expect(onlyA.body.incidents.map((i) => i.cause)).toEqual(['refused']);
  });

  it('replaces a heartbeat’s ping URL: the old one stops working, the new one is shown once', async () => {
    const created = await owner.post<{ id: string; pingToken: string }>(
      `/api/v1/clients/${clientId}/monitors`,
      {
        name: 'Nightly backup',
        target: {
          kind: 'heartbeat',
          schedule: { type: 'period', periodSeconds: 86400 },
          isBackup: true,
        },
      },
    );
    const old = created.body.pingToken;

    const rotated = await owner.post<{ pingToken: string }>(
      `/api/v1/clients/${clientId}/monitors/${created.body.id}/ping-token`,
    );
    const oldPing = await owner.get(`/ping/${old}`);
    const newPing = await owner.get(`/ping/${rotated.body.pingToken}`);
    const shown = await owner.get<Record<string, unknown>>(
      `/api/v1/clients/${clientId}/monitors/${created.body.id}`,
    );
    const notHeartbeat = await owner.post(
      `/api/v1/clients/${clientId}/monitors/${await insertMonitor('X', { kind: 'tcp', host: 'x.test', port: 1 })}/ping-token`,
    );

    expect(rotated.status).toBe(200);
    expect(rotated.body.pingToken).not.toBe(old);
    expect(oldPing.status).toBe(404);
    expect(newPing.status).toBe(200);
    expect(JSON.stringify(shown.body)).not.toContain(rotated.body.pingToken);
    expect(notHeartbeat.status).toBe(400);
  });
});

describe('alert channels', () => {
  it('turns a channel off for this client’s alerts and shows a test alert’s delivery', async () => {
    const channel = await owner.post<{ id: string; enabled: boolean }>(
      `/api/v1/clients/${clientId}/alert-channels`,
      { kind: 'email', name: 'On call', to: ['oncall@shop.test'] },
    );
    const base = `/api/v1/clients/${clientId}/alert-channels/${channel.body.id}`;

    const off = await owner.patch<{ enabled: boolean; name: string }>(base, {
      enabled: false,
      name: 'On call (nights)',
    });
    const test = await owner.post<{ deliveryId: string }>(`${base}/test`);
    const deliveries = await owner.get<{
      deliveries: { id: string; event: string; state: string }[];
    }>(`${base}/deliveries`);
    const [stored] = await server.ctx.db
      .select()
      .from(alertChannels)
      .where(eq(alertChannels.id, channel.body.id));
    const emptyName = await owner.patch(base, { name: ' ' });

    expect(off.body).toMatchObject({ enabled: false, name: 'On call (nights)' });
    expect(stored!.enabled).toBe(false);
    expect(deliveries.body.deliveries.map((d) => [d.id, d.event])).toEqual([
      [test.body.deliveryId, 'test'],
    ]);
    expect(emptyName.status).toBe(400);
  });
});

describe('the portfolio home', () => {
  it('puts an open incident before an overdue milestone', async () => {
    const id = await insertMonitor(
      'Storefront',
      { kind: 'http', url: 'https://shop.test/' },
      'down',
    );
    await server.ctx.db.insert(incidents).values({ monitorId: id, clientId, cause: 'refused' });
    await server.ctx.db.insert(milestones).values({
      clientId,
      title: 'Launch search',
      dueDate: '2020-01-01',
      plannedDate: '2020-01-01',
    });

    const home = await owner.get<Portfolio>('/api/v1/portfolio');

    const kinds = home.body.attention.map((i) => i.kind);
    expect(kinds).toContain('milestone-overdue');
    expect(kinds[0]).toBe('incident-open');
    expect(home.body.attention[0]!.href).toMatch(/^\/clients\/[^/]+\/monitoring\/incidents\//);
  });
});
