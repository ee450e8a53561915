/**
 * Secret query values in an HTTP monitor's URL (`?apikey=…`): sealed beside the secret headers,
 * masked in every answer and in `monitors.target`, sent for real by the check (a loopback server
 * that needs the key records what arrives), kept or re-sealed on update, kept out of a failing
 * check's message, result, incident and alert, sealed when imported, and sealed at start-up
 * when an older row holds one in plain.
 */
import http from 'node:http';
import type { AddressInfo } from 'node:net';
import { eq } from 'drizzle-orm';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { alertDeliveries, credentials, monitors } from '../../src/server/db/schema.ts';
import { sealPlainMonitorSecrets } from '../../src/server/monitoring/seal-plain-secrets.ts';
import { maskParam } from '../../src/server/monitoring/secret-url.ts';
import type { ImportReport } from '../../src/shared/monitor-import.ts';
import type { ApiClient } from './harness.ts';
import { startTestServer, type TestServer } from './harness.ts';
import { checkOnce, storedText as storedTextOf } from './monitoring/check-once.ts';
import { createClientRow, signedInAs } from './factories.ts';

const SECRET = 'sk-query-9f8e7d6c5b4a39281706f5e4d3c2b1a0';
const ROTATED = 'sk-rotated-0a1b2c3d4e5f60718293a4b5c6';
const OLD_PLAIN = 'old-plain-apikey-5e6f7a8b9c0d';
const HEADER_KEY = 'hdr-0a1b2c3d4e5f60718293a4b5c6d7e8f9';

type Created = { id: string; target: { url: string; headers: Record<string, string> } };

let server: TestServer;
let owner: ApiClient;
let clientId: string;
let receiver: http.Server;
let base: string;
const accepted = new Set([SECRET, ROTATED, OLD_PLAIN]);
const seen: { url: string; apiKeyHeader?: string }[] = [];

beforeAll(async () => {
  server = await startTestServer({ config: { monitorAllowPrivate: true } });
  clientId = (await createClientRow(server.ctx.db)).id;
  owner = (await signedInAs(server, { role: 'owner' })).api;
  receiver = http.createServer((req, res) => {
    seen.push({ url: req.url ?? '', apiKeyHeader: req.headers['x-api-key'] as string | undefined });
    const url = new URL(req.url ?? '/', 'http://target');
    // A redirect to itself: a loop whose address holds the key.
    if (url.pathname === '/loop') res.writeHead(302, { location: req.url }).end();
    else if (accepted.has(url.searchParams.get('apikey') ?? '')) res.end('ok');
    else res.writeHead(401).end('missing key');
  });
  await new Promise<void>((resolve) => receiver.listen(0, '127.0.0.1', resolve));
  base = `http://127.0.0.1:${(receiver.address() as AddressInfo).port}`;
});
afterAll(() => receiver.close());

const monitorsUrl = (client = clientId) => `/api/v1/clients/${client}/monitors`;

/** Makes the monitor due, runs one pass, and returns what the target saw and the row after. */
async function runCheck(monitorId: string) {
  const before = seen.length;
  const row = await checkOnce(server.ctx, monitorId);
  return { request: seen.slice(before).at(-1), row };
}

const storedText = (monitorId: string) => storedTextOf(server.ctx, monitorId);

