/**
 * Monitoring end to end on a real database: monitor definitions (and the 400s naming the field),
 * the scheduler running checks against loopback targets, an incident opening after the retries
 * with its timeline, a signed webhook received and verified, recovery, heartbeats by ping, and
 * two schedulers on one database never running a check twice.
 */
import { createHmac } from 'node:crypto';
import http from 'node:http';
import type { AddressInfo } from 'node:net';
import { eq, sql } from 'drizzle-orm';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { monitorResults, monitors } from '../../src/server/db/schema.ts';
import { createMonitorScheduler } from '../../src/server/monitoring/scheduler.ts';
import { rollUp } from '../../src/server/monitoring/rollups.ts';
import { uptimeContributor } from '../../src/server/monitoring/uptime.contributor.ts';
import { incidentsAttention } from '../../src/server/monitoring/incidents.attention.ts';
import { ApiClient, startTestServer, type TestServer } from './harness.ts';
import { createClientRow, createMonitorRow, signedInAs } from './factories.ts';
import { startTargets, type Targets } from './monitoring/targets.ts';
import { waitFor } from './wait-for.ts';

let server: TestServer;
let targets: Targets;
let owner: ApiClient;
let clientId: string;

beforeAll(async () => {
  server = await startTestServer({ work: true, config: { monitorAllowPrivate: true } });
  targets = await startTargets();
  clientId = (await createClientRow(server.ctx.db)).id;
  owner = (await signedInAs(server, { role: 'owner' })).api;
});
afterAll(() => targets.close());

const due = (id: string) =>
  server.ctx.db
    .update(monitors)
    .set({ nextRunAt: sql`now()` })
    .where(eq(monitors.id, id));

describe('monitor definitions', () => {
  it('creates, lists, searches, changes and deletes a monitor', async () => {
    const created = await owner.post<{ id: string; status: string; nextRunAt: string }>(
      `/api/v1/clients/${clientId}/monitors`,
      { name: 'Marketing site', target: { kind: 'http', url: `${targets.http}/ok` } },
    );
    const list = await owner.get<{ monitors: { id: string }[]; total: number }>(
      `/api/v1/clients/${clientId}/monitors?q=marketing`,
    );
    const none = await owner.get<{ total: number }>(`/api/v1/clients/${clientId}/monitors?q=zzz`);
    const patched = await owner.patch<{ intervalSeconds: number }>(
      `/api/v1/clients/${clientId}/monitors/${created.body.id}`,
      { intervalSeconds: 30 },
    );
    const removed = await owner.delete(`/api/v1/clients/${clientId}/monitors/${created.body.id}`);

    expect(created.status).toBe(201);
    expect(created.body.status).toBe('pending');
    expect(list.body.monitors.map((m) => m.id)).toEqual([created.body.id]);
    expect(none.body.total).toBe(0);
    expect(patched.body.intervalSeconds).toBe(30);
    expect(removed.status).toBe(204);
  });

  it.each([
    [{ kind: 'http', url: 'ftp://example.com' }, {}, 'body.target.url'],
    [{ kind: 'http', url: 'https://example.com' }, { intervalSeconds: 5 }, 'body.intervalSeconds'],
    [
      { kind: 'heartbeat', schedule: { type: 'cron', cron: 'every day', timezone: 'UTC' } },
      {},
      'body.target.schedule.cron',
    ],
    [
      { kind: 'heartbeat', schedule: { type: 'cron', cron: '0 3 * * *', timezone: 'Mars/Base' } },
      {},
      'body.target.schedule.timezone',
    ],
    [
      { kind: 'http', url: 'https://example.com', bodyRegex: '(a)\\1' },
      {},
      'body.target.bodyRegex',
    ],
  ])('refuses %j with a 400 naming the field', async (target, extra, field) => {
    const response = await owner.post<{ error: { details: { path: string }[] } }>(
      `/api/v1/clients/${clientId}/monitors`,
      { name: 'Bad', target, ...extra },
    );

    expect(response.status).toBe(400);
    expect(response.body.error.details.map((d) => d.path)).toContain(field);
  });

  it('allows a 1 s interval only with the expert setting', async () => {
    const response = await owner.post(`/api/v1/clients/${clientId}/monitors`, {
      name: 'Fast',
      target: { kind: 'tcp', host: '127.0.0.1', port: targets.closedPort },
      intervalSeconds: 1,
      expertInterval: true,
      enabled: false,
    });

    expect(response.status).toBe(201);
  });

  it('refuses a webhook to a cloud metadata address', async () => {
    const response = await owner.post<{ error: { details: { path: string }[] } }>(
      `/api/v1/clients/${clientId}/alert-channels`,
      { kind: 'webhook', name: 'Evil', url: 'http://169.254.169.254/latest' },
    );

    expect(response.status).toBe(400);
    expect(response.body.error.details[0]!.path).toBe('body.url');
  });
});

