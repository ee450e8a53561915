/**
 * Secret headers of HTTP monitors: sealed at rest, masked in every answer, never logged, still
 * sent by the check (a loopback server records what arrives), kept / replaced / removed on
 * update, sealed when imported, and sealed by the start-up pass when an older row holds them
 * in plain.
 */
import http from 'node:http';
import type { AddressInfo } from 'node:net';
import { eq } from 'drizzle-orm';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { credentials, monitors } from '../../src/server/db/schema.ts';
import { runCheck as runCheckNow } from '../../src/server/monitoring/checks/index.ts';
import { sealPlainMonitorSecrets } from '../../src/server/monitoring/seal-plain-secrets.ts';
import { maskSecret } from '../../src/server/monitoring/secret-headers.ts';
import type { ImportReport } from '../../src/shared/monitor-import.ts';
import { httpTarget } from '../../src/shared/monitoring.ts';
import type { ApiClient } from './harness.ts';
import { startTestServer, type TestServer } from './harness.ts';
import { checkOnce, storedText as storedTextOf } from './monitoring/check-once.ts';
import { createClientRow, signedInAs } from './factories.ts';

const TOKEN = 'Bearer sk_live_4f9a8b7c6d5e4f3a2b1c0d9e8f7a6b5c';
const API_KEY = 'key-0a1b2c3d4e5f60718293a4b5c6d7e8f9';
const TENANT = 'tenant-secret-value-42';

let server: TestServer;
let owner: ApiClient;
let clientId: string;
let receiver: http.Server;
let targetUrl: string;
const received: http.IncomingHttpHeaders[] = [];
const bodies: string[] = [];

beforeAll(async () => {
  server = await startTestServer({ config: { monitorAllowPrivate: true } });
  clientId = (await createClientRow(server.ctx.db)).id;
  owner = (await signedInAs(server, { role: 'owner' })).api;
  receiver = http.createServer((req, res) => {
    received.push(req.headers);
    let body = '';
    req.on('data', (chunk: Buffer) => (body += chunk.toString()));
    req.on('end', () => {
      bodies.push(body);
      res.end('ok');
    });
  });
  await new Promise<void>((resolve) => receiver.listen(0, '127.0.0.1', resolve));
  targetUrl = `http://127.0.0.1:${(receiver.address() as AddressInfo).port}/health`;
});
afterAll(() => receiver.close());

const monitorsUrl = () => `/api/v1/clients/${clientId}/monitors`;

/** Makes the monitor due, runs one pass, and returns what the target saw and the row after. */
async function runCheck(monitorId: string) {
  const before = received.length;
  const row = await checkOnce(server.ctx, monitorId);
  return { headers: received.slice(before).at(-1), row };
}

const storedText = (monitorId: string) => storedTextOf(server.ctx, monitorId);