describe('a secret query value in a monitor URL', () => {
  let monitorId: string;

  it('is sealed, and every answer and the stored target hold only its mask', async () => {
    const created = await owner.post<Created>(monitorsUrl(), {
      name: 'Partner API',
      target: { kind: 'http', url: `${base}/health?apikey=${SECRET}&page=2` },
    });
    monitorId = created.body.id;
    const one = await owner.get(`${monitorsUrl()}/${monitorId}`);
    const list = await owner.get(monitorsUrl());
    const stored = await storedText(monitorId);

    expect(created.status).toBe(201);
    expect(created.body.target.url).toBe(`${base}/health?apikey=${maskParam(SECRET)}&page=2`);
    expect(created.body.target.url).toContain('apikey=sk…(41 chars)');
    for (const text of [JSON.stringify(created.body), JSON.stringify(one.body), stored])
      expect(text).not.toContain(SECRET);
    expect(JSON.stringify(list.body)).not.toContain(SECRET);
    expect(JSON.stringify(list.body)).toContain('apikey=sk…(41 chars)&page=2');
    expect(stored).toContain('"kind":"monitor-headers"');
  });

  it('is sent for real by the check, and logged nowhere', async () => {
    const { request, row } = await runCheck(monitorId);

    expect(request?.url).toBe(`/health?apikey=${SECRET}&page=2`);
    expect(row.status).toBe('up');
    expect(server.logs()).not.toContain(SECRET);
  });

  it('is kept when its mask comes back, and sealed again when it changes', async () => {
    const shown = (await owner.get<Created>(`${monitorsUrl()}/${monitorId}`)).body.target.url;
    const [{ secretCredentialId: first }] = (await server.ctx.db
      .select({ secretCredentialId: monitors.secretCredentialId })
      .from(monitors)
      .where(eq(monitors.id, monitorId))) as [{ secretCredentialId: string | null }];

    const kept = await owner.patch<Created>(`${monitorsUrl()}/${monitorId}`, {
      target: { kind: 'http', url: shown },
    });
    const afterKeep = await runCheck(monitorId);
    const rotated = await owner.patch<Created>(`${monitorsUrl()}/${monitorId}`, {
      target: { kind: 'http', url: `${base}/health?apikey=${ROTATED}&page=3` },
    });
    const afterRotate = await runCheck(monitorId);
    const stored = await storedText(monitorId);
    const left = await server.ctx.db.select().from(credentials).where(eq(credentials.id, first!));

    expect(kept.status).toBe(200);
    expect(kept.body.target.url).toBe(shown);
    expect(afterKeep.row.secretCredentialId).toBe(first);
    expect(afterKeep.request?.url).toBe(`/health?apikey=${SECRET}&page=2`);
    expect(afterKeep.row.status).toBe('up');
    expect(rotated.status).toBe(200);
    expect(rotated.body.target.url).toBe(`${base}/health?apikey=${maskParam(ROTATED)}&page=3`);
    expect(afterRotate.row.secretCredentialId).not.toBe(first);
    expect(afterRotate.request?.url).toBe(`/health?apikey=${ROTATED}&page=3`);
    expect(afterRotate.row.status).toBe('up');
    expect(stored).not.toContain(ROTATED);
    expect(stored).not.toContain(SECRET);
    expect(left).toEqual([]);
  });

  it('refuses a copied mask that matches no stored value, naming the URL field', async () => {
    const response = await owner.post<{ error: { details: { path: string }[] } }>(monitorsUrl(), {
      name: 'Copied mask',
      target: { kind: 'http', url: `${base}/health?apikey=sk…(41 chars)` },
    });

    expect(response.status).toBe(400);
    expect(response.body.error.details.map((d) => d.path)).toEqual(['body.target.url']);
  });

  it("stays out of a failing check's message, results, incident and alert", async () => {
    await owner.post(`/api/v1/clients/${clientId}/alert-channels`, {
      kind: 'email',
      name: 'On call',
      to: ['oncall@example.com'],
    });
    const created = await owner.post<Created>(monitorsUrl(), {
      name: 'Looping API',
      target: { kind: 'http', url: `${base}/loop?apikey=${SECRET}&page=2` },
      retries: 0,
    });

    const { request, row } = await runCheck(created.body.id);
    const results = await owner.get(`${monitorsUrl()}/${created.body.id}/results`);
    const incidents = await owner.get<{ incidents: { id: string }[] }>(
      `/api/v1/clients/${clientId}/incidents`,
    );
    const incident = await owner.get(
      `/api/v1/clients/${clientId}/incidents/${incidents.body.incidents[0]!.id}`,
    );
    const alerts = await server.ctx.db.select().from(alertDeliveries);

    expect(request?.url).toBe(`/loop?apikey=${SECRET}&page=2`);
    expect(row.status).toBe('down');
    expect(row.lastFault).toBe('redirect-loop');
    expect(row.lastMessage).toBe(`redirect loop at ${base}/loop?apikey=…&page=2`);
    expect(JSON.stringify(results.body)).toContain('redirect loop');
    expect(JSON.stringify(incident.body)).toContain('redirect loop');
    expect(alerts.length).toBeGreaterThan(0);
    for (const text of [
      JSON.stringify(row),
      JSON.stringify(results.body),
      JSON.stringify(incidents.body),
      JSON.stringify(incident.body),
      JSON.stringify(alerts),
      server.logs(),
    ])
      expect(text).not.toContain(SECRET);
  });
});

