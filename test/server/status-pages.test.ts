/**
 * Maintenance windows and public status pages over real HTTP on a real database: a window mutes
 * the alert to a loopback webhook receiver while the incident is still opened, and the alert
 * goes out once the window is over; the public page shows display names, bars, incidents and
 * maintenance, and nothing else of the client; a disabled page and an unknown slug 404 alike.
 */
import http from 'node:http';
import type { AddressInfo } from 'node:net';
import { eq, sql } from 'drizzle-orm';
import { DateTime } from 'luxon';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import {
  alertDeliveries,
  incidents,
  monitorRollups,
  monitors,
} from '../../src/server/db/schema.ts';
import {
  activeMaintenance,
  releaseMutedAlerts,
} from '../../src/server/monitoring/maintenance.service.ts';
import { createMonitorScheduler } from '../../src/server/monitoring/scheduler.ts';
import { sharedPublicStatus } from '../../src/server/monitoring/status-pages.service.ts';
import { ApiClient, startTestServer, type TestServer } from './harness.ts';
import { createClientRow, createMonitorRow, signedInAs } from './factories.ts';
import { startTargets, type Targets } from './monitoring/targets.ts';
import { waitFor } from './wait-for.ts';

let server: TestServer;
let targets: Targets;
let owner: ApiClient;

beforeAll(async () => {
  server = await startTestServer({ work: true, config: { monitorAllowPrivate: true } });
  targets = await startTargets();
  owner = (await signedInAs(server, { role: 'owner' })).api;
});
afterAll(() => targets.close());

const local = (d: DateTime) => d.toFormat("yyyy-LL-dd'T'HH:mm");