describe('secret headers of HTTP monitors', () => {
  let monitorId: string;

  it('stores them sealed and answers with masks only', async () => {
    const created = await owner.post<{ id: string; target: { headers: Record<string, string> } }>(
      monitorsUrl(),
      {
        name: 'Checkout API',
        target: {
          kind: 'http',
          url: targetUrl,
          headers: {
            Authorization: TOKEN,
            'X-Api-Key': API_KEY,
            'X-Tenant': TENANT,
            Accept: 'application/json',
          },
          secretHeaders: ['X-Tenant'],
        },
      },
    );
    monitorId = created.body.id;
    const one = await owner.get(`${monitorsUrl()}/${monitorId}`);
    const list = await owner.get(monitorsUrl());
    const stored = await storedText(monitorId);

    expect(created.status).toBe(201);
    expect(created.body.target.headers).toEqual({
      Authorization: 'Bearer sk…(47 chars)',
      'X-Api-Key': 'ke…(36 chars)',
      'X-Tenant': 'te…(22 chars)',
      Accept: 'application/json',
    });
    for (const text of [JSON.stringify(created.body), JSON.stringify(one.body)]) {
      expect(text).not.toContain('sk_live');
      expect(text).not.toContain(API_KEY);
      expect(text).not.toContain(TENANT);
    }
    expect(JSON.stringify(list.body)).not.toContain('sk_live');
    expect(stored).not.toContain('sk_live');
    expect(stored).not.toContain(API_KEY);
    expect(stored).not.toContain(TENANT);
    expect(stored).toContain('"kind":"monitor-headers"');
  });

  it('sends the real values with the check, and logs none of them', async () => {
    const { headers, row } = await runCheck(monitorId);

    expect(row.status).not.toBe('down');
    expect(headers?.authorization).toBe(TOKEN);
    expect(headers?.['x-api-key']).toBe(API_KEY);
    expect(headers?.['x-tenant']).toBe(TENANT);
    expect(headers?.accept).toBe('application/json');
    expect(server.logs()).not.toContain('sk_live');
    expect(server.logs()).not.toContain(API_KEY);
  });

  it('keeps a secret sent back masked, replaces a new value, removes a dropped header', async () => {
    const before = (
      await owner.get<{ target: { headers: Record<string, string> } }>(
        `${monitorsUrl()}/${monitorId}`,
      )
    ).body.target.headers;
    const [{ secretCredentialId: firstCredential }] = (await server.ctx.db
      .select({ secretCredentialId: monitors.secretCredentialId })
      .from(monitors)
      .where(eq(monitors.id, monitorId))) as [{ secretCredentialId: string | null }];

    const kept = await owner.patch(`${monitorsUrl()}/${monitorId}`, {
      target: { kind: 'http', url: targetUrl, headers: before, secretHeaders: ['X-Tenant'] },
    });
    const afterKeep = await runCheck(monitorId);
    const replaced = await owner.patch<{ target: { headers: Record<string, string> } }>(
      `${monitorsUrl()}/${monitorId}`,
      {
        target: {
          kind: 'http',
          url: targetUrl,
          headers: {
            Authorization: 'Bearer rotated-token-value-0123456789',
            'X-Api-Key': before['X-Api-Key'],
          },
        },
      },
    );
    const afterReplace = await runCheck(monitorId);
    const removed = await owner.patch(`${monitorsUrl()}/${monitorId}`, {
      target: { kind: 'http', url: targetUrl, headers: {} },
    });
    const afterRemove = await runCheck(monitorId);
    const left = await server.ctx.db
      .select()
      .from(credentials)
      .where(eq(credentials.kind, 'monitor-headers'));

    expect(kept.status).toBe(200);
    expect(afterKeep.row.secretCredentialId).toBe(firstCredential);
    expect(afterKeep.headers?.authorization).toBe(TOKEN);
    expect(afterKeep.headers?.['x-tenant']).toBe(TENANT);
    expect(replaced.status).toBe(200);
    expect(replaced.body.target.headers).toEqual({
      Authorization: maskSecret('Bearer rotated-token-value-0123456789'),
      'X-Api-Key': before['X-Api-Key'],
    });
    expect(afterReplace.row.secretCredentialId).not.toBe(firstCredential);
    expect(afterReplace.headers?.authorization).toBe('Bearer rotated-token-value-0123456789');
    expect(afterReplace.headers?.['x-api-key']).toBe(API_KEY);
    expect(afterReplace.headers?.['x-tenant']).toBeUndefined();
    expect(removed.status).toBe(200);
    expect(afterRemove.row.secretCredentialId).toBeNull();
    expect(afterRemove.headers?.authorization).toBeUndefined();
    expect(left).toEqual([]);
  });

  it('refuses a masked value that matches no stored secret, naming the header', async () => {
    const response = await owner.post<{ error: { details: { path: string }[] } }>(monitorsUrl(), {
      name: 'Copied mask',
      target: { kind: 'http', url: targetUrl, headers: { Authorization: 'Bearer sk…(48 chars)' } },
    });

    expect(response.status).toBe(400);
    expect(response.body.error.details.map((d) => d.path)).toEqual([
      'body.target.headers.Authorization',
    ]);
  });

  it('seals imported basic auth and bearer headers, and a second import changes nothing', async () => {
    const client = (await createClientRow(server.ctx.db)).id;
    const url = `/api/v1/clients/${client}/monitors/import`;
    const content = JSON.stringify({
      version: '1.23.0',
      monitorList: [
        {
          id: 1,
          name: 'Admin',
          type: 'http',
          url: 'https://admin.example.com/',
          interval: 60,
          authMethod: 'basic',
          basic_auth_user: 'monitor',
          basic_auth_pass: 's3cret-pass-from-kuma',
          active: true,
        },
        {
          id: 2,
          name: 'Status',
          type: 'http',
          url: 'https://bot:hunter2-secret@status.example.com/health',
          interval: 60,
          active: true,
        },
      ],
    });

    const first = await owner.post<ImportReport>(url, { content, dryRun: false });
    const second = await owner.post<ImportReport>(url, { content, dryRun: false });
    const rows = await server.ctx.db
      .select()
      .from(monitors)
      .where(eq(monitors.clientId, client))
      .orderBy(monitors.name);
    const [row, status] = rows;
    const stored = JSON.stringify(rows);

    expect(first.body.counts.create).toBe(2);
    expect(second.body.monitors.map((m) => m.action)).toEqual(['unchanged', 'unchanged']);
    expect(stored).not.toContain('hunter2');
    expect(status!.target.url).toBe('https://status.example.com/health');
    expect(status!.secretCredentialId).not.toBeNull();
    expect(row!.secretCredentialId).not.toBeNull();
    expect(stored).not.toContain(Buffer.from('monitor:s3cret-pass-from-kuma').toString('base64'));
    expect((row!.target.headers as Record<string, string>).Authorization).toMatch(
      /^Basic .*…\(\d+ chars\)$/,
    );
  });

  it('seals plain secret headers left by an older version at start-up', async () => {
    const oldRow = (name: string, headers: Record<string, string>) => ({
      clientId,
      name,
      kind: 'http' as const,
      target: { kind: 'http', url: targetUrl, headers },
      intervalSeconds: 60,
      timeoutSeconds: 10,
      retries: 0,
      recoveries: 1,
    });
    const [row, harmless] = await server.ctx.db
      .insert(monitors)
      .values([
        oldRow('Old row', { Cookie: 'session=old-plain-cookie-1234' }),
        oldRow('Old row, harmless headers', { Accept: 'text/html' }),
      ])
      .returning();

    const sealed = await sealPlainMonitorSecrets(server.ctx);
    const again = await sealPlainMonitorSecrets(server.ctx);
    const stored = await storedText(row!.id);
    const { headers } = await runCheck(row!.id);
    const [harmlessAfter] = await server.ctx.db
      .select()
      .from(monitors)
      .where(eq(monitors.id, harmless!.id));

    expect(sealed).toBe(1);
    expect(again).toBe(0);
    expect(stored).not.toContain('old-plain-cookie');
    expect(headers?.cookie).toBe('session=old-plain-cookie-1234');
    expect(harmlessAfter!.secretCredentialId).toBeNull();
    expect(harmlessAfter!.target.headers).toEqual({ Accept: 'text/html' });
  });

  it("moves a user and password out of an older row's URL into a sealed header at start-up", async () => {
    const withUser = targetUrl.replace('http://', 'http://probe:pa55-w0rd-7f3e@');
    const [row] = await server.ctx.db
      .insert(monitors)
      .values({
        clientId,
        name: 'Old row with a password in its URL',
        kind: 'http',
        target: { kind: 'http', url: withUser },
        intervalSeconds: 60,
        timeoutSeconds: 10,
        retries: 0,
        recoveries: 1,
      })
      .returning();

    const sealed = await sealPlainMonitorSecrets(server.ctx);
    const stored = await storedText(row!.id);
    const [after] = await server.ctx.db.select().from(monitors).where(eq(monitors.id, row!.id));
    const { headers } = await runCheck(row!.id);

    expect(sealed).toBe(1);
    expect(stored).not.toContain('pa55-w0rd');
    expect(stored).not.toContain(Buffer.from('probe:pa55-w0rd-7f3e').toString('base64'));
    expect(after!.target.url).toBe(targetUrl);
    expect(headers?.authorization).toBe(
      `Basic ${Buffer.from('probe:pa55-w0rd-7f3e').toString('base64')}`,
    );
  });
});