describe('secret query values from elsewhere', () => {
  it('are sealed when an Uptime Kuma backup is imported, and a second import changes nothing', async () => {
    const client = (await createClientRow(server.ctx.db)).id;
    const token = 'kuma-token-3e4f5a6b7c8d9e0f1a2b';
    const content = JSON.stringify({
      version: '1.23.0',
      monitorList: [
        {
          id: 1,
          name: 'Status feed',
          type: 'http',
          url: `https://status.example.com/feed?token=${token}&format=json`,
          interval: 60,
          active: true,
        },
      ],
    });
    const url = `/api/v1/clients/${client}/monitors/import`;

    const first = await owner.post<ImportReport>(url, { content, dryRun: false });
    const second = await owner.post<ImportReport>(url, { content, dryRun: false });
    const rows = await server.ctx.db.select().from(monitors).where(eq(monitors.clientId, client));
    const listed = await owner.get(monitorsUrl(client));

    expect(first.body.counts.create).toBe(1);
    expect(second.body.monitors.map((m) => m.action)).toEqual(['unchanged']);
    expect(rows[0]!.target.url).toBe(
      `https://status.example.com/feed?token=${maskParam(token)}&format=json`,
    );
    expect(rows[0]!.secretCredentialId).not.toBeNull();
    expect(JSON.stringify(rows)).not.toContain(token);
    expect(JSON.stringify(listed.body)).not.toContain(token);
    expect(JSON.stringify(first.body)).not.toContain(token);
  });

  it('are sealed when a Gatus configuration is imported, and kept out of its skip reasons', async () => {
    const client = (await createClientRow(server.ctx.db)).id;
    const token = 'gatus-token-7a8b9c0d1e2f3a4b5c6d';
    const content = [
      'endpoints:',
      '  - name: Orders',
      `    url: "https://orders.example.com/health?access_token=${token}"`,
      '    interval: 60s',
      '    conditions: ["[STATUS] == 200"]',
      '  - name: No scheme',
      `    url: "orders.example.com/health?access_token=${token}"`,
      '    conditions: ["[STATUS] == 200"]',
    ].join('\n');

    const report = await owner.post<ImportReport>(`/api/v1/clients/${client}/monitors/import`, {
      content,
      format: 'gatus',
      dryRun: false,
    });
    const rows = await server.ctx.db.select().from(monitors).where(eq(monitors.clientId, client));

    expect(report.body.monitors.map((m) => m.action)).toEqual(['create', 'skip']);
    expect(report.body.monitors[1]!.reason).toContain('has no scheme');
    expect(rows[0]!.target.url).toBe(
      `https://orders.example.com/health?access_token=${maskParam(token)}`,
    );
    expect(JSON.stringify(rows)).not.toContain(token);
    expect(JSON.stringify(report.body)).not.toContain(token);
  });

  it('still work in plain on an older row, and are sealed at start-up beside sealed headers', async () => {
    const plainUrl = `${base}/health?apikey=${OLD_PLAIN}`;
    const [plainRow] = await server.ctx.db
      .insert(monitors)
      .values({
        clientId,
        name: 'Old row with a key in its URL',
        kind: 'http',
        target: { kind: 'http', url: plainUrl },
        intervalSeconds: 60,
        timeoutSeconds: 10,
        retries: 0,
        recoveries: 1,
      })
      .returning();
    // Sealed headers from an API save, then a URL written in plain by an older version.
    const withHeader = await owner.post<Created>(monitorsUrl(), {
      name: 'Old row with a sealed header',
      target: { kind: 'http', url: `${base}/health`, headers: { 'X-Api-Key': HEADER_KEY } },
    });
    const [headerRow] = await server.ctx.db
      .update(monitors)
      .set({ target: { ...withHeader.body.target, kind: 'http', url: `${plainUrl}&page=1` } })
      .where(eq(monitors.id, withHeader.body.id))
      .returning();

    const beforePass = await runCheck(plainRow!.id);
    const sealed = await sealPlainMonitorSecrets(server.ctx);
    const again = await sealPlainMonitorSecrets(server.ctx);
    const afterPass = await runCheck(plainRow!.id);
    const both = await runCheck(headerRow!.id);
    const stored = [await storedText(plainRow!.id), await storedText(headerRow!.id)].join();
    const oldCredential = await server.ctx.db
      .select()
      .from(credentials)
      .where(eq(credentials.id, headerRow!.secretCredentialId!));

    expect(beforePass.request?.url).toBe(`/health?apikey=${OLD_PLAIN}`);
    expect(beforePass.row.status).toBe('up');
    expect(sealed).toBe(2);
    expect(again).toBe(0);
    expect(stored).not.toContain(OLD_PLAIN);
    expect(stored).not.toContain(HEADER_KEY);
    expect(afterPass.row.target.url).toBe(`${base}/health?apikey=${maskParam(OLD_PLAIN)}`);
    expect(afterPass.request?.url).toBe(`/health?apikey=${OLD_PLAIN}`);
    expect(afterPass.row.status).toBe('up');
    expect(both.request).toEqual({
      url: `/health?apikey=${OLD_PLAIN}&page=1`,
      apiKeyHeader: HEADER_KEY,
    });
    expect(both.row.secretCredentialId).not.toBe(headerRow!.secretCredentialId);
    expect(oldCredential).toEqual([]);
  });
});