describe('maintenance windows', () => {
  it('names the field of a bad cron, an end before the start and an unknown time zone', async () => {
    const client = (await createClientRow(server.ctx.db)).id;
    const path = `/api/v1/clients/${client}/maintenance-windows`;

    const badCron = await owner.post<{ error: { details: { path: string }[] } }>(path, {
      name: 'Nightly',
      schedule: { type: 'cron', cron: '0 25 * * *', durationMinutes: 30 },
    });
    const backwards = await owner.post<{ error: { details: { path: string }[] } }>(path, {
      name: 'Upgrade',
      schedule: { type: 'once', start: '2026-12-01T04:00', end: '2026-12-01T02:00' },
    });
    const badZone = await owner.post<{ error: { details: { path: string }[] } }>(path, {
      name: 'Weekly',
      schedule: {
        type: 'weekly',
        weekdays: [7],
        startTime: '02:00',
        durationMinutes: 60,
        timezone: 'Europe/Atlantis',
      },
    });
    const foreignMonitor = await owner.post<{ error: { details: { path: string }[] } }>(path, {
      name: 'Scoped',
      schedule: { type: 'cron', cron: '0 3 * * *', durationMinutes: 30 },
      monitorIds: [crypto.randomUUID()],
    });

    expect([badCron.status, badCron.body.error.details.map((d) => d.path)]).toEqual([
      400,
      ['body.schedule.cron'],
    ]);
    expect(backwards.body.error.details.map((d) => d.path)).toEqual(['body.schedule.end']);
    expect(badZone.body.error.details.map((d) => d.path)).toEqual(['body.schedule.timezone']);
    expect(foreignMonitor.body.error.details.map((d) => d.path)).toEqual(['body.monitorIds.0']);
  });

  it('covers only the monitors it names, or all of them when it names none', async () => {
    const client = (await createClientRow(server.ctx.db)).id;
    const make = async (name: string) =>
      (
        await owner.post<{ id: string }>(`/api/v1/clients/${client}/monitors`, {
          name,
          target: { kind: 'tcp', host: '127.0.0.1', port: targets.closedPort },
          enabled: false,
        })
      ).body.id;
    const [a, b] = [await make('A'), await make('B')];
    const always = { type: 'weekly', weekdays: [1, 2, 3, 4, 5, 6, 7], startTime: '00:00' };
    await owner.post(`/api/v1/clients/${client}/maintenance-windows`, {
      name: 'Only A',
      schedule: { ...always, durationMinutes: 24 * 60 },
      monitorIds: [a],
    });
    const now = new Date();

    const onlyA = [
      await activeMaintenance(server.ctx.db, { id: a, clientId: client }, now),
      await activeMaintenance(server.ctx.db, { id: b, clientId: client }, now),
    ];
    await owner.post(`/api/v1/clients/${client}/maintenance-windows`, {
      name: 'Everything',
      schedule: { ...always, durationMinutes: 24 * 60 },
    });
    const forB = await activeMaintenance(server.ctx.db, { id: b, clientId: client }, now);

    expect(onlyA.map((w) => w?.name ?? null)).toEqual(['Only A', null]);
    expect(forB?.name).toBe('Everything');
  });

  it('mutes the alert while active (the incident still opens) and sends it once the window is over', async () => {
    const received: string[] = [];
    const receiver = http.createServer((req, res) => {
      let body = '';
      req.on('data', (c: Buffer) => (body += c.toString()));
      req.on('end', () => {
        received.push(body);
        res.end('ok');
      });
    });
    await new Promise<void>((r) => receiver.listen(0, '127.0.0.1', () => r()));
    const client = (await createClientRow(server.ctx.db)).id;
    const channel = await owner.post<{ id: string }>(`/api/v1/clients/${client}/alert-channels`, {
      kind: 'webhook',
      name: 'Ops',
      url: `http://127.0.0.1:${(receiver.address() as AddressInfo).port}/hook`,
    });
    const monitor = await owner.post<{ id: string }>(`/api/v1/clients/${client}/monitors`, {
      name: 'API',
      target: { kind: 'http', url: `${targets.http}/status/503` },
      retries: 0,
    });
    const now = DateTime.now().setZone('Asia/Tokyo');
    const window = await owner.post<{ id: string; current: unknown }>(
      `/api/v1/clients/${client}/maintenance-windows`,
      {
        name: 'Database upgrade',
        schedule: {
          type: 'once',
          start: local(now.minus({ hours: 1 })),
          end: local(now.plus({ hours: 1 })),
          timezone: 'Asia/Tokyo',
        },
        monitorIds: [monitor.body.id],
      },
    );
    const scheduler = createMonitorScheduler(server.ctx);
    await server.ctx.db
      .update(monitors)
      .set({ nextRunAt: sql`now()` })
      .where(eq(monitors.id, monitor.body.id));

    await scheduler.tick();
    await scheduler.idle();
    const during = await owner.get<{ incidents: { id: string }[] }>(
      `/api/v1/clients/${client}/incidents?open=true`,
    );
    const incidentId = during.body.incidents[0]!.id;
    const timeline = await owner.get<{ events: { kind: string; message: string }[] }>(
      `/api/v1/clients/${client}/incidents/${incidentId}`,
    );
    const storedDuring = await server.ctx.db
      .select()
      .from(alertDeliveries)
      .where(eq(alertDeliveries.channelId, channel.body.id));
    const releasedTooEarly = await releaseMutedAlerts(server.ctx);

    await owner.request('PUT', `/api/v1/clients/${client}/maintenance-windows/${window.body.id}`, {
      name: 'Database upgrade',
      schedule: {
        type: 'once',
        start: local(now.minus({ hours: 2 })),
        end: local(now.minus({ minutes: 1 })),
        timezone: 'Asia/Tokyo',
      },
      monitorIds: [monitor.body.id],
    });
    const released = await releaseMutedAlerts(server.ctx);
    await waitFor(async () => received.length >= 1, 'the alert after maintenance');
    receiver.close();

    expect(window.status).toBe(201);
    expect(window.body.current).not.toBeNull();
    expect(during.body.incidents).toHaveLength(1);
    expect(timeline.body.events.map((e) => e.message)).toContain(
      'down alert muted: maintenance Database upgrade',
    );
    expect(storedDuring).toEqual([]);
    expect(releasedTooEarly).toEqual({ released: 0 });
    expect(released).toEqual({ released: 1 });
    expect(received).toHaveLength(1);
    const alert = JSON.parse(received[0]!) as {
      event: string;
      incidentId: string;
      message: string;
    };
    expect([alert.event, alert.incidentId]).toEqual(['down', incidentId]);
    expect(alert.message).toContain('still down after maintenance');
  });
});

