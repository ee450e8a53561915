/**
 * Batch recording of the scheduler's checks on a real database: a check whose lease another
 * worker took over mid-batch is dropped while the others are recorded; a monitor going down
 * inside a batch opens exactly one incident with its timeline and one alert per channel, queued
 * after the commit; a recovery in a batch closes it; the recorder groups checks handed in
 * together into one transaction and still resolves each.
 */
import { eq, inArray } from 'drizzle-orm';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import type { AppContext } from '../../../src/server/context.ts';
import type { Database } from '../../../src/server/db/database.ts';
import {
  alertChannels,
  alertDeliveries,
  incidentEvents,
  incidents,
  monitorResults,
  monitors,
} from '../../../src/server/db/schema.ts';
import type { CheckOutcome } from '../../../src/server/monitoring/checks/types.ts';
import {
  createOutcomeRecorder,
  recordBatch,
  type FinishedCheck,
} from '../../../src/server/monitoring/record-batch.ts';
import { recordOutcome } from '../../../src/server/monitoring/record.ts';
import { openTestDatabase } from '../harness.ts';
import { createClientRow } from '../factories.ts';
import { testContext } from '../test-context.ts';

let database: Database;
let ctx: AppContext;
const queued: object[] = [];

beforeAll(async () => {
  ({ database } = await openTestDatabase());
  ctx = testContext({
    database,
    jobs: {
      send: async (_name, payload) => {
        queued.push(payload);
        return null;
      },
      sendMany: async (_name, payloads) => {
        queued.push(...payloads);
      },
      list: async () => [],
    },
  });
});
afterAll(() => database.close());

const up: CheckOutcome = { status: 'up', message: 'HTTP 200', timings: { totalMs: 12 } };
const down: CheckOutcome = { status: 'down', fault: 'status', message: 'HTTP 503', timings: {} };

/** Monitors leased by `holder`, as the scheduler's claim leaves them. */
async function leasedMonitors(clientId: string, n: number, holder: string, retries = 0) {
  const rows = await ctx.db
    .insert(monitors)
    .values(
      Array.from({ length: n }, (_, i) => ({
        clientId,
        name: `batch ${i}`,
        kind: 'tcp' as const,
        target: { kind: 'tcp', host: '127.0.0.1', port: 9 },
        intervalSeconds: 60,
        timeoutSeconds: 5,
        retries,
        recoveries: 1,
        nextRunAt: new Date(Date.now() - 1000),
        leasedBy: holder,
        leaseUntil: new Date(Date.now() + 60_000),
      })),
    )
    .returning();
  return rows.map((r) => r.id);
}

const finished = (monitorId: string, outcome: CheckOutcome, holder: string): FinishedCheck => ({
  monitorId,
  outcome,
  holder,
  dueAt: new Date(Date.now() - 1000),
  nextRunAt: new Date(Date.now() + 59_000),
  at: new Date(),
});