describe('incidents and alerts', () => {
  it('opens an incident after the retries, sends a signed webhook, and closes on recovery', async () => {
    const received: { body: string; signature: string }[] = [];
    const receiver = http.createServer((req, res) => {
      let body = '';
      req.on('data', (c: Buffer) => (body += c.toString()));
      req.on('end', () => {
        received.push({ body, signature: String(req.headers['x-keel-signature']) });
        res.end('ok');
      });
    });
    await new Promise<void>((r) => receiver.listen(0, '127.0.0.1', () => r()));
    const hookUrl = `http://127.0.0.1:${(receiver.address() as AddressInfo).port}/hook`;
    const client = (await createClientRow(server.ctx.db)).id;
    const channel = await owner.post<{ secret: string }>(
      `/api/v1/clients/${client}/alert-channels`,
      { kind: 'webhook', name: 'Ops', url: hookUrl },
    );
    const monitor = await owner.post<{ id: string }>(`/api/v1/clients/${client}/monitors`, {
      name: 'API',
      target: { kind: 'http', url: `${targets.http}/status/503` },
      retries: 1,
    });
    const scheduler = createMonitorScheduler(server.ctx, { pollMs: 50 });
    const runOnce = async () => {
      await due(monitor.body.id);
      await scheduler.tick();
      await scheduler.idle();
    };

    await runOnce();
    const afterOne = await owner.get<{ incidents: unknown[] }>(
      `/api/v1/clients/${client}/incidents`,
    );
    await runOnce();
    const open = await owner.get<{ incidents: { id: string; resolvedAt: string | null }[] }>(
      `/api/v1/clients/${client}/incidents`,
    );
    await waitFor(async () => received.length >= 1, 'the webhook');
    await owner.patch(`/api/v1/clients/${client}/monitors/${monitor.body.id}`, {
      target: { kind: 'http', url: `${targets.http}/ok` },
    });
    await runOnce();
    await waitFor(async () => received.length >= 2, 'the recovery webhook');
    const incident = await owner.get<{ resolvedAt: string | null; events: { kind: string }[] }>(
      `/api/v1/clients/${client}/incidents/${open.body.incidents[0]!.id}`,
    );
    receiver.close();

    expect(afterOne.body.incidents).toEqual([]);
    expect(open.body.incidents).toHaveLength(1);
    const first = received[0]!;
    const [t, v1] = first.signature.split(',').map((p) => p.split('=')[1]);
    const expected = createHmac('sha256', channel.body.secret)
      .update(`${t}.${first.body}`)
      .digest('hex');
    expect(v1).toBe(expected);
    expect(JSON.parse(first.body)).toMatchObject({ event: 'down', monitor: { name: 'API' } });
    expect(JSON.parse(received[1]!.body)).toMatchObject({ event: 'up' });
    expect(incident.body.resolvedAt).not.toBeNull();
    expect(incident.body.events.map((e) => e.kind)).toEqual(
      expect.arrayContaining(['first-failure', 'confirmed', 'alert-sent', 'recovered']),
    );
    expect(server.logs()).not.toContain(channel.body.secret);
  });

  it('acknowledges an incident and keeps a root-cause note', async () => {
    const monitor = await owner.post<{ id: string }>(`/api/v1/clients/${clientId}/monitors`, {
      name: 'Closed port',
      target: { kind: 'tcp', host: '127.0.0.1', port: targets.closedPort },
      retries: 0,
    });
    const scheduler = createMonitorScheduler(server.ctx);
    await due(monitor.body.id);
    await scheduler.tick();
    await scheduler.idle();
    const list = await owner.get<{ incidents: { id: string; monitorId: string }[] }>(
      `/api/v1/clients/${clientId}/incidents?open=true`,
    );
    const id = list.body.incidents.find((i) => i.monitorId === monitor.body.id)!.id;

    const response = await owner.patch<{
      acknowledgedAt: string;
      rootCause: string;
      events: { kind: string }[];
    }>(`/api/v1/clients/${clientId}/incidents/${id}`, {
      acknowledged: true,
      rootCause: 'The database ran out of disk.',
    });

    expect(response.body.acknowledgedAt).toBeTruthy();
    expect(response.body.rootCause).toBe('The database ran out of disk.');
    expect(response.body.events.map((e) => e.kind)).toContain('acknowledged');
  });
});

