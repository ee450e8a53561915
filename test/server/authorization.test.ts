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
  decisions,
  decisionsNeeded,
  features,
  invites,
  kpiReadings,
  kpis,
} from '../../src/server/db/schema.ts';
import { emptyAdr } from '../../src/engines/adr/types.ts';
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
  /** A write the client's own founder may make (answering a decision needed). */
  founderWrite?: boolean;
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
const newPersonId = async (f: Fixture) => ({
  userId: (await createUser(f.server.ctx.db, { role: 'member' })).id,
});

let decisionNumber = 100;
const newDecision = async (f: Fixture) => {
  const number = (decisionNumber += 1000);
  const [row] = await f.server.ctx.db
    .insert(decisions)
    .values({
      clientId: f.clientA,
      number,
      title: 'Use a queue',
      status: 'proposed',
      record: { ...emptyAdr('Use a queue'), number },
    })
    .returning();
  return { decisionId: row!.id };
};
const newQuestion = async (f: Fixture) => {
  const [row] = await f.server.ctx.db
    .insert(decisionsNeeded)
    .values({ clientId: f.clientA, question: 'Which?', options: ['A', 'B'], dueDate: '2030-01-01' })
    .returning();
  return { questionId: row!.id };
};

const newKpi = async (f: Fixture) => {
  const [row] = await f.server.ctx.db
    .insert(kpis)
    .values({
      clientId: f.clientA,
      name: `KPI ${crypto.randomUUID()}`,
      direction: 'higher',
      target: 10,
      cadence: 'weekly',
    })
    .returning();
  return { kpiId: row!.id };
};
const newReading = async (f: Fixture) => {
  const { kpiId } = await newKpi(f);
  const [row] = await f.server.ctx.db
    .insert(kpiReadings)
    .values({ kpiId, clientId: f.clientA, periodStart: '2026-11-23', value: 3 })
    .returning();
  return { kpiId, readingId: row!.id };
};
const newFeature = async (f: Fixture) => {
  const [row] = await f.server.ctx.db
    .insert(features)
    .values({ clientId: f.clientA, title: 'Export', confidence: 'low', effortDays: 2, risk: 'low' })
    .returning();
  return { featureId: row!.id };
};

