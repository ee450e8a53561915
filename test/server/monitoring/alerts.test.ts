/**
 * Alerts end to end on a real database with the job worker running: a heartbeat whose deadline
 * passes becomes an incident and a webhook without anyone calling the scheduler by hand, and an
 * alert whose job was lost (the process died between the commit and the queue) is sent by the
 * sweep, once. A burst goes out in one batch: a failing receiver is retried with backoff while the
 * others get their alert once.
 */
import { eq, inArray } from 'drizzle-orm';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import {
  alertDeliveries,
  incidentEvents,
  incidents,
  monitors,
  outbox,
} from '../../../src/server/db/schema.ts';
import {
  ALERT_ATTEMPTS,
  ALERT_JOB,
  deliverAlert,
  queueAlerts,
  storeAlerts,
  sweepAlerts,
} from '../../../src/server/monitoring/alerts.ts';
import { createMonitorScheduler } from '../../../src/server/monitoring/scheduler.ts';
import type { ApiClient } from '../harness.ts';
import { startTestServer, type TestServer } from '../harness.ts';
import { createClientRow, signedInAs } from '../factories.ts';
import { startSmtpSink } from '../smtp-sink.ts';
import { startWebhookReceiver, type WebhookReceiver } from './webhook-receiver.ts';
import { waitFor } from '../wait-for.ts';

let server: TestServer;
let owner: ApiClient;
let receiver: WebhookReceiver;
let clientId: string;

beforeAll(async () => {
  server = await startTestServer({ work: true, config: { monitorAllowPrivate: true } });
  owner = (await signedInAs(server, { role: 'owner' })).api;
  receiver = await startWebhookReceiver();
  clientId = (await createClientRow(server.ctx.db)).id;
  await owner.post(`/api/v1/clients/${clientId}/alert-channels`, {
    kind: 'webhook',
    name: 'Ops',
    url: receiver.url,
  });
});
afterAll(() => receiver.close());

