/**
 * Monitor import from realistic Uptime Kuma and Gatus files: what each source monitor maps to,
 * what is reported as not mapped (per monitor and field), the dry run writing nothing, the
 * second import changing nothing, an edited file updating in place, and 400s naming the line.
 */
import { readFileSync } from 'node:fs';
import path from 'node:path';
import { eq } from 'drizzle-orm';
import { beforeAll, describe, expect, it } from 'vitest';
import { monitors } from '../../src/server/db/schema.ts';
import { parseGatus } from '../../src/server/monitoring/import/gatus.ts';
import { parseUptimeKuma } from '../../src/server/monitoring/import/uptime-kuma.ts';
import type { ImportReport } from '../../src/shared/monitor-import.ts';
import { startTestServer, type ApiClient, type TestServer } from './harness.ts';
import { createClientRow, signedInAs } from './factories.ts';

const fixture = (name: string) =>
  readFileSync(path.join(import.meta.dirname, 'fixtures/monitor-import', name), 'utf8');
const kuma = fixture('uptime-kuma-backup.json');
const gatus = fixture('gatus-config.yaml');

describe('Uptime Kuma mapping', () => {
  const { candidates, notes } = parseUptimeKuma(kuma);
  const byName = (name: string) => candidates.find((c) => c.name === name)!;

  it('maps http, keyword, json-query, port, dns and push, and says why the rest cannot', () => {
    expect(byName('Marketing site').input).toMatchObject({
      intervalSeconds: 60,
      retries: 2,
      timeoutSeconds: 48,
      target: {
        kind: 'http',
        url: 'https://www.example.com/',
        expectedStatus: ['200-299', '301'],
        headers: { 'User-Agent': 'uptime-kuma' },
        followRedirects: true,
      },
    });
    expect(byName('Admin login page').input?.target).toMatchObject({
      bodyContains: 'Sign in',
      followRedirects: false,
      verifyTls: false,
      headers: { Authorization: `Basic ${Buffer.from('monitor:s3cret-pass').toString('base64')}` },
    });
    expect(byName('No maintenance banner').input).toMatchObject({
      enabled: false,
      target: { bodyNotContains: 'Maintenance', expectedStatus: ['2xx'] },
    });
    expect(byName('API health').input?.target).toMatchObject({
      method: 'POST',
      body: '{"probe": true}',
      jsonAssertions: [{ path: '$.data.status', op: 'equals', value: 'ok' }],
    });
    expect(byName('Postgres port').input?.target).toEqual({
      kind: 'tcp',
      host: 'db.internal.example.com',
      port: 5432,
    });
    expect(byName('MX records').input?.target).toMatchObject({
      kind: 'dns',
      hostname: 'example.com',
      recordType: 'MX',
      server: '1.1.1.1',
    });
    expect(byName('Nightly backup').input?.target).toEqual({
      kind: 'heartbeat',
      schedule: { type: 'period', periodSeconds: 86_400, graceSeconds: 86_400 },
    });
    expect(
      Object.fromEntries(candidates.filter((c) => c.skipReason).map((c) => [c.name, c.sourceType])),
    ).toEqual({
      Production: 'group',
      'SOA record': 'dns',
      'Gateway ping': 'ping',
      'Redis container': 'docker',
      'Legacy portal is down': 'http',
    });
    expect(byName('Queue depth').issues.map((i) => i.field)).toEqual(['jsonPath']);
    expect(byName('Marketing site').issues.map((i) => i.field)).toEqual([
      'parent',
      'tags',
      'expiryNotification',
    ]);
    expect(notes.map((n) => n.field)).toEqual(['notificationList']);
  });
});

describe('Gatus mapping', () => {
  const { candidates, notes } = parseGatus(gatus);
  const byName = (name: string) => candidates.find((c) => c.name === name)!;

  it('maps conditions one by one and names the ones it drops, with their line', () => {
    expect(byName('core / front-end')).toMatchObject({
      source: 'endpoints[0] (line 11)',
      input: {
        intervalSeconds: 30,
        target: {
          kind: 'http',
          expectedStatus: ['200'],
          maxResponseMs: 299,
          bodyContains: '<title>Example',
        },
      },
    });
    expect(byName('api-health').input).toMatchObject({
      timeoutSeconds: 5,
      target: {
        method: 'POST',
        verifyTls: false,
        expectedStatus: ['200', '204'],
        headers: { Authorization: 'Bearer probe-token' },
        jsonAssertions: [
          { path: '$.status', op: 'equals', value: 'UP' },
          { path: '$.db.latencyMs', op: 'less-than', value: 50 },
          { path: '$.version', op: 'not-equals', value: 0 },
        ],
      },
    });
    expect(byName('api-health').issues).toContainEqual({
      field: 'conditions[4]',
      reason: '"len([BODY].errors) == 0": length conditions have no Keel equivalent',
    });
    expect(byName('status-page').input?.target).toMatchObject({
      expectedStatus: ['100-399'],
      followRedirects: false,
    });
    expect(byName('postgres').input?.target).toEqual({
      kind: 'tcp',
      host: 'db.internal.example.com',
      port: 5432,
    });
    expect(byName('smtp-certificate').input?.target).toEqual({
      kind: 'tls',
      host: 'mail.example.com',
      port: 465,
    });
    expect(byName('dns-a-record').input?.target).toEqual({
      kind: 'dns',
      hostname: 'example.com',
      recordType: 'A',
      expected: ['93.184.215.14'],
      server: '8.8.8.8',
    });
    expect(byName('gateway').skipReason).toContain('ICMP');
    expect(byName('staging / front-end').input?.enabled).toBe(false);
    expect(notes.map((n) => n.field)).toEqual(['alerting', 'storage']);
  });
});

