/**
 * The authorization table: every registered route, walked as an anonymous visitor, a founder
 * of client A, a member assigned to client A, and the owner. It fails when a route is added
 * without an entry here, so no route ships unchecked.
 */
import { describe, expect, it, beforeAll } from 'vitest';
import { allRoutes } from '../../src/server/http/routes.ts';
import { routeKey } from '../../src/server/http/register-routes.ts';
import type { AnyRoute } from '../../src/server/http/route.ts';
import { ApiClient, startTestServer, type TestServer } from './harness.ts';
import { createClientRow, createUser, signedInAs } from './factories.ts';
import {
  alertChannels,
  incidents,
  invites,
  monitors,
  outbox,
  weeklyReports,
} from '../../src/server/db/schema.ts';
import { buildWeeklyReport } from '../../src/server/reports/weekly-report.ts';
import { hashToken } from '../../src/server/auth/tokens.ts';

interface Fixture {
  server: TestServer;
  clientA: string;
  clientB: string;
}

interface Entry {
  /** Path parameters; `clientId` defaults to the client under test. */
  params?: (f: Fixture) => Promise<Record<string, string>> | Record<string, string>;
  body?: (f: Fixture) => unknown;
  /** A signed-in person's own business (sign out, own password, own tokens): allowed for founders. */
  selfService?: boolean;
  /** Expected owner status, when not the route's own success status. */
  ownerStatus?: number;
}

const newInviteId = async (f: Fixture) => {
  const [row] = await f.server.ctx.db
    .insert(invites)
    .values({
      tokenHash: hashToken(crypto.randomUUID()),
      email: `${crypto.randomUUID()}@x.test`,
      role: 'member',
      expiresAt: new Date(Date.now() + 86_400_000),
    })
    .returning();
  return { inviteId: row!.id };
};
const failedMessageId = async (f: Fixture) => {
  const [row] = await f.server.ctx.db
    .insert(outbox)
    .values({ kind: 'test', to: ['a@x.test'], subject: 'S', textBody: 'T', status: 'failed' })
    .returning();
  return { messageId: row!.id };
};
const sentReportId = async (f: Fixture) => {
  const report = await buildWeeklyReport(f.server.ctx, { clientId: f.clientA, timeZone: 'UTC' });
  const [row] = await f.server.ctx.db
    .insert(weeklyReports)
    .values({
      clientId: f.clientA,
      weekStart: report.week.start,
      timeZone: 'UTC',
      trigger: 'manual',
      status: report.status,
      headline: report.headline,
      content: report,
      markdown: '',
      recipients: ['founder@x.test'],
    })
    .returning();
  return { reportId: row!.id };
};
const newPersonId = async (f: Fixture) => ({
  userId: (await createUser(f.server.ctx.db, { role: 'member' })).id,
});

const newMonitorId = async (f: Fixture) => {
  const [row] = await f.server.ctx.db
    .insert(monitors)
    .values({
      clientId: f.clientA,
      name: 'Site',
      kind: 'http',
      target: { kind: 'http', url: 'https://example.com/' },
      intervalSeconds: 60,
      timeoutSeconds: 10,
      retries: 2,
      recoveries: 1,
      enabled: false,
    })
    .returning();
  return { monitorId: row!.id };
};
const newIncidentId = async (f: Fixture) => {
  const { monitorId } = await newMonitorId(f);
  const [row] = await f.server.ctx.db
    .insert(incidents)
    .values({ monitorId, clientId: f.clientA, cause: 'refused' })
    .returning();
  return { incidentId: row!.id };
};
const newChannelId = async (f: Fixture) => {
  const [row] = await f.server.ctx.db
    .insert(alertChannels)
    .values({ clientId: f.clientA, kind: 'email', name: 'Team', config: { to: ['a@x.test'] } })
    .returning();
  return { channelId: row!.id };
};
const monitorBody = () => ({
  name: 'Home page',
  target: { kind: 'http', url: 'https://example.com/' },
  enabled: false,
});