describe('scheduler metrics', () => {
  /** One sample of /metrics, e.g. `keel_monitor_checks_total{kind="tcp",status="down"}`; 0 when absent. */
  const sample = (text: string, series: string) => {
    const line = text.split('\n').find((l) => l.startsWith(`${series} `));
    return line ? Number(line.slice(series.length + 1)) : 0;
  };

  it('counts checks by kind and result, and how late each started, in /metrics', async () => {
    const up = await owner.post<{ id: string }>(`/api/v1/clients/${clientId}/monitors`, {
      name: 'Metrics up',
      target: { kind: 'http', url: `${targets.http}/ok` },
    });
    const down = await owner.post<{ id: string }>(`/api/v1/clients/${clientId}/monitors`, {
      name: 'Metrics down',
      target: { kind: 'tcp', host: '127.0.0.1', port: targets.closedPort },
    });
    const before = (await owner.get<string>('/metrics')).body;
    const scheduler = createMonitorScheduler(server.ctx);
    await due(up.body.id);
    await due(down.body.id);
    await scheduler.tick();
    await scheduler.idle();
    const after = (await owner.get<string>('/metrics')).body;
    const delta = (series: string) => sample(after, series) - sample(before, series);

    expect(delta('keel_monitor_checks_total{kind="http",status="up"}')).toBeGreaterThanOrEqual(1);
    expect(delta('keel_monitor_checks_total{kind="tcp",status="down"}')).toBeGreaterThanOrEqual(1);
    expect(delta('keel_monitor_check_lag_seconds_count{kind="http"}')).toBeGreaterThanOrEqual(1);
    expect(delta('keel_monitor_check_lag_seconds_count{kind="tcp"}')).toBeGreaterThanOrEqual(1);
    // Every check lands in the open-ended bucket; a lag is never negative.
    expect(sample(after, 'keel_monitor_check_lag_seconds_bucket{le="+Inf",kind="tcp"}')).toBe(
      sample(after, 'keel_monitor_check_lag_seconds_count{kind="tcp"}'),
    );
    expect(sample(after, 'keel_monitor_check_lag_seconds_sum{kind="tcp"}')).toBeGreaterThanOrEqual(
      0,
    );
  });
});

