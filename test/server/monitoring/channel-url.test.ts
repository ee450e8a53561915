/**
 * A webhook channel's URL is a credential (Slack's incoming-webhook URLs carry their token in the
 * path): sealed at rest with the signing secret, masked in every answer and in the database row,
 * never logged, and still the address alerts go to. Channels written before URLs were sealed are
 * sealed by the start-up pass and keep delivering with a valid signature.
 */
import { createHmac } from 'node:crypto';
import { eq } from 'drizzle-orm';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { alertChannels, credentials } from '../../../src/server/db/schema.ts';
import { deliverAlert, storeAlerts } from '../../../src/server/monitoring/alerts.ts';
import { sealPlainWebhookUrls } from '../../../src/server/monitoring/channel-secrets.ts';
import type { AlertChannel } from '../../../src/shared/monitoring.ts';
import type { ApiClient } from '../harness.ts';
import { startTestServer, type TestServer } from '../harness.ts';
import { createClientRow, signedInAs } from '../factories.ts';
import { startWebhookReceiver, type WebhookReceiver } from './webhook-receiver.ts';

const HOOK_PATH = '/services/T0ACME1/B0OPS22/xoxHookToken4f9a8b7c6d5e4f3a';

let server: TestServer;
let owner: ApiClient;
let receiver: WebhookReceiver;
let clientId: string;

beforeAll(async () => {
  server = await startTestServer({ config: { monitorAllowPrivate: true } });
  owner = (await signedInAs(server, { role: 'owner' })).api;
  receiver = await startWebhookReceiver();
  clientId = (await createClientRow(server.ctx.db)).id;
});
afterAll(() => receiver.close());

async function send(channelId: string) {
  const [deliveryId] = await storeAlerts(server.ctx.db, {
    monitor: { id: channelId, name: 'Test', kind: 'http', clientId },
    incidentId: null,
    event: 'test',
    message: 'This is a test alert from Keel.',
    at: new Date(),
    channelIds: [channelId],
  });
  await deliverAlert(server.ctx, deliveryId!);
  return receiver.received.find((r) => r.deliveryId === deliveryId)!;
}

const verify = (secret: string, signature: string, body: Record<string, unknown>) => {
  const [t, v1] = signature.split(',').map((part) => part.split('=')[1]!);
  const expected = createHmac('sha256', secret)
    .update(`${t}.${JSON.stringify(body)}`)
    .digest('hex');
  return v1 === expected;
};

describe('webhook URLs', () => {
  it('are sealed and masked, and alerts still go to the full URL with a valid signature', async () => {
    const url = `${new URL(receiver.url).origin}${HOOK_PATH}`;
    const created = await owner.post<AlertChannel>(`/api/v1/clients/${clientId}/alert-channels`, {
      kind: 'webhook',
      name: 'Slack',
      url,
    });
    const listed = await owner.get<{ channels: AlertChannel[] }>(
      `/api/v1/clients/${clientId}/alert-channels`,
    );
    const [row] = await server.ctx.db
      .select()
      .from(alertChannels)
      .where(eq(alertChannels.id, created.body.id));
    const [credential] = await server.ctx.db
      .select()
      .from(credentials)
      .where(eq(credentials.id, row!.secretCredentialId!));

    expect(created.status).toBe(201);
    expect(created.body.url).toBe(`${new URL(url).origin}/…(${url.length} chars)`);
    expect(JSON.stringify(created.body)).not.toContain('xoxHookToken');
    expect(JSON.stringify(listed.body)).not.toContain('xoxHookToken');
    expect(JSON.stringify(row)).not.toContain('xoxHookToken');
    expect(credential!.ciphertext).not.toContain('xoxHookToken');

    const arrived = await send(created.body.id);
    expect(arrived.path).toBe(HOOK_PATH);
    expect(verify(created.body.secret!, arrived.signature!, arrived.body)).toBe(true);
    expect(server.logs()).not.toContain('xoxHookToken');
  });

  it('of channels written before sealing are sealed at start and keep delivering', async () => {
    const url = `${new URL(receiver.url).origin}/hooks/legacy-token-0a1b2c3d4e5f`;
    const secret = 'whsec_legacy_signing_secret_0123456789';
    const credentialId = crypto.randomUUID();
    await server.ctx.db.insert(credentials).values({
      id: credentialId,
      clientId,
      kind: 'webhook-signing-secret',
      label: 'webhook Legacy',
      ciphertext: server.ctx.secretBox.seal(secret, credentialId),
    });
    const [legacy] = await server.ctx.db
      .insert(alertChannels)
      .values({
        clientId,
        kind: 'webhook',
        name: 'Legacy',
        config: { url, format: 'json' },
        secretCredentialId: credentialId,
      })
      .returning();
    const beforeSealing = await owner.get<{ channels: AlertChannel[] }>(
      `/api/v1/clients/${clientId}/alert-channels`,
    );

    const first = await sealPlainWebhookUrls(server.ctx);
    const again = await sealPlainWebhookUrls(server.ctx);
    const [row] = await server.ctx.db
      .select()
      .from(alertChannels)
      .where(eq(alertChannels.id, legacy!.id));
    const { rows: plainLeft } = await server.ctx.database.query<{ n: number }>(
      `select count(*)::int as n from alert_channels where config::text like '%legacy-token%'`,
    );

    expect(JSON.stringify(beforeSealing.body)).not.toContain('legacy-token');
    expect([first, again]).toEqual([1, 0]);
    expect(row!.config.url).toBe(`${new URL(url).origin}/…(${url.length} chars)`);
    expect(plainLeft[0]!.n).toBe(0);
    const arrived = await send(legacy!.id);
    expect(arrived.path).toBe('/hooks/legacy-token-0a1b2c3d4e5f');
    expect(verify(secret, arrived.signature!, arrived.body)).toBe(true);
  });
});