describe('heartbeat alerts', () => {
  it('opens an incident and sends the alert when the deadline passes', async () => {
    const created = await owner.post<{ id: string; pingToken: string }>(
      `/api/v1/clients/${clientId}/monitors`,
      {
        name: 'Nightly backup',
        target: { kind: 'heartbeat', schedule: { type: 'period', periodSeconds: 3600 } },
      },
    );
    await fetch(new URL(`/ping/${created.body.pingToken}`, server.baseUrl), { method: 'POST' });
    const scheduler = createMonitorScheduler(server.ctx, { pollMs: 100 });
    scheduler.start();

    const deadline = new Date(Date.now() + 1_000);
    await server.ctx.db
      .update(monitors)
      .set({ nextRunAt: deadline })
      .where(eq(monitors.id, created.body.id));
    const alert = await waitFor(
      async () => receiver.received.find((r) => r.monitorId === created.body.id),
      'the missed-ping alert',
    );
    await scheduler.stop();
    const opened = await server.ctx.db
      .select()
      .from(incidents)
      .where(eq(incidents.monitorId, created.body.id));

    expect(alert.event).toBe('down');
    expect(alert.body.message).toBe('no ping before the deadline');
    expect(alert.body.href).toMatch(/^\/clients\/.+\/monitoring\/incidents\//);
    expect(alert.body).not.toHaveProperty('url');
    expect(opened).toHaveLength(1);
    expect(opened[0]!.openedAt.getTime()).toBeGreaterThanOrEqual(deadline.getTime());
  });
});

describe('lost alert jobs', () => {
  it('sends an alert whose job was never queued, once', async () => {
    const created = await owner.post<{ id: string }>(`/api/v1/clients/${clientId}/monitors`, {
      name: 'Shop',
      target: { kind: 'tcp', host: '127.0.0.1', port: 9 },
      enabled: false,
    });
    const [monitor] = await server.ctx.db
      .select()
      .from(monitors)
      .where(eq(monitors.id, created.body.id));
    // Stored in the state change's transaction; the process died before queueing the job.
    const [deliveryId] = await storeAlerts(server.ctx.db, {
      monitor: monitor!,
      incidentId: null,
      event: 'down',
      message: 'connection refused',
      at: new Date(),
    });

    const first = await sweepAlerts(server.ctx, 0);
    const again = await sweepAlerts(server.ctx, 0);
    await waitFor(
      async () => receiver.received.some((r) => r.deliveryId === deliveryId),
      'the swept alert',
    );
    const afterSent = await sweepAlerts(server.ctx, 0);

    expect([first, again, afterSent]).toEqual([1, 0, 0]);
    expect(receiver.received.filter((r) => r.deliveryId === deliveryId)).toHaveLength(1);
  });
});

describe('alert batches', () => {
  it('retries a failing receiver while the other deliveries of the batch are sent once', async () => {
    const flaky = await startWebhookReceiver({ failFirst: 1 });
    const batchClientId = (await createClientRow(server.ctx.db)).id;
    for (const name of ['Ops', 'On-call', 'Status', 'Chat'])
      await owner.post(`/api/v1/clients/${batchClientId}/alert-channels`, {
        kind: 'webhook',
        name,
        url: receiver.url,
      });
    await owner.post(`/api/v1/clients/${batchClientId}/alert-channels`, {
      kind: 'webhook',
      name: 'Flaky',
      url: flaky.url,
    });
    const created = await owner.post<{ id: string }>(`/api/v1/clients/${batchClientId}/monitors`, {
      name: 'Checkout',
      target: { kind: 'tcp', host: '127.0.0.1', port: 9 },
      enabled: false,
    });
    const [monitor] = await server.ctx.db
      .select()
      .from(monitors)
      .where(eq(monitors.id, created.body.id));
    const ids = await storeAlerts(server.ctx.db, {
      monitor: monitor!,
      incidentId: null,
      event: 'down',
      message: 'connection refused',
      at: new Date(),
    });
    await queueAlerts(server.ctx, ids);

    // The flaky receiver answers 500 once; its delivery comes back after the job's backoff. The
    // wait also covers the rows being marked sent, which happens after each receiver answers.
    const deliveryRows = () =>
      server.ctx.db.select().from(alertDeliveries).where(inArray(alertDeliveries.id, ids));
    await waitFor(
      async () =>
        flaky.received.length >= 2 &&
        receiver.received.filter((r) => ids.includes(r.deliveryId ?? '')).length >= 4 &&
        (await deliveryRows()).every((r) => r.state === 'sent'),
      'the batch and the retry',
    );
    const rows = await deliveryRows();
    const flakyId = flaky.received[0]!.deliveryId;
    const { rows: jobs } = await server.ctx.database.query<{ id: string; retry_count: number }>(
      `select data->>'deliveryId' as id, retry_count from pgboss.job
        where name = $1 and data->>'deliveryId' = any($2::text[])
       union all
       select data->>'deliveryId' as id, retry_count from pgboss.archive
        where name = $1 and data->>'deliveryId' = any($2::text[])`,
      [ALERT_JOB, ids],
    );
    await flaky.close();

    expect(ids).toHaveLength(5);
    const good = receiver.received.filter((r) => ids.includes(r.deliveryId ?? ''));
    // Each of the four healthy deliveries once, signed, with its delivery id.
    expect(new Set(good.map((r) => r.deliveryId)).size).toBe(4);
    expect(good).toHaveLength(4);
    expect(good.every((r) => r.signature?.startsWith('t='))).toBe(true);
    // The failing one twice, with the same delivery id (the receiver can drop a repeat).
    expect(flaky.received.map((r) => r.deliveryId)).toEqual([flakyId, flakyId]);
    expect(ids).toContain(flakyId);
    expect(rows.every((r) => r.state === 'sent')).toBe(true);
    expect(rows.find((r) => r.id === flakyId)!.attempts).toBe(2);
    expect(rows.filter((r) => r.id !== flakyId).map((r) => r.attempts)).toEqual([1, 1, 1, 1]);
    // One job per delivery; only the failing one's job was retried.
    expect(jobs).toHaveLength(5);
    expect(jobs.filter((j) => Number(j.retry_count) > 0).map((j) => j.id)).toEqual([flakyId]);
  });
});

describe('an alert that cannot be delivered', () => {
  /** A client with one webhook channel to `url`, a monitor and an open incident. */
  async function incidentWithChannel(url: string) {
    const id = (await createClientRow(server.ctx.db)).id;
    await owner.post(`/api/v1/clients/${id}/alert-channels`, {
      kind: 'webhook',
      name: 'Pager',
      url,
    });
    const created = await owner.post<{ id: string }>(`/api/v1/clients/${id}/monitors`, {
      name: 'Billing',
      target: { kind: 'tcp', host: '127.0.0.1', port: 9 },
      enabled: false,
    });
    const [monitor] = await server.ctx.db
      .select()
      .from(monitors)
      .where(eq(monitors.id, created.body.id));
    const [incident] = await server.ctx.db
      .insert(incidents)
      .values({ monitorId: monitor!.id, clientId: id, cause: 'connection refused' })
      .returning();
    const [deliveryId] = await storeAlerts(server.ctx.db, {
      monitor: monitor!,
      incidentId: incident!.id,
      event: 'down',
      message: 'connection refused',
      at: new Date(),
    });
    return { incidentId: incident!.id, deliveryId: deliveryId! };
  }
  const timeline = (incidentId: string) =>
    server.ctx.db.select().from(incidentEvents).where(eq(incidentEvents.incidentId, incidentId));

  it('gives up after the last attempt, says so on the timeline and emails the owners', async () => {
    const broken = await startWebhookReceiver({ failFirst: 1_000 });
    const { incidentId, deliveryId } = await incidentWithChannel(broken.url);
    // Every retry but the last has failed already.
    await server.ctx.db
      .update(alertDeliveries)
      .set({ attempts: ALERT_ATTEMPTS - 1 })
      .where(eq(alertDeliveries.id, deliveryId));

    const last = await deliverAlert(server.ctx, deliveryId).catch((error: Error) => error);
    const [row] = await server.ctx.db
      .select()
      .from(alertDeliveries)
      .where(eq(alertDeliveries.id, deliveryId));
    const events = await timeline(incidentId);
    const notices = await server.ctx.db
      .select()
      .from(outbox)
      .where(eq(outbox.kind, 'alert.undeliverable'));
    await broken.close();

    expect(last).toBeInstanceOf(Error);
    expect(row).toMatchObject({ state: 'failed', attempts: ALERT_ATTEMPTS });
    expect(events.map((e) => e.message)).toContainEqual(
      expect.stringMatching(/^webhook "Pager" gave up after 12 attempts since .*: /),
    );
    expect(notices).toHaveLength(1);
    expect(notices[0]!.subject).toBe('An alert could not be delivered to "Pager"');
    expect(notices[0]!.textBody).toContain('Billing is down: connection refused');
    // The sweep leaves a failed delivery alone.
    expect(await sweepAlerts(server.ctx, 0)).toBe(0);
  });

  it('drops a retried down alert once the incident has ended, rather than send it late', async () => {
    const { incidentId, deliveryId } = await incidentWithChannel(receiver.url);
    await server.ctx.db
      .update(alertDeliveries)
      .set({ attempts: 3 })
      .where(eq(alertDeliveries.id, deliveryId));
    await server.ctx.db
      .update(incidents)
      .set({ resolvedAt: new Date() })
      .where(eq(incidents.id, incidentId));

    const result = await deliverAlert(server.ctx, deliveryId);
    const again = await deliverAlert(server.ctx, deliveryId);
    const events = await timeline(incidentId);

    expect([result.state, again.state]).toEqual(['dropped', 'dropped']);
    expect(receiver.received.some((r) => r.deliveryId === deliveryId)).toBe(false);
    expect(events.map((e) => e.kind)).toContain('alert-dropped');
  });

  it('fails an email alert when no mail server is set, and says "handed to the mail server" once one is (with a link only under KEEL_PUBLIC_URL)', async () => {
    const id = (await createClientRow(server.ctx.db)).id;
    await owner.post(`/api/v1/clients/${id}/alert-channels`, {
      kind: 'email',
      name: 'On call',
      to: ['oncall@shop.test'],
    });
    const created = await owner.post<{ id: string }>(`/api/v1/clients/${id}/monitors`, {
      name: 'Billing',
      target: { kind: 'tcp', host: '127.0.0.1', port: 9 },
      enabled: false,
    });
    const [monitor] = await server.ctx.db
      .select()
      .from(monitors)
      .where(eq(monitors.id, created.body.id));
    const [incident] = await server.ctx.db
      .insert(incidents)
      .values({ monitorId: monitor!.id, clientId: id, cause: 'connection refused' })
      .returning();
    const [deliveryId] = await storeAlerts(server.ctx.db, {
      monitor: monitor!,
      incidentId: incident!.id,
      event: 'down',
      message: 'connection refused',
      at: new Date(),
    });
    const sink = await startSmtpSink();
    const withMail = { ...server.ctx, config: { ...server.ctx.config, smtpUrl: sink.url } };

    const first = await deliverAlert(server.ctx, deliveryId!).catch((error: Error) => error);
    const [failed] = await server.ctx.db
      .select()
      .from(alertDeliveries)
      .where(eq(alertDeliveries.id, deliveryId!));
    const second = await deliverAlert(withMail, deliveryId!);
    const mail = await sink.waitFor((m) => m.subject.includes('Billing is down'));
    const [upId] = await storeAlerts(server.ctx.db, {
      monitor: monitor!,
      incidentId: incident!.id,
      event: 'up',
      message: 'connected',
      at: new Date(),
    });
    const withLink = {
      ...withMail,
      config: { ...withMail.config, publicUrl: 'https://keel.test' },
    };
    await deliverAlert(withLink, upId!);
    const upMail = await sink.waitFor((m) => m.subject.includes('Billing is back up'));
    const events = await timeline(incident!.id);
    await sink.close();

    expect(server.ctx.config.smtpUrl).toBeUndefined();
    expect(first).toBeInstanceOf(Error);
    expect(failed).toMatchObject({ state: 'queued', attempts: 1 });
    expect(failed!.lastError).toMatch(/^email: no mail server is configured: set KEEL_SMTP_URL/);
    expect(second.state).toBe('sent');
    expect(mail.to).toEqual(['oncall@shop.test']);
    // No KEEL_PUBLIC_URL: no link, rather than a bare path that leads nowhere.
    expect(mail.text).not.toContain('/clients/');
    expect(mail.text).not.toContain('Details:');
    expect(upMail.text).toContain(
      `Details: https://keel.test/clients/${id}/monitoring/incidents/${incident!.id}\n`,
    );
    expect(events.map((e) => e.message)).toEqual(
      expect.arrayContaining([
        expect.stringMatching(/^email "On call" failed: email: no mail server is configured/),
        'down alert handed to the mail server for email "On call"',
      ]),
    );
  });
});
