/**
 * Bad input to monitoring: heartbeat pings with whatever body a cron job sends (accepted and
 * ignored up to a cap), wrong tokens (the same plain 404 whatever is wrong), and invalid monitor
 * definitions (a 400 naming the field).
 */
import { beforeAll, describe, expect, it } from 'vitest';
import { PING_BODY_MAX_BYTES } from '../../../src/server/monitoring/monitoring.routes.ts';
import type { ApiClient } from '../harness.ts';
import { startTestServer, type TestServer } from '../harness.ts';
import { createClientRow, signedInAs } from '../factories.ts';

let server: TestServer;
let owner: ApiClient;
let clientId: string;
let token: string;
let monitorId: string;

beforeAll(async () => {
  server = await startTestServer();
  clientId = (await createClientRow(server.ctx.db)).id;
  owner = (await signedInAs(server, { role: 'owner' })).api;
  const created = await owner.post<{ id: string; pingToken: string }>(
    `/api/v1/clients/${clientId}/monitors`,
    {
      name: 'Cron',
      target: { kind: 'heartbeat', schedule: { type: 'period', periodSeconds: 3600 } },
    },
  );
  token = created.body.pingToken;
  monitorId = created.body.id;
});

const ping = (path: string, init: RequestInit = {}) =>
  fetch(new URL(path, server.baseUrl), { method: 'POST', ...init });

describe('heartbeat pings', () => {
  it.each([
    ['a form body (curl -d)', 'application/x-www-form-urlencoded', 'status=ok&took=12'],
    ['plain text (a log excerpt)', 'text/plain', 'backup done\n3 files, 12 MB\n'],
    ['JSON', 'application/json', '{"ok":true}'],
    ['JSON that does not parse', 'application/json', '{"ok":'],
    ['bytes', 'application/octet-stream', '\x00\x01\x02'],
    ['multipart (curl -F)', 'multipart/form-data; boundary=x', '--x\r\n\r\nhi\r\n--x--\r\n'],
  ])('accepts and ignores %s', async (_what, type, body) => {
    const response = await ping(`/ping/${token}`, { headers: { 'content-type': type }, body });

    expect(response.status).toBe(200);
    expect(await response.json()).toEqual({ ok: true });
  });

  it('accepts a body without a content type, and the /start and exit-code variants with bodies', async () => {
    const bare = await ping(`/ping/${token}`, { body: 'x' });
    const start = await ping(`/ping/${token}/start`, { body: 'a=b' });
    const exit = await ping(`/ping/${token}/0`, {
      headers: { 'content-type': 'application/x-www-form-urlencoded' },
      body: 'a=b',
    });
    const monitor = await owner.get<{ status: string }>(
      `/api/v1/clients/${clientId}/monitors/${monitorId}`,
    );

    expect([bare.status, start.status, exit.status]).toEqual([200, 200, 200]);
    expect(monitor.body.status).toBe('up');
  });

  it('answers 413 past the body cap', async () => {
    const response = await ping(`/ping/${token}`, {
      headers: { 'content-type': 'text/plain' },
      body: 'x'.repeat(PING_BODY_MAX_BYTES + 1),
    });

    expect(response.status).toBe(413);
  });

  it('answers the same plain 404 to a wrong, malformed or non-heartbeat token', async () => {
    const answers = await Promise.all(
      [`/ping/${token}x`, `/ping/${'a'.repeat(90)}`, '/ping/%00', `/ping/${token}/nope`].map(
        async (path) => {
          const response = await ping(path, { body: 'a=b' });
          return { status: response.status, body: await response.text() };
        },
      ),
    );

    expect(answers.map((a) => a.status)).toEqual([404, 404, 404, 404]);
    expect(answers.every((a) => !a.body.includes(token))).toBe(true);
    expect(new Set(answers.map((a) => a.body)).size).toBe(1);
  });
});

describe('invalid monitor definitions', () => {
  it.each([
    ['an unknown kind', { target: { kind: 'smtp', host: 'mail.example.com' } }, 'body.target.kind'],
    ['a URL that is not one', { target: { kind: 'http', url: 'not a url' } }, 'body.target.url'],
    ['a URL without a host', { target: { kind: 'http', url: 'https://' } }, 'body.target.url'],
    [
      'an interval below the minimum',
      { target: { kind: 'http', url: 'https://example.com' }, intervalSeconds: 9 },
      'body.intervalSeconds',
    ],
    [
      'an interval below the expert minimum',
      {
        target: { kind: 'http', url: 'https://example.com' },
        intervalSeconds: 0,
        expertInterval: true,
      },
      'body.intervalSeconds',
    ],
    [
      'a cron expression with six fields of nonsense',
      {
        target: {
          kind: 'heartbeat',
          schedule: { type: 'cron', cron: '99 * * * * *', timezone: 'UTC' },
        },
      },
      'body.target.schedule.cron',
    ],
    [
      'a heartbeat period below a minute',
      { target: { kind: 'heartbeat', schedule: { type: 'period', periodSeconds: 5 } } },
      'body.target.schedule.periodSeconds',
    ],
    [
      'a port out of range',
      { target: { kind: 'tcp', host: 'db.example.com', port: 0 } },
      'body.target.port',
    ],
    ['a bad host name', { target: { kind: 'tls', host: 'exa mple.com' } }, 'body.target.host'],
    [
      'a bad expected status',
      { target: { kind: 'http', url: 'https://example.com', expectedStatus: ['ok'] } },
      'body.target.expectedStatus.0',
    ],
    [
      'an unknown field',
      { target: { kind: 'tcp', host: 'a.example', port: 1, tls: true } },
      'body.target',
    ],
    [
      'a DNS server that is a name, not an address',
      { target: { kind: 'dns', hostname: 'shop.example', server: 'bogus' } },
      'body.target.server',
    ],
    [
      'a DNS server on a cloud metadata address',
      { target: { kind: 'dns', hostname: 'shop.example', server: '169.254.169.254' } },
      'body.target.server',
    ],
    [
      'a DNS server on a private network (not allowed here)',
      { target: { kind: 'dns', hostname: 'shop.example', server: '10.0.0.2:53' } },
      'body.target.server',
    ],
  ])('refuses %s with a 400 naming the field', async (_what, fields, path) => {
    const response = await owner.post<{
      error: { code: string; details: { path: string; message: string }[] };
    }>(`/api/v1/clients/${clientId}/monitors`, { name: 'Bad', ...fields });

    expect(response.status).toBe(400);
    expect(response.body.error.details.map((d) => d.path)).toContain(path);
    expect(response.body.error.details.every((d) => d.message.length > 0)).toBe(true);
  });

  it('refuses an interval below the minimum on a change too', async () => {
    const response = await owner.patch<{ error: { details: { path: string }[] } }>(
      `/api/v1/clients/${clientId}/monitors/${monitorId}`,
      { intervalSeconds: 3 },
    );

    expect(response.status).toBe(400);
    expect(response.body.error.details.map((d) => d.path)).toContain('body.intervalSeconds');
  });
});