describe('heartbeats', () => {
  it('takes pings by secret URL, measures run time, and turns a missed deadline into an incident', async () => {
    const created = await owner.post<{ id: string; pingToken: string }>(
      `/api/v1/clients/${clientId}/monitors`,
      {
        name: 'Nightly backup',
        target: {
          kind: 'heartbeat',
          schedule: { type: 'period', periodSeconds: 3600 },
          isBackup: true,
        },
      },
    );
    const anonymous = new ApiClient(server.baseUrl);
    const token = created.body.pingToken;

    const start = await anonymous.get(`/ping/${token}/start`);
    const success = await anonymous.post(`/ping/${token}`);
    const wrong = await anonymous.get(`/ping/${token}x`);
    const badSuffix = await anonymous.get(`/ping/${token}/nope`);
    const afterPing = await owner.get<{
      status: string;
      lastRunMs: number | null;
      nextRunAt: string;
      lastPingAt: string;
      lastSuccessAt: string | null;
    }>(`/api/v1/clients/${clientId}/monitors/${created.body.id}`);
    await due(created.body.id);
    const scheduler = createMonitorScheduler(server.ctx);
    await scheduler.tick();
    await scheduler.idle();
    const missed = await owner.get<{ status: string; lastFault: string }>(
      `/api/v1/clients/${clientId}/monitors/${created.body.id}`,
    );
    const failed = await anonymous.get(`/ping/${token}/2`);
    const afterExit = await owner.get<{ results: { fault: string; message: string }[] }>(
      `/api/v1/clients/${clientId}/monitors/${created.body.id}/results`,
    );
    const afterFailure = await owner.get<{ lastPingAt: string; lastSuccessAt: string | null }>(
      `/api/v1/clients/${clientId}/monitors/${created.body.id}`,
    );

    expect(token.length).toBeGreaterThanOrEqual(32);
    expect([start.status, success.status, wrong.status, badSuffix.status]).toEqual([
      200, 200, 404, 404,
    ]);
    expect(afterPing.body.status).toBe('up');
    expect(afterPing.body.lastRunMs).not.toBeNull();
    expect(Date.parse(afterPing.body.nextRunAt) - Date.now()).toBeGreaterThan(3500 * 1000);
    expect(missed.body).toMatchObject({ status: 'down', lastFault: 'missed-ping' });
    expect(failed.status).toBe(200);
    expect(afterExit.body.results[0]).toMatchObject({ fault: 'failed-ping' });
    expect(afterExit.body.results[0]!.message).toContain('exit code 2');
    // The backup's age counts from the last success: a failed run pings, but is no backup.
    expect(afterPing.body.lastSuccessAt).toBe(afterPing.body.lastPingAt);
    expect(afterFailure.body.lastPingAt > afterPing.body.lastPingAt).toBe(true);
    expect(afterFailure.body.lastSuccessAt).toBe(afterPing.body.lastSuccessAt);
  });
});

describe('scheduler', () => {
  it('runs each due check once with two schedulers on one database', async () => {
    const client = (await createClientRow(server.ctx.db)).id;
    const ids: string[] = [];
    for (let i = 0; i < 40; i++) {
      const [row] = await server.ctx.db
        .insert(monitors)
        .values({
          clientId: client,
          name: `m${i}`,
          kind: 'http',
          target: {
            kind: 'http',
            url: `${targets.http}/ok`,
            method: 'GET',
            headers: {},
            expectedStatus: ['200-399'],
            jsonAssertions: [],
            followRedirects: true,
            verifyTls: true,
          },
          intervalSeconds: 3600,
          timeoutSeconds: 5,
          retries: 2,
          recoveries: 1,
          nextRunAt: new Date(Date.now() - 1000),
        })
        .returning();
      ids.push(row!.id);
    }
    const runs: string[] = [];
    const a = createMonitorScheduler(server.ctx, {
      batchSize: 7,
      onRun: (r) => runs.push(r.monitorId),
    });
    const b = createMonitorScheduler(server.ctx, {
      batchSize: 5,
      onRun: (r) => runs.push(r.monitorId),
    });

    for (let pass = 0; pass < 20; pass++) await Promise.all([a.tick(), b.tick()]);
    await Promise.all([a.idle(), b.idle()]);
    const { rows } = await server.ctx.database.query<{ monitor_id: string; n: number }>(
      `select monitor_id, count(*)::int as n from monitor_results where monitor_id = any($1::uuid[]) group by 1`,
      [ids],
    );

    expect(rows).toHaveLength(40);
    expect(rows.every((r) => Number(r.n) === 1)).toBe(true);
    expect(new Set(runs).size).toBe(runs.length);
  });

  it('takes over the monitors of a worker whose lease lapsed', async () => {
    const client = (await createClientRow(server.ctx.db)).id;
    const [row] = await server.ctx.db
      .insert(monitors)
      .values({
        clientId: client,
        name: 'orphan',
        kind: 'tcp',
        target: { kind: 'tcp', host: '127.0.0.1', port: Number(new URL(targets.http).port) },
        intervalSeconds: 30,
        timeoutSeconds: 5,
        retries: 2,
        recoveries: 1,
        nextRunAt: new Date(Date.now() - 1000),
        // A worker claimed it, then died: its lease has run out.
        leasedBy: 'dead-worker',
        leaseUntil: new Date(Date.now() - 1),
      })
      .returning();
    const scheduler = createMonitorScheduler(server.ctx);

    await scheduler.tick();
    await scheduler.idle();
    const results = await server.ctx.db
      .select()
      .from(monitorResults)
      .where(eq(monitorResults.monitorId, row!.id));

    expect(results).toHaveLength(1);
    expect(results[0]!.runBy).toBe(scheduler.id);
  });

  it('rolls results up into uptime and latency percentiles', async () => {
    await rollUp(server.ctx, { now: new Date(Date.now() + 120_000) });
    const list = await owner.get<{ monitors: { id: string }[] }>(
      `/api/v1/clients/${clientId}/monitors?kind=heartbeat`,
    );
    const detail = await owner.get<{
      uptime: { window: string; checks: number; uptime: number | null }[];
    }>(`/api/v1/clients/${clientId}/monitors/${list.body.monitors[0]!.id}`);

    const day = detail.body.uptime.find((u) => u.window === '24h')!;
    expect(day.checks).toBe(3);
    expect(day.uptime).toBeCloseTo(1 / 3);
  });
});