describe('import route', () => {
  let server: TestServer;
  let owner: ApiClient;

  beforeAll(async () => {
    server = await startTestServer();
    owner = (await signedInAs(server, { role: 'owner' })).api;
  });

  const names = async (clientId: string) =>
    (await server.ctx.db.select().from(monitors).where(eq(monitors.clientId, clientId)))
      .map((m) => m.name)
      .sort();

  it('previews, applies, and changes nothing on a second import', async () => {
    const clientId = (await createClientRow(server.ctx.db)).id;
    const url = `/api/v1/clients/${clientId}/monitors/import`;

    const preview = await owner.post<ImportReport>(url, { content: kuma });
    const afterPreview = await names(clientId);
    const applied = await owner.post<ImportReport>(url, { content: kuma, dryRun: false });
    const again = await owner.post<ImportReport>(url, { content: kuma, dryRun: false });

    expect(preview.status).toBe(200);
    expect(preview.body).toMatchObject({ format: 'uptime-kuma', dryRun: true });
    expect(preview.body.counts).toEqual({ create: 8, update: 0, unchanged: 0, skip: 5 });
    expect(afterPreview).toEqual([]);
    expect(applied.body.counts).toEqual({ create: 8, update: 0, unchanged: 0, skip: 5 });
    expect(applied.body.monitors.find((m) => m.name === 'Nightly backup')?.pingToken).toMatch(
      /^hb_/,
    );
    expect(await names(clientId)).toHaveLength(8);
    expect(again.body.counts).toEqual({ create: 0, update: 0, unchanged: 8, skip: 5 });
    expect(again.body.monitors.every((m) => !m.pingToken)).toBe(true);
    expect(await names(clientId)).toHaveLength(8);
  });

  it('updates a monitor in place when the file changes, matched by name', async () => {
    const clientId = (await createClientRow(server.ctx.db)).id;
    const url = `/api/v1/clients/${clientId}/monitors/import`;
    await owner.post(url, { content: gatus, dryRun: false });

    const edited = gatus.replace('"[RESPONSE_TIME] < 300"', '"[RESPONSE_TIME] < 800"');
    const second = await owner.post<ImportReport>(url, { content: edited, dryRun: false });
    const [row] = await server.ctx.db
      .select()
      .from(monitors)
      .where(eq(monitors.name, 'core / front-end'));

    expect(second.body.counts).toEqual({ create: 0, update: 1, unchanged: 6, skip: 1 });
    expect(second.body.monitors.find((m) => m.action === 'update')?.name).toBe('core / front-end');
    expect(row!.target).toMatchObject({ maxResponseMs: 799 });
    expect(await names(clientId)).toHaveLength(7);
  });

  it('skips a name taken by a monitor of another kind instead of changing its kind', async () => {
    const clientId = (await createClientRow(server.ctx.db)).id;
    await owner.post(`/api/v1/clients/${clientId}/monitors`, {
      name: 'postgres',
      target: { kind: 'http', url: 'https://db.example.com/' },
      enabled: false,
    });

    const report = await owner.post<ImportReport>(`/api/v1/clients/${clientId}/monitors/import`, {
      content: gatus,
    });

    expect(report.body.monitors.find((m) => m.name === 'postgres')).toMatchObject({
      action: 'skip',
      reason: 'a http monitor with this name already exists; rename one of them',
    });
  });

  it.each([
    ['{\n  "monitorList": [\n    { "name": "a", }\n  ]\n}', 'body.content', 'line 3'],
    ['{ "version": "1.23.0" }', 'body.content.monitorList', 'monitorList'],
    ['endpoints:\n  - name: x\n    url: "https://x.test\n', 'body.content', 'line'],
    ['metrics: true\n', 'body.content.endpoints', 'endpoints'],
  ])('refuses %j with a 400 naming the line or field', async (content, field, mention) => {
    const clientId = (await createClientRow(server.ctx.db)).id;

    const response = await owner.post<{ error: { message: string; details: { path: string }[] } }>(
      `/api/v1/clients/${clientId}/monitors/import`,
      { content },
    );

    expect(response.status).toBe(400);
    expect(response.body.error.details.map((d) => d.path)).toEqual([field]);
    expect(response.body.error.message).toContain(mention);
  });
});
