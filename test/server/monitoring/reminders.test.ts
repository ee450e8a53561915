/**
 * Reminders end to end, with the job worker and a real SMTP server on loopback: while an incident
 * is open and nobody has acknowledged it, its client's channels (a webhook and an email) hear
 * "still down" every period, with how long it has been down. Acknowledging the incident, pausing
 * the monitor or the monitor recovering stops them, and a monitor still down keeps getting them
 * meanwhile (so the silence is the rule working, not the sweep having stopped).
 */
import { and, eq } from 'drizzle-orm';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { alertDeliveries, incidents } from '../../../src/server/db/schema.ts';
import {
  createMonitorScheduler,
  type MonitorScheduler,
} from '../../../src/server/monitoring/scheduler.ts';
import type { ApiClient } from '../harness.ts';
import { startTestServer, type TestServer } from '../harness.ts';
import { createClientRow, signedInAs } from '../factories.ts';
import { startSmtpSink, type SmtpSink } from '../smtp-sink.ts';
import { startTargets, type Targets } from './targets.ts';
import { startWebhookReceiver, type WebhookReceiver } from './webhook-receiver.ts';
import { waitFor } from '../wait-for.ts';

const REMINDER_EVERY_MS = 1_000;
/** How long to wait for something a few periods away on a machine running the whole suite. */
const LOADED_MS = 90_000;

let server: TestServer;
let owner: ApiClient;
let receiver: WebhookReceiver;
let sink: SmtpSink;
let targets: Targets;
let scheduler: MonitorScheduler;
let clientId: string;
let clientName: string;

beforeAll(async () => {
  sink = await startSmtpSink();
  targets = await startTargets();
  receiver = await startWebhookReceiver();
  server = await startTestServer({
    work: true,
    config: { monitorAllowPrivate: true, smtpUrl: sink.url },
  });
  owner = (await signedInAs(server, { role: 'owner' })).api;
  const client = await createClientRow(server.ctx.db);
  clientId = client.id;
  clientName = client.name;
  await owner.post(`/api/v1/clients/${clientId}/alert-channels`, {
    kind: 'webhook',
    name: 'Ops',
    url: receiver.url,
  });
  await owner.post(`/api/v1/clients/${clientId}/alert-channels`, {
    kind: 'email',
    name: 'On call',
    to: ['oncall@shop.test'],
  });
  scheduler = createMonitorScheduler(server.ctx, {
    pollMs: 100,
    reminderEveryMs: REMINDER_EVERY_MS,
  });
});
afterAll(async () => {
  await scheduler.stop();
  await Promise.all([receiver.close(), sink.close(), targets.close()]);
});

async function createMonitor(name: string, target: Record<string, unknown>): Promise<string> {
  const created = await owner.post<{ id: string }>(`/api/v1/clients/${clientId}/monitors`, {
    name,
    target,
    intervalSeconds: 1,
    expertInterval: true,
    timeoutSeconds: 1,
    retries: 0,
  });
  expect(created.status).toBe(201);
  return created.body.id;
}

async function openIncidentOf(monitorId: string) {
  const [row] = await server.ctx.db
    .select()
    .from(incidents)
    .where(eq(incidents.monitorId, monitorId));
  return row;
}

/** Reminder deliveries stored for a monitor's incident (one per channel per reminder). */
async function remindersStored(monitorId: string): Promise<number> {
  const incident = await openIncidentOf(monitorId);
  if (!incident) return 0;
  const rows = await server.ctx.db
    .select({ id: alertDeliveries.id })
    .from(alertDeliveries)
    .where(and(eq(alertDeliveries.incidentId, incident.id), eq(alertDeliveries.event, 'reminder')));
  return rows.length;
}

const webhooks = (monitorId: string, event: string) =>
  receiver.received.filter((r) => r.monitorId === monitorId && r.event === event);