describe('a secret request body', () => {
  it('is sealed and masked, sent by the check, and kept when its mask comes back', async () => {
    const login = '{"user":"probe","password":"pw-0f1e2d3c4b5a69788796a5b4"}';
    const created = await owner.post<{ id: string; target: { body: string } }>(monitorsUrl(), {
      name: 'Login probe',
      target: { kind: 'http', url: targetUrl, method: 'POST', body: login, secretBody: true },
    });
    const first = await runCheck(created.body.id);
    const kept = await owner.patch<{ target: { body: string } }>(
      `${monitorsUrl()}/${created.body.id}`,
      {
        target: {
          kind: 'http',
          url: targetUrl,
          method: 'POST',
          body: created.body.target.body,
          secretBody: true,
        },
      },
    );
    const second = await runCheck(created.body.id);
    const stored = await storedText(created.body.id);

    expect(created.status).toBe(201);
    expect(created.body.target.body).toBe(maskSecret(login));
    expect(JSON.stringify(created.body)).not.toContain('pw-0f1e');
    expect(first.row.status).not.toBe('down');
    expect(bodies.at(-2)).toBe(login);
    expect(kept.status).toBe(200);
    expect(second.row.secretCredentialId).toBe(first.row.secretCredentialId);
    expect(bodies.at(-1)).toBe(login);
    expect(stored).not.toContain('pw-0f1e');
  });
});