describe('status pages', () => {
  const INTERNAL_URL_PATH = '/ok?internal-token=hunter2';

  async function setUpClient() {
    const client = await createClientRow(server.ctx.db, { name: 'Zebracorp Internal' });
    const make = async (name: string, status: 'up' | 'down') => {
      const created = await owner.post<{ id: string }>(`/api/v1/clients/${client.id}/monitors`, {
        name,
        target: { kind: 'http', url: `${targets.http}${INTERNAL_URL_PATH}` },
        enabled: false,
      });
      await server.ctx.db
        .update(monitors)
        .set({ status, enabled: true, nextRunAt: null })
        .where(eq(monitors.id, created.body.id));
      return created.body.id;
    };
    const web = await make('prod-web-01 nginx', 'up');
    const api = await make('prod-api-k8s-ingress', 'down');
    const hidden = await make('admin-panel-secret', 'up');
    const yesterday = new Date(Math.floor(Date.now() / 86_400_000) * 86_400_000 - 86_400_000);
    await server.ctx.db.insert(monitorRollups).values({
      monitorId: web,
      grain: 'day',
      start: yesterday,
      checks: 1000,
      failures: 10,
    });
    await server.ctx.db.insert(incidents).values([
      { monitorId: api, clientId: client.id, cause: 'ECONNREFUSED 10.1.2.3:8443' },
      {
        monitorId: web,
        clientId: client.id,
        cause: 'TLS handshake with db-primary failed',
        rootCause: 'Rotated the wrong cert on db-primary',
        openedAt: new Date(Date.now() - 3 * 86_400_000),
        resolvedAt: new Date(Date.now() - 3 * 86_400_000 + 600_000),
        publicTitle: 'Website slow to load',
        publicNote: 'A certificate was renewed; all good now.',
      },
    ]);
    await owner.post(`/api/v1/clients/${client.id}/maintenance-windows`, {
      name: 'Sunday database upgrade',
      schedule: { type: 'cron', cron: '0 3 * * 0', durationMinutes: 60, timezone: 'Europe/Paris' },
    });
    return { clientId: client.id, web, api, hidden };
  }

  it('shows display names, 90-day bars, incidents and maintenance, and nothing else of the client', async () => {
    const { clientId, web, api } = await setUpClient();
    const saved = await owner.request<{ path: string; enabled: boolean }>(
      'PUT',
      `/api/v1/clients/${clientId}/status-page`,
      {
        enabled: true,
        slug: 'Zebra-Status',
        title: 'Zebra status',
        components: [
          { monitorId: web, displayName: 'Website' },
          { monitorId: api, displayName: 'Public API' },
        ],
      },
    );
    const visitor = new ApiClient(server.baseUrl);

    const json = await visitor.get<{
      status: string;
      components: { name: string; status: string; days: { uptime: number | null }[] }[];
      openIncidents: { title: string }[];
      history: { title: string; note: string }[];
      maintenance: { name: string; components: string[] }[];
    }>('/api/v1/status/zebra-status');
    const page = await fetch(new URL('/status/zebra-status', server.baseUrl));
    const html = await page.text();

    expect(saved.status).toBe(200);
    expect(saved.body.path).toBe('/status/zebra-status');
    expect(json.status).toBe(200);
    expect(json.headers.get('cache-control')).toBe('public, max-age=30');
    expect(json.body.status).toBe('outage');
    expect(json.body.components.map((c) => [c.name, c.status])).toEqual([
      ['Website', 'operational'],
      ['Public API', 'outage'],
    ]);
    expect(json.body.components[0]!.days).toHaveLength(90);
    expect(json.body.components[0]!.days[88]!.uptime).toBe(0.99);
    expect(json.body.openIncidents.map((i) => i.title)).toEqual(['Public API unavailable']);
    expect(json.body.history).toEqual([
      expect.objectContaining({
        title: 'Website slow to load',
        note: 'A certificate was renewed; all good now.',
      }),
    ]);
    expect(json.body.maintenance).toHaveLength(1);
    expect(json.body.maintenance[0]).toMatchObject({
      name: 'Sunday database upgrade',
      components: ['Website', 'Public API'],
    });
    expect(page.status).toBe(200);
    expect(page.headers.get('content-type')).toContain('text/html');
    expect(page.headers.get('cache-control')).toBe('public, max-age=30');
    for (const text of ['Website', 'Public API', 'Sunday database upgrade', 'Website slow to load'])
      expect(html).toContain(text);
    const publicText = JSON.stringify(json.body) + html;
    for (const secret of [
      targets.http,
      '127.0.0.1',
      'internal-token',
      'Zebracorp',
      'prod-web-01',
      'prod-api-k8s-ingress',
      'admin-panel-secret',
      'ECONNREFUSED',
      'db-primary',
      clientId,
      web,
    ])
      expect([secret, publicText.includes(secret)]).toEqual([secret, false]);
  });

  it('escapes what the owner typed', async () => {
    const { clientId, web } = await setUpClient();
    await owner.request('PUT', `/api/v1/clients/${clientId}/status-page`, {
      enabled: true,
      slug: 'escape-test',
      title: '<script>alert(1)</script>',
      components: [{ monitorId: web, displayName: 'Web "&" <b>' }],
    });

    const html = await (await fetch(new URL('/status/escape-test', server.baseUrl))).text();

    expect(html).not.toContain('<script>');
    expect(html).toContain('&lt;script&gt;alert(1)&lt;/script&gt;');
    expect(html).toContain('Web &quot;&amp;&quot; &lt;b&gt;');
  });

  it('answers a disabled page and an unknown slug with the same 404', async () => {
    const { clientId, web } = await setUpClient();
    await owner.request('PUT', `/api/v1/clients/${clientId}/status-page`, {
      enabled: false,
      slug: 'switched-off',
      title: 'Off',
      components: [{ monitorId: web, displayName: 'Website' }],
    });
    const visitor = new ApiClient(server.baseUrl);

    const disabled = await visitor.get('/api/v1/status/switched-off');
    const unknown = await visitor.get('/api/v1/status/never-existed');
    const disabledHtml = await fetch(new URL('/status/switched-off', server.baseUrl));
    const unknownHtml = await fetch(new URL('/status/never-existed', server.baseUrl));

    expect([disabled.status, unknown.status]).toEqual([404, 404]);
    expect(disabled.body).toEqual(unknown.body);
    expect([disabledHtml.status, unknownHtml.status]).toEqual([404, 404]);
    expect(await disabledHtml.text()).toBe(await unknownHtml.text());
  });

  it('shares one build among visitors who ask while it is in progress, then builds afresh', async () => {
    const { clientId, web } = await setUpClient();
    await owner.request('PUT', `/api/v1/clients/${clientId}/status-page`, {
      enabled: true,
      slug: 'shared-build',
      title: 'Shared',
      components: [{ monitorId: web, displayName: 'Website' }],
    });

    const first = sharedPublicStatus(server.ctx, 'shared-build');
    const meanwhile = sharedPublicStatus(server.ctx, 'Shared-Build');
    expect(meanwhile).toBe(first);
    expect((await first).title).toBe('Shared');
    // Finished: the next visitor gets a new build, which sees a change made since.
    await owner.request('PUT', `/api/v1/clients/${clientId}/status-page`, {
      enabled: true,
      slug: 'shared-build',
      title: 'Shared, renamed',
      components: [{ monitorId: web, displayName: 'Website' }],
    });
    const later = sharedPublicStatus(server.ctx, 'shared-build');
    expect(later).not.toBe(first);
    expect((await later).title).toBe('Shared, renamed');
    // A 404 is shared the same way and not kept either.
    const missing = sharedPublicStatus(server.ctx, 'never-existed');
    expect(sharedPublicStatus(server.ctx, 'never-existed')).toBe(missing);
    await expect(missing).rejects.toThrow(/not found/i);
    const again = sharedPublicStatus(server.ctx, 'never-existed');
    expect(again).not.toBe(missing);
    await expect(again).rejects.toThrow(/not found/i);
  });

  it('refuses a slug taken by another client and a monitor of another client, naming the field', async () => {
    const a = await setUpClient();
    const b = await setUpClient();
    await owner.request('PUT', `/api/v1/clients/${a.clientId}/status-page`, {
      enabled: true,
      slug: 'taken',
      title: 'A',
      components: [],
    });

    const response = await owner.request<{ error: { details: { path: string }[] } }>(
      'PUT',
      `/api/v1/clients/${b.clientId}/status-page`,
      {
        enabled: true,
        slug: 'taken',
        title: 'B',
        components: [{ monitorId: a.web, displayName: 'Not mine' }],
      },
    );

    expect(response.status).toBe(400);
    expect(response.body.error.details.map((d) => d.path)).toEqual([
      'body.slug',
      'body.components.0.monitorId',
    ]);
  });

  it("lists the components' incidents for the owner and shows the public words it sets", async () => {
    const { clientId, api } = await setUpClient();
    await owner.request('PUT', `/api/v1/clients/${clientId}/status-page`, {
      enabled: true,
      slug: 'public-words',
      title: 'Words',
      components: [{ monitorId: api, displayName: 'Public API' }],
    });
    const listed = await owner.get<{
      incidents: { id: string; component: string; cause: string }[];
    }>(`/api/v1/clients/${clientId}/status-page/incidents`);
    const id = listed.body.incidents[0]!.id;

    const response = await owner.patch<{ publicTitle: string; publicNote: string }>(
      `/api/v1/clients/${clientId}/status-page/incidents/${id}`,
      { publicTitle: 'API errors', publicNote: 'We are on it.' },
    );
    const status = await new ApiClient(server.baseUrl).get<{
      openIncidents: { title: string; note: string }[];
    }>('/api/v1/status/public-words');

    expect(listed.body.incidents.map((i) => [i.component, i.cause])).toEqual([
      ['Public API', 'ECONNREFUSED 10.1.2.3:8443'],
    ]);
    expect(response.body).toMatchObject({ publicTitle: 'API errors', publicNote: 'We are on it.' });
    expect(status.body.openIncidents).toEqual([
      expect.objectContaining({ title: 'API errors', note: 'We are on it.' }),
    ]);
  });
});