describe('reminders while down', () => {
  it('tells the channels page how often reminders go out', async () => {
    const list = await owner.get<{ channels: unknown[]; reminderEveryMinutes: number }>(
      `/api/v1/clients/${clientId}/alert-channels`,
    );

    expect(list.body.channels).toHaveLength(2);
    expect(list.body.reminderEveryMinutes).toBe(60);
  });

  it('reminds every period until acknowledged, paused or recovered', async () => {
    const checkout = await createMonitor('Checkout', {
      kind: 'http',
      url: `${targets.http}/status/503`,
    });
    const search = await createMonitor('Search', {
      kind: 'tcp',
      host: '127.0.0.1',
      port: targets.closedPort,
    });
    const backups = await createMonitor('Backups', {
      kind: 'tcp',
      host: '127.0.0.1',
      port: targets.closedPort,
    });
    const worker = await createMonitor('Worker', {
      kind: 'tcp',
      host: '127.0.0.1',
      port: targets.closedPort,
    });
    scheduler.start();

    // Two reminders each, by webhook and by email. A loaded machine (the whole suite on two
    // cores) can take a while to open four incidents and send eight reminders: wait long, and
    // say what had arrived if it never does.
    const monitorIds = { checkout, search, backups, worker };
    await waitFor(
      async () => Object.values(monitorIds).every((id) => webhooks(id, 'reminder').length >= 2),
      'two reminders each',
      { timeoutMs: LOADED_MS },
    ).catch(async (error: Error) => {
      const seen = await Promise.all(
        Object.entries(monitorIds).map(
          async ([name, id]) =>
            `${name}: incident ${(await openIncidentOf(id)) ? 'open' : 'none'}, ${webhooks(id, 'reminder').length} by webhook, ${await remindersStored(id)} stored`,
        ),
      );
      throw new Error(`${error.message} (${seen.join('; ')})`);
    });
    const reminderMail = await sink.waitFor(
      (m) => m.subject.includes('Checkout is still down for 1 minute'),
      LOADED_MS,
    );
    const [first, second] = webhooks(checkout, 'reminder');
    const checkoutIncident = (await openIncidentOf(checkout))!;

    expect(webhooks(checkout, 'down')).toHaveLength(1);
    expect(first!.body).toMatchObject({
      event: 'reminder',
      incidentId: checkoutIncident.id,
      monitor: { name: 'Checkout' },
    });
    expect(first!.body.message).toMatch(/^down for 1 minute: status 503\b/);
    // Each reminder is its own delivery, a period after the one before (not a retry).
    expect(second!.deliveryId).not.toBe(first!.deliveryId);
    expect(
      Date.parse(String(second!.body.at)) - Date.parse(String(first!.body.at)),
    ).toBeGreaterThanOrEqual(REMINDER_EVERY_MS);
    expect(reminderMail.to).toEqual(['oncall@shop.test']);
    expect(
      reminderMail.subject.startsWith(
        `[${clientName}] 🔴 Checkout is still down for 1 minute: status 503`,
      ),
    ).toBe(true);

    // Acknowledge Search, pause Backups.
    const searchIncident = (await openIncidentOf(search))!;
    const acked = await owner.patch(`/api/v1/clients/${clientId}/incidents/${searchIncident.id}`, {
      acknowledged: true,
    });
    const paused = await owner.patch(`/api/v1/clients/${clientId}/monitors/${backups}`, {
      enabled: false,
    });
    expect([acked.status, paused.status]).toEqual([200, 200]);
    // A sweep that started before the pause may still remind once: count after the next one.
    const workerBefore = await remindersStored(worker);
    await waitFor(async () => (await remindersStored(worker)) > workerBefore, 'the next sweep', {
      timeoutMs: LOADED_MS,
    });
    const searchAfterAck = await remindersStored(search);
    const backupsAfterPause = await remindersStored(backups);
    const workerAfter = await remindersStored(worker);
    // Three more periods: Worker, still down, is reminded three more times; the others are not.
    await waitFor(
      async () => (await remindersStored(worker)) >= workerAfter + 3 * 2,
      'three more reminders for Worker',
      { timeoutMs: LOADED_MS },
    );

    expect(await remindersStored(search)).toBe(searchAfterAck);
    expect(await remindersStored(backups)).toBe(backupsAfterPause);
    // Pausing closed the paused monitor's incident, saying why (nobody checks it any more).
    const pausedIncident = (await openIncidentOf(backups))!;
    const pausedTimeline = await owner.get<{ events: { kind: string; message: string }[] }>(
      `/api/v1/clients/${clientId}/incidents/${pausedIncident.id}`,
    );
    expect(pausedIncident.resolvedAt).not.toBeNull();
    // Not necessarily the last event: a reminder stored before the pause may be handed to the
    // mail server (an SMTP exchange) after it.
    expect(pausedTimeline.body.events.filter((e) => e.kind !== 'alert-sent').at(-1)).toMatchObject({
      kind: 'paused',
      message: 'closed because the monitor was paused; no recovery was seen',
    });
    // Checkout, neither acknowledged nor paused, went on too.
    expect(webhooks(checkout, 'reminder').length).toBeGreaterThanOrEqual(4);

    // Checkout recovers: the up alert, and no reminder after it.
    await owner.patch(`/api/v1/clients/${clientId}/monitors/${checkout}`, {
      target: { kind: 'http', url: `${targets.http}/ok` },
    });
    await waitFor(async () => webhooks(checkout, 'up').length === 1, 'the recovery alert', {
      timeoutMs: LOADED_MS,
    });
    const checkoutAfterUp = await remindersStored(checkout);
    const workerAtUp = await remindersStored(worker);
    await waitFor(
      async () => (await remindersStored(worker)) >= workerAtUp + 2 * 2,
      'two more reminders for Worker',
      { timeoutMs: LOADED_MS },
    );
    const timeline = await owner.get<{
      resolvedAt: string | null;
      events: { kind: string; message: string }[];
    }>(`/api/v1/clients/${clientId}/incidents/${checkoutIncident.id}`);

    expect(await remindersStored(checkout)).toBe(checkoutAfterUp);
    expect(timeline.body.resolvedAt).not.toBeNull();
    const sent = timeline.body.events.filter((e) => e.kind === 'alert-sent').map((e) => e.message);
    expect(sent).toEqual(
      expect.arrayContaining([
        'reminder alert sent by webhook "Ops"',
        'reminder alert handed to the mail server for email "On call"',
      ]),
    );
  }, 400_000);
});
