/**
 * API token scopes over HTTP: read (the default), write, and kpi-readings for one client's
 * scripts; the older `canWrite` field still maps; bad or conflicting input names its field.
 */
import { eq } from 'drizzle-orm';
import { beforeAll, describe, expect, it } from 'vitest';
import type { ApiToken } from '../../src/shared/api.ts';
import { auditLog } from '../../src/server/db/schema.ts';
import { ApiClient, startTestServer, type TestServer } from './harness.ts';
import { createClientRow, signedInAs } from './factories.ts';

type ErrorResponse = { error: { message: string; details: { path: string; message: string }[] } };
const details = (body: unknown) => (body as ErrorResponse).error.details;
type Created = { token: string; apiToken: ApiToken };

describe('API token scopes', () => {
  let server: TestServer;
  let owner: ApiClient;
  let clientId: string;

  beforeAll(async () => {
    server = await startTestServer();
    clientId = (await createClientRow(server.ctx.db, { name: 'Scoped Co' })).id;
    owner = (await signedInAs(server, { role: 'owner' })).api;
  });

  it('maps each way of asking to a scope, the older canWrite included', async () => {
    const asked = [
      { name: 'default' },
      { name: 'old read', canWrite: false },
      { name: 'old write', canWrite: true },
      { name: 'read', scope: 'read' },
      { name: 'write', scope: 'write', canWrite: true },
      { name: 'script', scope: 'kpi-readings', clientId },
    ];

    const created = [];
    for (const body of asked) created.push(await owner.post<Created>('/api/v1/tokens', body));
    const listed = await owner.get<{ tokens: ApiToken[] }>('/api/v1/tokens');

    expect(created.map((r) => [r.body.apiToken.name, r.status])).toEqual(
      asked.map((b) => [b.name, 201]),
    );
    expect(created.map((r) => [r.body.apiToken.scope, r.body.apiToken.canWrite])).toEqual([
      ['read', false],
      ['read', false],
      ['write', true],
      ['read', false],
      ['write', true],
      ['kpi-readings', false],
    ]);
    const script = listed.body.tokens.find((t) => t.name === 'script');
    expect(script).toMatchObject({ scope: 'kpi-readings', clientId, canWrite: false });
    const [audit] = await server.ctx.db
      .select()
      .from(auditLog)
      .where(eq(auditLog.targetId, script!.id));
    expect(audit?.details).toEqual({ name: 'script', scope: 'kpi-readings' });
  });

  it('refuses a bad scope, a conflicting canWrite and a kpi-readings token for every client', async () => {
    const bad = await owner.post('/api/v1/tokens', { name: 'x', scope: 'admin' });
    const conflicting = await owner.post('/api/v1/tokens', {
      name: 'x',
      scope: 'kpi-readings',
      clientId,
      canWrite: true,
    });
    const everywhere = await owner.post('/api/v1/tokens', { name: 'x', scope: 'kpi-readings' });

    expect(bad.status).toBe(400);
    expect(details(bad.body)).toEqual([
      { path: 'body.scope', message: 'must be one of read, write, kpi-readings' },
    ]);
    expect(conflicting.status).toBe(400);
    expect(details(conflicting.body)).toEqual([
      {
        path: 'body.canWrite',
        message: 'means scope write but scope is kpi-readings; send scope only',
      },
    ]);
    expect(everywhere.status).toBe(400);
    expect(details(everywhere.body).map((d) => d.path)).toEqual(['body.clientId']);
    expect(details(everywhere.body)[0]!.message).toContain('required for a kpi-readings token');
  });

  it('keeps founders to read tokens, whichever field asks for more', async () => {
    const founder = (await signedInAs(server, { role: 'founder', clientIds: [clientId] })).api;

    const legacy = await founder.post('/api/v1/tokens', { name: 'x', canWrite: true });
    const readings = await founder.post('/api/v1/tokens', {
      name: 'x',
      scope: 'kpi-readings',
      clientId,
    });
    const read = await founder.post<Created>('/api/v1/tokens', { name: 'x', scope: 'read' });

    expect(details(legacy.body).map((d) => d.path)).toEqual(['body.canWrite']);
    expect(details(readings.body).map((d) => d.path)).toEqual(['body.scope']);
    expect(read.status).toBe(201);
  });

  it('gives a write token created the old way (canWrite: true) its write access', async () => {
    const created = await owner.post<Created>('/api/v1/tokens', {
      name: 'deploy bot',
      clientId,
      canWrite: true,
    });
    const bot = new ApiClient(server.baseUrl);
    bot.bearer = created.body.token;

    const changed = await bot.patch(`/api/v1/clients/${clientId}`, { notes: 'from a script' });

    expect(changed.status).toBe(200);
  });
});