describe('status page bars and maintenance', () => {
  const HOUR = 3_600_000;
  const DAY = 86_400_000;

  /**
   * A day of hour rows (60 checks each, `failures(hour)` failed), its day row, and, for
   * `minuteHour`, that hour's minute rows (the first `failures(minuteHour)` minutes failed).
   */
  async function seedDay(
    monitorId: string,
    day: number,
    failures: (hour: number) => number,
    minuteHour?: number,
  ) {
    const hours = Array.from({ length: 24 }, (_, h) => ({
      monitorId,
      grain: 'hour' as const,
      start: new Date(day + h * HOUR),
      checks: 60,
      failures: failures(h),
    }));
    await server.ctx.db.insert(monitorRollups).values([
      ...hours,
      {
        monitorId,
        grain: 'day' as const,
        start: new Date(day),
        checks: 24 * 60,
        failures: hours.reduce((sum, h) => sum + h.failures, 0),
      },
    ]);
    if (minuteHour !== undefined)
      await server.ctx.db.insert(monitorRollups).values(
        Array.from({ length: 60 }, (_, m) => ({
          monitorId,
          grain: 'minute' as const,
          start: new Date(day + minuteHour * HOUR + m * 60_000),
          checks: 1,
          failures: m < failures(minuteHour) ? 1 : 0,
        })),
      );
  }

  it('leaves failures during maintenance out of the bars and the 90-day uptime, back to the hour rollup retention', async () => {
    const clientId = (await createClientRow(server.ctx.db)).id;
    const covered = await createMonitorRow(server.ctx.db, clientId, {
      status: 'up',
      enabled: true,
    });
    const other = await createMonitorRow(server.ctx.db, clientId, { status: 'up', enabled: true });
    const today = Math.floor(Date.now() / DAY) * DAY;
    const yesterday = today - DAY;
    const twoDaysAgo = today - 2 * DAY;
    const threeDaysAgo = today - 3 * DAY;
    const longAgo = today - 40 * DAY;
    // Yesterday: down from 02:00 to 05:30, during maintenance, and 6 failures at 10:00 outside
    // it. Two days ago: down only during maintenance (00:00–03:00). Three days ago: down all day,
    // all of it maintenance. 40 days ago (past the hour rows' 35 days): down during maintenance.
    const days: [number, (h: number) => number, number?][] = [
      [yesterday, (h) => (h >= 2 && h < 5 ? 60 : h === 5 ? 30 : h === 10 ? 6 : 0), 5],
      [twoDaysAgo, (h) => (h < 3 ? 60 : 0)],
      [threeDaysAgo, () => 60],
      [longAgo, (h) => (h === 2 || h === 3 ? 60 : 0)],
    ];
    for (const monitorId of [covered, other])
      for (const [day, failures, minuteHour] of days)
        await seedDay(monitorId, day, failures, minuteHour);
    const utc = (ms: number) => new Date(ms).toISOString().slice(0, 16);
    for (const [name, start, end] of [
      ['Database upgrade', yesterday + 2 * HOUR, yesterday + 5.5 * HOUR],
      ['Network move', twoDaysAgo, twoDaysAgo + 3 * HOUR],
      ['Data centre move', threeDaysAgo, twoDaysAgo],
      ['Old upgrade', longAgo + 2 * HOUR, longAgo + 4 * HOUR],
    ] as const)
      await owner.post(`/api/v1/clients/${clientId}/maintenance-windows`, {
        name,
        schedule: { type: 'once', start: utc(start), end: utc(end), timezone: 'UTC' },
        monitorIds: [covered],
      });
    await owner.request('PUT', `/api/v1/clients/${clientId}/status-page`, {
      enabled: true,
      slug: `bars-${clientId.slice(0, 8)}`,
      title: 'Bars',
      components: [
        { monitorId: covered, displayName: 'Covered' },
        { monitorId: other, displayName: 'Not covered' },
      ],
    });
    const visitor = new ApiClient(server.baseUrl);

    const json = await visitor.get<{
      components: {
        name: string;
        uptime90d: number | null;
        days: { date: string; uptime: number | null; maintenance: boolean }[];
      }[];
      maintenance: unknown[];
    }>(`/api/v1/status/bars-${clientId.slice(0, 8)}`);
    const html = await (
      await fetch(new URL(`/status/bars-${clientId.slice(0, 8)}`, server.baseUrl))
    ).text();

    expect(json.status).toBe(200);
    const [a, b] = json.body.components;
    const pick = (c: typeof a, i: number) => [c!.days[i]!.uptime, c!.days[i]!.maintenance];
    // Yesterday: 3 whole hours and 30 minutes of 05:00 left out (210 checks, all failed), so
    // 6 failures in 1,230 checks; the other monitor keeps all 216 failures in 1,440.
    expect(pick(a, 88)).toEqual([1224 / 1230, true]);
    expect(pick(b, 88)).toEqual([1224 / 1440, false]);
    expect(pick(a, 87)).toEqual([1, true]);
    expect(pick(b, 87)).toEqual([1260 / 1440, false]);
    expect(pick(a, 86)).toEqual([null, true]);
    expect(pick(b, 86)).toEqual([0, false]);
    expect(pick(a, 49)).toEqual([1320 / 1440, false]);
    expect(a!.days[49]!.date).toBe(new Date(longAgo).toISOString().slice(0, 10));
    expect(a!.uptime90d).toBe((1230 + 1260 + 1440 - 6 - 120) / (1230 + 1260 + 1440));
    expect(b!.uptime90d).toBe((4 * 1440 - 216 - 180 - 1440 - 120) / (4 * 1440));
    // Past maintenance is not listed by name: only active and upcoming windows are.
    expect(json.body.maintenance).toEqual([]);
    const bar = (date: number) => {
      const day = new Date(date).toISOString().slice(0, 10);
      return [...html.matchAll(/<rect [^>]*fill="([^"]+)"><title>([^<]*)<\/title>/g)]
        .filter((m) => m[2]!.startsWith(day))
        .map((m) => [m[1], m[2]!.slice(day.length)]);
    };
    expect(bar(twoDaysAgo)).toEqual([
      ['#1e88e5', ': 100.00 % outside maintenance (checks during maintenance not counted)'],
      ['#c62828', ': 87.50 %'],
    ]);
    expect(bar(threeDaysAgo)).toEqual([
      ['#1e88e5', ': maintenance, no checks outside it'],
      ['#c62828', ': 0.00 %'],
    ]);
    expect(bar(yesterday)[0]).toEqual([
      '#f9a825',
      ': 99.51 % outside maintenance (checks during maintenance not counted)',
    ]);
  });
});