describe('report and portfolio', () => {
  it('writes the uptime section in plain words and lists open incidents at urgency 100', async () => {
    const week = {
      clientId,
      start: new Date(Date.now() - 7 * 86_400_000),
      end: new Date(Date.now() + 60_000),
      timeZone: 'UTC',
    };

    const lines = await uptimeContributor.lines(server.ctx, week);
    const items = await incidentsAttention.items(server.ctx, [clientId]);

    expect(lines[0]!.text).toMatch(/^Your service was up \d+(\.\d+)?% of the time this week\.$/);
    expect(lines.some((l) => /Nightly backup has been down since/.test(l.text))).toBe(true);
    expect(
      lines.every((l) => l.section === 'uptime' && l.evidence.href.startsWith('/clients/')),
    ).toBe(true);
    expect(items.length).toBeGreaterThan(0);
    expect(items.some((i) => i.urgency === 100 && i.kind === 'incident-open')).toBe(true);
  });

  it('lists a certificate inside its expiry warning on the portfolio home (degraded: no incident)', async () => {
    const client = await createClientRow(server.ctx.db, { name: 'Certs Ltd' });
    const expiring = (name: string, days: number, warning: number) =>
      createMonitorRow(server.ctx.db, client.id, {
        name,
        kind: 'tls',
        target: { kind: 'tls', host: 'shop.example', port: 443, warnDays: [21, 14, 7] },
        enabled: true,
        status: 'degraded',
        lastFault: 'cert-expiring',
        lastMessage: `certificate expires in ${days} days (2026-12-0${days % 10}), within the ${warning}-day warning`,
      });
    const soon = await expiring('Shop TLS', 5, 7);
    await expiring('Docs TLS', 12, 14);
    // Valid for long, or expiring but paused: nothing to do.
    await createMonitorRow(server.ctx.db, client.id, {
      name: 'API TLS',
      enabled: true,
      status: 'up',
      lastMessage: 'certificate valid for 80 more days (2027-02-12)',
    });
    await createMonitorRow(server.ctx.db, client.id, {
      name: 'Old TLS',
      enabled: false,
      status: 'degraded',
      lastFault: 'cert-expiring',
      lastMessage: 'certificate expires in 3 days (2026-11-27), within the 7-day warning',
    });

    const portfolio = await owner.get<{
      attention: { kind: string; text: string; urgency: number; href: string }[];
    }>('/api/v1/portfolio');

    const certificates = portfolio.body.attention.filter((i) => i.kind === 'certificate-expiring');
    expect(certificates.map((i) => [i.text, i.urgency])).toEqual([
      [
        'Shop TLS: certificate expires in 5 days (2026-12-05), within the 7-day warning. Renew it before it lapses.',
        75,
      ],
      [
        'Docs TLS: certificate expires in 12 days (2026-12-02), within the 14-day warning. Renew it before it lapses.',
        60,
      ],
    ]);
    expect(certificates[0]!.href).toBe(`/clients/${client.id}/monitoring/${soon}`);
  });
});