describe('recording checks in batches', () => {
  it('drops the check whose lease was taken over mid-batch and records the others', async () => {
    const clientId = (await createClientRow(ctx.db)).id;
    const ids = await leasedMonitors(clientId, 4, 'worker-a');
    // Worker A's lease on the third monitor lapsed and worker B claimed it.
    await ctx.db.update(monitors).set({ leasedBy: 'worker-b' }).where(eq(monitors.id, ids[2]!));

    const results = await recordBatch(
      ctx,
      ids.map((id) => finished(id, up, 'worker-a')),
    );
    const stored = await ctx.db
      .select()
      .from(monitorResults)
      .where(inArray(monitorResults.monitorId, ids));
    const after = await ctx.db.select().from(monitors).where(inArray(monitors.id, ids));
    const taken = after.find((m) => m.id === ids[2])!;

    expect(results.map((r) => r.recorded)).toEqual([true, true, false, true]);
    expect(stored.map((r) => r.monitorId).sort()).toEqual(
      [ids[0], ids[1], ids[3]].map(String).sort(),
    );
    expect(stored.every((r) => r.runBy === 'worker-a' && r.ok)).toBe(true);
    expect(taken).toMatchObject({ leasedBy: 'worker-b', status: 'pending', lastCheckedAt: null });
    for (const m of after.filter((m) => m.id !== ids[2]))
      expect(m).toMatchObject({
        leasedBy: null,
        leaseUntil: null,
        status: 'up',
        lastLatencyMs: 12,
      });
  });

  it('drops a missed ping when a ping moved the deadline after the scheduler claimed it', async () => {
    const clientId = (await createClientRow(ctx.db)).id;
    // The scheduler claims a deadline up to 400 ms ahead and records the miss when it passes.
    const [id] = await leasedMonitors(clientId, 1, 'worker-a');

    await recordOutcome(
      ctx,
      id!,
      { status: 'up', message: 'ping received', timings: {} },
      { nextRunAt: new Date(Date.now() + 3_600_000) },
    );
    const [missed] = await recordBatch(ctx, [
      {
        ...finished(
          id!,
          { status: 'down', fault: 'missed-ping', message: 'no ping', timings: {} },
          'worker-a',
        ),
        confirmImmediately: true,
      },
    ]);
    const opened = await ctx.db.select().from(incidents).where(eq(incidents.monitorId, id!));
    const [monitor] = await ctx.db.select().from(monitors).where(eq(monitors.id, id!));

    expect(missed).toEqual({ recorded: false, transition: null });
    expect(opened).toHaveLength(0);
    expect(monitor).toMatchObject({ status: 'up', leasedBy: null });
    expect(monitor!.nextRunAt!.getTime()).toBeGreaterThan(Date.now() + 3_000_000);
  });

  it('opens exactly one incident with its timeline for a monitor going down in a batch', async () => {
    const clientId = (await createClientRow(ctx.db)).id;
    await ctx.db
      .insert(alertChannels)
      .values({ clientId, kind: 'webhook', name: 'Ops', config: { url: 'http://127.0.0.1:9/' } });
    const ids = await leasedMonitors(clientId, 5, 'worker-a');
    const sentBefore = queued.length;

    const results = await recordBatch(
      ctx,
      ids.map((id, i) => finished(id, i === 1 ? down : up, 'worker-a')),
    );
    const opened = await ctx.db.select().from(incidents).where(eq(incidents.clientId, clientId));
    const events = await ctx.db
      .select()
      .from(incidentEvents)
      .where(eq(incidentEvents.incidentId, opened[0]!.id));
    const deliveries = await ctx.db
      .select()
      .from(alertDeliveries)
      .where(eq(alertDeliveries.incidentId, opened[0]!.id));
    const [monitor] = await ctx.db.select().from(monitors).where(eq(monitors.id, ids[1]!));

    expect(results.map((r) => r.transition)).toEqual([null, 'went-down', null, null, null]);
    expect(opened).toHaveLength(1);
    expect(opened[0]).toMatchObject({ monitorId: ids[1], cause: 'HTTP 503', resolvedAt: null });
    expect(events.map((e) => e.kind).sort()).toEqual(['confirmed', 'first-failure']);
    expect(deliveries).toHaveLength(1);
    expect(deliveries[0]).toMatchObject({ event: 'down', state: 'queued' });
    expect(queued.slice(sentBefore)).toEqual([{ deliveryId: deliveries[0]!.id }]);
    expect(monitor).toMatchObject({ status: 'down', consecutiveFailures: 1 });
    expect(monitor!.statusChangedAt).not.toBeNull();
  });

  it('closes the incident when the monitor recovers in a later batch', async () => {
    const clientId = (await createClientRow(ctx.db)).id;
    const [id] = await leasedMonitors(clientId, 1, 'worker-a');
    await recordBatch(ctx, [finished(id!, down, 'worker-a')]);
    await ctx.db.update(monitors).set({ leasedBy: 'worker-a' }).where(eq(monitors.id, id!));

    const [result] = await recordBatch(ctx, [finished(id!, up, 'worker-a')]);
    const all = await ctx.db.select().from(incidents).where(eq(incidents.monitorId, id!));
    const events = await ctx.db
      .select()
      .from(incidentEvents)
      .where(eq(incidentEvents.incidentId, all[0]!.id));

    expect(result).toEqual({ recorded: true, transition: 'recovered' });
    expect(all).toHaveLength(1);
    expect(all[0]!.resolvedAt).not.toBeNull();
    expect(events.map((e) => e.kind)).toContain('recovered');
  });

  it('needs the retries across batches before it opens an incident', async () => {
    const clientId = (await createClientRow(ctx.db)).id;
    const [id] = await leasedMonitors(clientId, 1, 'worker-a', 2);
    const transitions: (string | null)[] = [];

    for (let i = 0; i < 4; i++) {
      await ctx.db.update(monitors).set({ leasedBy: 'worker-a' }).where(eq(monitors.id, id!));
      const [r] = await recordBatch(ctx, [finished(id!, down, 'worker-a')]);
      transitions.push(r!.transition);
    }
    const opened = await ctx.db.select().from(incidents).where(eq(incidents.monitorId, id!));

    expect(transitions).toEqual([null, null, 'went-down', null]);
    expect(opened).toHaveLength(1);
  });

  it('groups checks handed in together and resolves each', async () => {
    const clientId = (await createClientRow(ctx.db)).id;
    const ids = await leasedMonitors(clientId, 30, 'worker-a');
    await ctx.db.update(monitors).set({ leasedBy: 'worker-b' }).where(eq(monitors.id, ids[7]!));
    const recorder = createOutcomeRecorder(ctx, { maxBatch: 8, maxWaitMs: 20 });

    const results = await Promise.all(
      ids.map((id) => recorder.record(finished(id, up, 'worker-a'))),
    );
    await recorder.flush();
    const stored = await ctx.db
      .select()
      .from(monitorResults)
      .where(inArray(monitorResults.monitorId, ids));

    expect(results.filter((r) => r.recorded)).toHaveLength(29);
    expect(results[7]).toEqual({ recorded: false, transition: null });
    expect(stored).toHaveLength(29);
  });
});
