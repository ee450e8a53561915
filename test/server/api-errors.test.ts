/** Bad input and faults at the HTTP edge: one error shape, a clear message, nothing stored. */
import { beforeAll, describe, expect, it } from 'vitest';
import { count, eq } from 'drizzle-orm';
import { clients, sessions } from '../../src/server/db/schema.ts';
import { ApiClient, startTestServer, type TestServer } from './harness.ts';
import { signedInAs } from './factories.ts';

describe('API errors', () => {
  let server: TestServer;
  let owner: ApiClient;
  const clientCount = async () =>
    Number((await server.ctx.db.select({ n: count() }).from(clients))[0]?.n);

  beforeAll(async () => {
    server = await startTestServer({ config: { bodyLimitBytes: 4096 } });
    owner = (await signedInAs(server, { role: 'owner' })).api;
  });

  it('rejects malformed JSON with 400 bad_request', async () => {
    const response = await owner.request('POST', '/api/v1/clients', '{"name": "Acme",');

    expect(response.status).toBe(400);
    expect(response.body).toEqual({
      error: { code: 'bad_request', message: 'the request body is not valid JSON', details: [] },
    });
  });

  it('names every wrong field with its path', async () => {
    const response = await owner.post('/api/v1/clients', {
      name: '',
      stage: 'unicorn',
      stack: 'ts',
    });

    expect(response.status).toBe(400);
    const error = (response.body as { error: { code: string; details: { path: string }[] } }).error;
    expect(error.code).toBe('validation_failed');
    expect(error.details.map((d) => d.path).sort()).toEqual([
      'body.name',
      'body.stack',
      'body.stage',
    ]);
    expect(await clientCount()).toBe(0);
  });

  it('refuses unknown fields instead of silently dropping them', async () => {
    const response = await owner.post('/api/v1/clients', {
      name: 'Acme',
      stage: 'seed',
      revenue: 10,
    });

    expect(response.status).toBe(400);
    expect(JSON.stringify(response.body)).toContain('unknown field: revenue');
    expect(await clientCount()).toBe(0);
  });

  it('refuses oversize bodies with 413', async () => {
    const response = await owner.post('/api/v1/clients', {
      name: 'Acme',
      stage: 'seed',
      notes: 'x'.repeat(10_000),
    });

    expect(response.status).toBe(413);
    expect((response.body as { error: { code: string } }).error.code).toBe('payload_too_large');
  });

  it('refuses bodies that are not JSON with 415', async () => {
    const response = await owner.request('POST', '/api/v1/clients', 'name=Acme', {
      'content-type': 'application/x-www-form-urlencoded',
    });

    expect(response.status).toBe(415);
  });

  it('refuses cookie-authenticated writes without the CSRF token', async () => {
    const noCsrf = new ApiClient(server.baseUrl);
    noCsrf.cookie = owner.cookie;

    const response = await noCsrf.post('/api/v1/clients', { name: 'Acme', stage: 'seed' });

    expect(response.status).toBe(403);
    expect((response.body as { error: { code: string } }).error.code).toBe('csrf_failed');
    expect(await clientCount()).toBe(0);
  });

  it('says the session expired, and ends it', async () => {
    const { api, user } = await signedInAs(server, { role: 'member' });
    await server.ctx.db
      .update(sessions)
      .set({ expiresAt: new Date(Date.now() - 1000) })
      .where(eq(sessions.userId, user.id));

    const response = await api.get('/api/v1/clients');

    expect(response.status).toBe(401);
    expect((response.body as { error: { code: string } }).error.code).toBe('session_expired');
    expect(
      Number(
        (
          await server.ctx.db
            .select({ n: count() })
            .from(sessions)
            .where(eq(sessions.userId, user.id))
        )[0]?.n,
      ),
    ).toBe(0);
  });

  it('answers unknown API routes with 404 in the same shape, and no stack traces anywhere', async () => {
    const response = await new ApiClient(server.baseUrl).get('/api/v1/nothing-here');

    expect(response.status).toBe(404);
    expect(response.body).toEqual({
      error: { code: 'not_found', message: 'no route for GET /api/v1/nothing-here', details: [] },
    });
  });

  it('sets security headers on every response', async () => {
    const response = await new ApiClient(server.baseUrl).get('/healthz');

    expect(response.headers.get('x-content-type-options')).toBe('nosniff');
    expect(response.headers.get('content-security-policy')).toContain("frame-ancestors 'none'");
  });

  it('serves an OpenAPI 3.1 document generated from the route schemas', async () => {
    const response = await new ApiClient(server.baseUrl).get<{
      openapi: string;
      paths: Record<
        string,
        Record<
          string,
          { requestBody?: { content: Record<string, { schema: { required?: string[] } }> } }
        >
      >;
    }>('/api/v1/openapi.json');

    expect(response.body.openapi).toBe('3.1.0');
    const create = response.body.paths['/api/v1/clients']?.post;
    expect(create?.requestBody?.content['application/json']?.schema.required).toEqual(
      expect.arrayContaining(['name', 'stage']),
    );
    expect(Object.keys(response.body.paths)).toContain('/api/v1/clients/{clientId}');
  });
});