const table: Record<string, Entry> = {
  'GET /healthz': {},
  'GET /readyz': {},
  'GET /metrics': {},
  'GET /api/v1/jobs': {},
  'GET /api/v1/audit-log': {},
  'GET /api/v1/outbox': {},
  'POST /api/v1/outbox/:messageId/retry': { params: failedMessageId },
  'GET /api/v1/setup': {},
  'POST /api/v1/setup': {
    body: () => ({ name: 'X', email: 'x@x.test', password: 'long enough pw' }),
    ownerStatus: 409,
  },
  'POST /api/v1/auth/login': {
    body: () => ({ email: 'nobody@x.test', password: 'wrong password' }),
    ownerStatus: 401,
  },
  'POST /api/v1/auth/logout': { selfService: true },
  'GET /api/v1/session': {},
  'POST /api/v1/account/password': {
    selfService: true,
    body: () => ({ currentPassword: 'wrong', newPassword: 'another long pw' }),
    ownerStatus: 400,
  },
  'GET /api/v1/people': {},
  'PATCH /api/v1/people/:userId': { params: newPersonId, body: () => ({ disabled: true }) },
  'DELETE /api/v1/people/:userId': { params: newPersonId },
  'GET /api/v1/invites': {},
  'POST /api/v1/invites': {
    body: (f) => ({
      email: `${crypto.randomUUID()}@x.test`,
      role: 'founder',
      clientIds: [f.clientB],
    }),
  },
  'DELETE /api/v1/invites/:inviteId': { params: newInviteId },
  'POST /api/v1/invites/inspect': {
    body: () => ({ token: 'not-a-real-invite-token' }),
    ownerStatus: 404,
  },
  'POST /api/v1/invites/accept': {
    body: () => ({ token: 'not-a-real-invite-token', name: 'X', password: 'long enough pw' }),
    ownerStatus: 404,
  },
  'GET /api/v1/tokens': {},
  'POST /api/v1/tokens': { selfService: true, body: () => ({ name: 'ci' }) },
  'DELETE /api/v1/tokens/:tokenId': {
    selfService: true,
    params: () => ({ tokenId: crypto.randomUUID() }),
    ownerStatus: 404,
  },
  'GET /api/v1/clients': {},
  'POST /api/v1/clients': { body: () => ({ name: 'New client', stage: 'idea' }) },
  'GET /api/v1/clients/:clientId': {},
  'PATCH /api/v1/clients/:clientId': { body: () => ({ notes: 'changed' }) },
  'POST /api/v1/clients/:clientId/archive': {},
  'POST /api/v1/clients/:clientId/restore': {},
  'GET /api/v1/portfolio': {},
  'GET /api/v1/clients/:clientId/reports/weekly': {},
  'GET /api/v1/clients/:clientId/reports/weekly.md': {},
  'GET /api/v1/clients/:clientId/reports/schedule': {},
  'PUT /api/v1/clients/:clientId/reports/schedule': {
    body: () => ({ enabled: false, weekday: 5, hour: 16, timeZone: 'UTC', recipients: [] }),
  },
  'POST /api/v1/clients/:clientId/reports/weekly/send': {
    body: () => ({ recipients: ['founder@x.test'] }),
  },
  'GET /api/v1/clients/:clientId/reports': {},
  'GET /api/v1/clients/:clientId/reports/:reportId': { params: sentReportId },
  'POST /api/v1/demo': {},
  'DELETE /api/v1/demo': {},
  'GET /api/v1/clients/:clientId/monitors': {},
  'POST /api/v1/clients/:clientId/monitors': { body: monitorBody },
  'GET /api/v1/clients/:clientId/monitors/:monitorId': { params: newMonitorId },
  'PATCH /api/v1/clients/:clientId/monitors/:monitorId': {
    params: newMonitorId,
    body: () => ({ name: 'Renamed' }),
  },
  'DELETE /api/v1/clients/:clientId/monitors/:monitorId': { params: newMonitorId },
  'GET /api/v1/clients/:clientId/monitors/:monitorId/results': { params: newMonitorId },
  'GET /api/v1/clients/:clientId/incidents': {},
  'GET /api/v1/clients/:clientId/incidents/:incidentId': { params: newIncidentId },
  'PATCH /api/v1/clients/:clientId/incidents/:incidentId': {
    params: newIncidentId,
    body: () => ({ acknowledged: true }),
  },
  'GET /api/v1/clients/:clientId/alert-channels': {},
  'POST /api/v1/clients/:clientId/alert-channels': {
    body: () => ({ kind: 'email', name: 'Team', to: ['team@x.test'] }),
  },
  'DELETE /api/v1/clients/:clientId/alert-channels/:channelId': { params: newChannelId },
  'POST /api/v1/clients/:clientId/alert-channels/:channelId/test': { params: newChannelId },
  'GET /ping/:token': { params: () => ({ token: 'wrong-token' }), ownerStatus: 404 },
  'POST /ping/:token': { params: () => ({ token: 'wrong-token' }), ownerStatus: 404 },
  'GET /ping/:token/:suffix': {
    params: () => ({ token: 'wrong-token', suffix: 'start' }),
    ownerStatus: 404,
  },
  'POST /ping/:token/:suffix': {
    params: () => ({ token: 'wrong-token', suffix: 'fail' }),
    ownerStatus: 404,
  },
  'GET /api/v1/openapi.json': {},
  'GET /api/docs': {},
};

const isClientRoute = (route: AnyRoute) => route.path.includes(':clientId');