const table: Record<string, Entry> = {
  'GET /healthz': {},
  'GET /readyz': {},
  'GET /metrics': {},
  'GET /api/v1/jobs': {},
  'GET /api/v1/audit-log': {},
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
  'GET /api/v1/clients/:clientId/decisions': {},
  'POST /api/v1/clients/:clientId/decisions': { body: () => ({ title: 'Use PostgreSQL' }) },
  'GET /api/v1/clients/:clientId/decisions/:decisionId': { params: newDecision },
  'PATCH /api/v1/clients/:clientId/decisions/:decisionId': {
    params: newDecision,
    body: () => ({ status: 'accepted' }),
  },
  'DELETE /api/v1/clients/:clientId/decisions/:decisionId': { params: newDecision },
  'GET /api/v1/clients/:clientId/decisions/:decisionId/markdown': { params: newDecision },
  'POST /api/v1/clients/:clientId/decisions/import': {
    body: () => ({ files: [{ path: 'docs/decisions/0001-use-x.md', content: '# Use X\n' }] }),
  },
  'GET /api/v1/clients/:clientId/decisions/export': {},
  'GET /api/v1/clients/:clientId/decisions-needed': {},
  'POST /api/v1/clients/:clientId/decisions-needed': {
    body: () => ({ question: 'Which?', options: ['A', 'B'], dueDate: '2030-01-01' }),
  },
  'GET /api/v1/clients/:clientId/decisions-needed/:questionId': { params: newQuestion },
  'PATCH /api/v1/clients/:clientId/decisions-needed/:questionId': {
    params: newQuestion,
    body: () => ({ dueDate: '2030-02-01' }),
  },
  'POST /api/v1/clients/:clientId/decisions-needed/:questionId/answer': {
    params: newQuestion,
    body: () => ({ choice: 'A' }),
    founderWrite: true,
  },
  'DELETE /api/v1/clients/:clientId/decisions-needed/:questionId': { params: newQuestion },
  'GET /api/v1/clients/:clientId/kpis': {},
  'POST /api/v1/clients/:clientId/kpis': {
    body: () => ({
      name: `Signups ${crypto.randomUUID()}`,
      direction: 'higher',
      target: 50,
      cadence: 'weekly',
    }),
  },
  'GET /api/v1/clients/:clientId/kpis/:kpiId': { params: newKpi },
  'PATCH /api/v1/clients/:clientId/kpis/:kpiId': { params: newKpi, body: () => ({ target: 12 }) },
  'DELETE /api/v1/clients/:clientId/kpis/:kpiId': { params: newKpi },
  'POST /api/v1/clients/:clientId/kpis/:kpiId/readings': {
    params: newKpi,
    body: () => ({ value: 4, date: '2026-11-24' }),
  },
  'POST /api/v1/clients/:clientId/kpi-readings': {
    params: newKpi,
    body: () => ({ kpi: 'no such KPI', value: 4, date: '2026-11-24' }),
    ownerStatus: 400,
  },
  'DELETE /api/v1/clients/:clientId/kpis/:kpiId/readings/:readingId': { params: newReading },
  'GET /api/v1/clients/:clientId/features': {},
  'POST /api/v1/clients/:clientId/features': {
    body: () => ({ title: 'CSV export', confidence: 'high', effortDays: 2, risk: 'low' }),
  },
  'PATCH /api/v1/clients/:clientId/features/:featureId': {
    params: newFeature,
    body: () => ({ effortDays: 3 }),
  },
  'DELETE /api/v1/clients/:clientId/features/:featureId': { params: newFeature },
  'POST /api/v1/demo': {},
  'DELETE /api/v1/demo': {},
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

  it('lets a founder write nothing but their own session, password, read-only tokens and answers', async () => {
    for (const route of allRoutes.filter((r) => r.method !== 'GET' && r.access !== 'public')) {
      if (table[routeKey(route)]!.selfService) continue;
      if (table[routeKey(route)]!.founderWrite) {
        const own = await call(founder, route, f, f.clientA);
        const other = await call(founder, route, f, f.clientB);
        expect([routeKey(route), own.status, other.status]).toEqual([
          routeKey(route),
          route.status ?? 200,
          404,
        ]);
        const memberReadOnly = await call(member, route, f, f.clientA);
        expect(memberReadOnly.status).toBe(route.status ?? 200);
        continue;
      }
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
    const { kpiId } = await newKpi(f);
    const reading = { kpi: kpiId, value: 5, date: '2026-11-24' };
    expect((await bot.post(`/api/v1/clients/${f.clientA}/kpi-readings`, reading)).status).toBe(403);
  });

  it('lets a writable client-scoped token record KPI readings for its client only', async () => {
    const { api } = await signedInAs(f.server, { role: 'owner' });
    const created = await api.post<{ token: string }>('/api/v1/tokens', {
      name: 'metrics script',
      clientId: f.clientA,
      canWrite: true,
    });
    const bot = new ApiClient(f.server.baseUrl);
    bot.bearer = created.body.token;
    const { kpiId } = await newKpi(f);
    const reading = { kpi: kpiId, value: 5, date: '2026-11-24', source: 'cron' };

    const own = await bot.post(`/api/v1/clients/${f.clientA}/kpi-readings`, reading);
    const other = await bot.post(`/api/v1/clients/${f.clientB}/kpi-readings`, reading);
    const decision = await bot.post(
      `/api/v1/clients/${f.clientA}/decisions-needed/${crypto.randomUUID()}/answer`,
      { choice: 'A' },
    );

    expect(own.status).toBe(200);
    expect(other.status).toBe(404);
    expect(decision.status).toBe(404);
  });
});
