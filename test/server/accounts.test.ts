/** Accounts and access: setup, sign-in, rate limiting, cookies, invites, tokens, audit log. */
import { beforeAll, describe, expect, it } from 'vitest';
import { eq } from 'drizzle-orm';
import { apiTokens, auditLog, invites, users } from '../../src/server/db/schema.ts';
import { ApiClient, startTestServer, type TestServer } from './harness.ts';
import { createClientRow, createUser, signedInAs, TEST_PASSWORD } from './factories.ts';

describe('accounts and access', () => {
  let server: TestServer;

  beforeAll(async () => {
    server = await startTestServer();
  });

  it('creates the owner once, hashed with argon2id, with a HttpOnly SameSite=Lax cookie', async () => {
    const api = new ApiClient(server.baseUrl);

    const first = await api.post('/api/v1/setup', {
      name: 'Olivia',
      email: 'Olivia@CTO.example',
      password: 'a long password',
    });
    const second = await new ApiClient(server.baseUrl).post('/api/v1/setup', {
      name: 'Mallory',
      email: 'm@x.test',
      password: 'a long password',
    });

    expect(first.status).toBe(201);
    expect(first.headers.get('set-cookie')).toMatch(/keel_session=.+; .*HttpOnly.*SameSite=Lax/i);
    expect(first.headers.get('set-cookie')).not.toMatch(/Secure/);
    expect(second.status).toBe(409);
    const [owner] = await server.ctx.db
      .select()
      .from(users)
      .where(eq(users.email, 'olivia@cto.example'));
    expect(owner?.role).toBe('owner');
    expect(owner?.passwordHash).toMatch(/^\$argon2id\$/);
    expect((await api.get('/api/v1/session')).status).toBe(200);
  });

  it('limits failed sign-ins per email, and logs them', async () => {
    const user = await createUser(server.ctx.db, { role: 'member' });
    const api = new ApiClient(server.baseUrl);
    const statuses: number[] = [];

    for (let i = 0; i < 6; i++)
      statuses.push(
        (await api.post('/api/v1/auth/login', { email: user.email, password: 'wrong password' }))
          .status,
      );
    const rightButLimited = await api.post('/api/v1/auth/login', {
      email: user.email,
      password: TEST_PASSWORD,
    });

    expect(statuses).toEqual([401, 401, 401, 401, 401, 429]);
    expect(rightButLimited.status).toBe(429);
    expect(rightButLimited.headers.get('retry-after')).toBe('900');
    const failures = await server.ctx.db
      .select()
      .from(auditLog)
      .where(eq(auditLog.action, 'auth.login_failed'));
    expect(failures.length).toBeGreaterThanOrEqual(5);
  });

  it('invites a founder by one-time link; the link works once', async () => {
    const { api: owner } = await signedInAs(server, { role: 'owner' });
    const client = await createClientRow(server.ctx.db);
    const created = await owner.post<{ token: string; url: string }>('/api/v1/invites', {
      email: 'fiona@founder.test',
      role: 'founder',
      clientIds: [client.id],
    });
    const visitor = new ApiClient(server.baseUrl);

    const inspected = await visitor.post('/api/v1/invites/inspect', { token: created.body.token });
    const accepted = await visitor.post<{ user: { role: string; clientIds: string[] } }>(
      '/api/v1/invites/accept',
      { token: created.body.token, name: 'Fiona', password: 'founder password' },
    );
    const again = await new ApiClient(server.baseUrl).post('/api/v1/invites/accept', {
      token: created.body.token,
      name: 'Eve',
      password: 'another password',
    });

    expect(created.body.url).toMatch(/\/invite#token=/);
    expect(inspected.body).toEqual({
      email: 'fiona@founder.test',
      role: 'founder',
      clientNames: [client.name],
    });
    expect(accepted.status).toBe(201);
    expect(accepted.body.user).toMatchObject({ role: 'founder', clientIds: [client.id] });
    expect(again.status).toBe(410);
    const [stored] = await server.ctx.db
      .select()
      .from(invites)
      .where(eq(invites.email, 'fiona@founder.test'));
    expect(stored?.tokenHash).not.toContain(created.body.token);
  });

  it('refuses an expired invite and a founder invite without exactly one client', async () => {
    const { api: owner } = await signedInAs(server, { role: 'owner' });
    const created = await owner.post<{ token: string }>('/api/v1/invites', {
      email: 'late@x.test',
      role: 'member',
      clientIds: [],
    });
    await server.ctx.db
      .update(invites)
      .set({ expiresAt: new Date(Date.now() - 1000) })
      .where(eq(invites.email, 'late@x.test'));

    const expired = await new ApiClient(server.baseUrl).post('/api/v1/invites/accept', {
      token: created.body.token,
      name: 'L',
      password: 'long enough pw',
    });
    const founderless = await owner.post('/api/v1/invites', {
      email: 'f2@x.test',
      role: 'founder',
      clientIds: [],
    });

    expect(expired.status).toBe(410);
    expect(founderless.status).toBe(400);
    expect(JSON.stringify(founderless.body)).toContain('body.clientIds');
  });

  it('shows an API token once, stores only its hash, and revokes it', async () => {
    const { api: owner } = await signedInAs(server, { role: 'owner' });
    const created = await owner.post<{ token: string; apiToken: { id: string } }>(
      '/api/v1/tokens',
      { name: 'deploy bot', canWrite: true },
    );
    const bot = new ApiClient(server.baseUrl);
    bot.bearer = created.body.token;

    const before = await bot.get('/api/v1/clients');
    const listed = await owner.get('/api/v1/tokens');
    await owner.delete(`/api/v1/tokens/${created.body.apiToken.id}`);
    const after = await bot.get('/api/v1/clients');

    expect(before.status).toBe(200);
    expect(JSON.stringify(listed.body)).not.toContain(created.body.token);
    const [row] = await server.ctx.db
      .select()
      .from(apiTokens)
      .where(eq(apiTokens.id, created.body.apiToken.id));
    expect(row?.tokenHash).toHaveLength(64);
    expect(row?.tokenHash).not.toBe(created.body.token);
    expect(after.status).toBe(401);
  });

  it('records changes to people, roles and tokens in the audit log', async () => {
    const { api: owner } = await signedInAs(server, { role: 'owner' });
    const person = await createUser(server.ctx.db, { role: 'member' });

    await owner.patch(`/api/v1/people/${person.id}`, { role: 'owner' });
    const log = await owner.get<{ entries: { action: string; targetId: string | null }[] }>(
      '/api/v1/audit-log',
    );

    expect(
      log.body.entries.some((e) => e.action === 'person.updated' && e.targetId === person.id),
    ).toBe(true);
    expect(log.body.entries.some((e) => e.action === 'token.revoked')).toBe(true);
    expect(log.body.entries.some((e) => e.action === 'auth.login')).toBe(true);
  });

  it('never leaves Keel without an active owner', async () => {
    const { api: owner, user } = await signedInAs(server, { role: 'owner' });
    const others = await server.ctx.db.select().from(users).where(eq(users.role, 'owner'));
    for (const other of others.filter((o) => o.id !== user.id))
      await server.ctx.db.update(users).set({ role: 'member' }).where(eq(users.id, other.id));

    const demote = await owner.patch(`/api/v1/people/${user.id}`, { role: 'member' });

    expect(demote.status).toBe(409);
  });
});