async function call(api: ApiClient, route: AnyRoute, f: Fixture, clientId: string) {
  const entry = table[routeKey(route)]!;
  const params: Record<string, string> = { clientId, ...(await entry.params?.(f)) };
  const path = route.path.replace(/:(\w+)/g, (_m, name: string) => params[name] ?? 'missing');
  const body = entry.body?.(f) ?? (route.body ? {} : undefined);
  return api.request(route.method, path, body);
}

describe('authorization table', () => {
  let f: Fixture;
  let founder: ApiClient;
  let member: ApiClient;

  beforeAll(async () => {
    const server = await startTestServer();
    const clientA = (await createClientRow(server.ctx.db, { name: 'Client A' })).id;
    const clientB = (await createClientRow(server.ctx.db, { name: 'Client B' })).id;
    f = { server, clientA, clientB };
    founder = (await signedInAs(server, { role: 'founder', clientIds: [clientA] })).api;
    member = (await signedInAs(server, { role: 'member', clientIds: [clientA] })).api;
  });

  it('has an entry for every registered route, and none for routes that are gone', () => {
    const registered = allRoutes.map(routeKey).sort();

    expect(Object.keys(table).sort()).toEqual(registered);
  });

  it('answers 401 to anonymous requests on every non-public route', async () => {
    for (const route of allRoutes.filter((r) => r.access !== 'public')) {
      const response = await call(new ApiClient(f.server.baseUrl), route, f, f.clientA);

      expect([routeKey(route), response.status]).toEqual([routeKey(route), 401]);
      expect((response.body as { error: { code: string } }).error.code).toBe('unauthenticated');
    }
  });

  it('answers 404 to a founder of client A for anything of client B, reads and writes', async () => {
    for (const route of allRoutes.filter(isClientRoute)) {
      const response = await call(founder, route, f, f.clientB);

      expect([routeKey(route), response.status]).toEqual([routeKey(route), 404]);
    }
  });

  it('lets a founder write nothing but their own session, password and read-only tokens', async () => {
    for (const route of allRoutes.filter((r) => r.method !== 'GET' && r.access !== 'public')) {
      if (table[routeKey(route)]!.selfService) continue;
      for (const clientId of [f.clientA, f.clientB]) {
        const response = await call(founder, route, f, clientId);

        expect([
          routeKey(route),
          clientId === f.clientA ? 'A' : 'B',
          response.status < 400,
        ]).toEqual([routeKey(route), clientId === f.clientA ? 'A' : 'B', false]);
        expect([403, 404]).toContain(response.status);
      }
    }
    const writableToken = await founder.post('/api/v1/tokens', { name: 'x', canWrite: true });
    expect(writableToken.status).toBe(400);
  });

  it('hides unassigned clients from a member: 404 on every client-B route', async () => {
    for (const route of allRoutes.filter(isClientRoute)) {
      const response = await call(member, route, f, f.clientB);

      expect([routeKey(route), response.status]).toEqual([routeKey(route), 404]);
    }
    const list = await member.get<{ clients: { id: string }[] }>('/api/v1/clients');
    expect(list.body.clients.map((c) => c.id)).toEqual([f.clientA]);
  });

  it('keeps owner-only routes from members (403)', async () => {
    for (const route of allRoutes.filter(
      (r) => r.access === 'owner' || r.access === 'owner-read',
    )) {
      const response = await call(member, route, f, f.clientA);

      expect([routeKey(route), response.status]).toEqual([routeKey(route), 403]);
    }
  });

  it('lets the owner through every route (so the refusals above are about access, not bad samples)', async () => {
    for (const route of allRoutes) {
      const { api } = await signedInAs(f.server, { role: 'owner' });
      const entry = table[routeKey(route)]!;

      const response = await call(api, route, f, f.clientA);

      const expected = entry.ownerStatus ?? route.status ?? 200;
      expect([routeKey(route), response.status]).toEqual([routeKey(route), expected]);
    }
  });

  it('confines a client-scoped token to its client', async () => {
    const { api } = await signedInAs(f.server, { role: 'owner' });
    const created = await api.post<{ token: string }>('/api/v1/tokens', {
      name: 'scoped',
      clientId: f.clientA,
    });
    const bot = new ApiClient(f.server.baseUrl);
    bot.bearer = created.body.token;

    expect((await bot.get(`/api/v1/clients/${f.clientA}`)).status).toBe(200);
    expect((await bot.get(`/api/v1/clients/${f.clientB}`)).status).toBe(404);
    expect((await bot.get('/api/v1/people')).status).toBe(403);
    expect((await bot.patch(`/api/v1/clients/${f.clientA}`, { notes: 'x' })).status).toBe(403);
  });
});