describe('a user and password in a monitor URL', () => {
  it('move into a sealed Authorization header, sent by the check', async () => {
    const withUser = targetUrl.replace('http://', 'http://bot:hunter2-in-the-url@');

    const created = await owner.post<{
      id: string;
      target: { url: string; headers: Record<string, string> };
    }>(monitorsUrl(), { name: 'Userinfo', target: { kind: 'http', url: withUser } });
    const { headers } = await runCheck(created.body.id);
    const stored = await storedText(created.body.id);

    expect(created.status).toBe(201);
    expect(created.body.target.url).toBe(targetUrl);
    expect(created.body.target.headers.Authorization).toMatch(/^Basic .*…\(\d+ chars\)$/);
    expect(stored).not.toContain('hunter2');
    expect(stored).not.toContain(Buffer.from('bot:hunter2-in-the-url').toString('base64'));
    expect(headers?.authorization).toBe(
      `Basic ${Buffer.from('bot:hunter2-in-the-url').toString('base64')}`,
    );
  });

  it('are refused beside an Authorization header, which would replace them', async () => {
    const response = await owner.post<{ error: { details: { path: string; message: string }[] } }>(
      monitorsUrl(),
      {
        name: 'Userinfo and header',
        target: {
          kind: 'http',
          url: 'https://bot:hunter2@example.com/',
          headers: { Authorization: TOKEN },
        },
      },
    );

    expect(response.status).toBe(400);
    expect(response.body.error.details[0]).toMatchObject({
      path: 'body.target.url',
      message: expect.stringContaining('keep one of them') as string,
    });
    expect(JSON.stringify(response.body)).not.toContain('hunter2');
  });
});

describe('secret headers and redirects', () => {
  it('sends them on a same-origin redirect and drops them when the redirect leaves the origin', async () => {
    const seen: { server: string; path: string; auth?: string; trace?: string }[] = [];
    const other = http.createServer((req, res) => {
      seen.push({ server: 'other', path: req.url ?? '', auth: req.headers.authorization });
      res.end('ok');
    });
    await new Promise<void>((resolve) => other.listen(0, '127.0.0.1', resolve));
    const otherUrl = `http://127.0.0.1:${(other.address() as AddressInfo).port}`;
    const origin = http.createServer((req, res) => {
      seen.push({
        server: 'origin',
        path: req.url ?? '',
        auth: req.headers.authorization,
        trace: req.headers['x-trace'] as string | undefined,
      });
      if (req.url === '/same') res.writeHead(302, { location: '/landing' }).end();
      else if (req.url === '/away') res.writeHead(302, { location: `${otherUrl}/landing` }).end();
      else res.end('ok');
    });
    await new Promise<void>((resolve) => origin.listen(0, '127.0.0.1', resolve));
    const originUrl = `http://127.0.0.1:${(origin.address() as AddressInfo).port}`;
    const env = { policy: { allowPrivate: true }, timeoutMs: 2000 };
    const target = (path: string) =>
      httpTarget.parse({
        kind: 'http',
        url: `${originUrl}${path}`,
        headers: { Authorization: TOKEN, 'X-Trace': 'plain' },
      });

    const same = await runCheckNow(target('/same'), env);
    const away = await runCheckNow(target('/away'), env);
    origin.close();
    other.close();

    expect(same.status).toBe('up');
    expect(away.status).toBe('up');
    expect(seen).toEqual([
      { server: 'origin', path: '/same', auth: TOKEN, trace: 'plain' },
      { server: 'origin', path: '/landing', auth: TOKEN, trace: 'plain' },
      { server: 'origin', path: '/away', auth: TOKEN, trace: 'plain' },
      { server: 'other', path: '/landing', auth: undefined },
    ]);
  });
});
