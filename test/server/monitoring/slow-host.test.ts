/**
 * A slow host with more due checks than its politeness limit allows at once: the checks queue
 * for a host slot inside their lease. The leases of queued checks are renewed, so a second
 * scheduler never takes a queued monitor over and runs the same check twice; stopping the
 * scheduler does not run the queued checks; and a lease is sized so that a dead worker's
 * monitors are taken over within two intervals.
 */
import http from 'node:http';
import type { AddressInfo } from 'node:net';
import { eq, inArray, sql } from 'drizzle-orm';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { monitors } from '../../../src/server/db/schema.ts';
import {
  createMonitorScheduler,
  type MonitorScheduler,
} from '../../../src/server/monitoring/scheduler.ts';
import { startTestServer, type TestServer } from '../harness.ts';
import { createClientRow, signedInAs } from '../factories.ts';
import type { ApiClient } from '../harness.ts';
import { waitFor } from '../wait-for.ts';

let server: TestServer;
let owner: ApiClient;
let clientId: string;
/** Answers nothing, ever: every check against it runs to its timeout. */
let hanging: http.Server;
let hangingUrl: string;
const hits = new Map<string, number>();
const started: MonitorScheduler[] = [];

beforeAll(async () => {
  server = await startTestServer({ config: { monitorAllowPrivate: true } });
  owner = (await signedInAs(server, { role: 'owner' })).api;
  clientId = (await createClientRow(server.ctx.db)).id;
  hanging = http.createServer((req) => {
    hits.set(req.url ?? '', (hits.get(req.url ?? '') ?? 0) + 1);
  });
  await new Promise<void>((resolve) => hanging.listen(0, '127.0.0.1', resolve));
  hangingUrl = `http://127.0.0.1:${(hanging.address() as AddressInfo).port}`;
});
afterAll(async () => {
  await Promise.all(started.map((s) => s.stop()));
  hanging.closeAllConnections();
  await new Promise((resolve) => hanging.close(resolve));
});

/** n monitors on the hanging host, due now: 4 s interval, 1 s timeout. */
async function slowMonitors(prefix: string, n: number): Promise<string[]> {
  const ids: string[] = [];
  for (let i = 0; i < n; i++) {
    const created = await owner.post<{ id: string }>(`/api/v1/clients/${clientId}/monitors`, {
      name: `${prefix} ${i}`,
      target: { kind: 'http', url: `${hangingUrl}/${prefix}/${i}` },
      intervalSeconds: 4,
      expertInterval: true,
      timeoutSeconds: 1,
      enabled: false,
    });
    ids.push(created.body.id);
  }
  await server.ctx.db
    .update(monitors)
    .set({ enabled: true, nextRunAt: sql`now()` })
    .where(inArray(monitors.id, ids));
  return ids;
}

const hitsFor = (prefix: string) =>
  [...hits.entries()]
    .filter(([path]) => path.startsWith(`/${prefix}/`))
    .reduce((t, [, n]) => t + n, 0);

describe('a slow host', () => {
  it('renews the leases of queued checks, so a second scheduler never runs one again', async () => {
    // One slot per host: six 1 s checks take six seconds, longer than a lease (1 s + 2 s).
    const runs: string[] = [];
    const onRun = (run: { monitorId: string; dueAt: Date }) =>
      runs.push(`${run.monitorId}@${run.dueAt.toISOString()}`);
    const a = createMonitorScheduler(server.ctx, { perHost: 1, pollMs: 100, onRun });
    const b = createMonitorScheduler(server.ctx, { perHost: 1, pollMs: 100, onRun });
    started.push(a, b);
    const ids = await slowMonitors('queued', 6);

    a.start();
    await waitFor(async () => hitsFor('queued') >= 1, 'the first check to start');
    b.start();
    await waitFor(async () => hitsFor('queued') >= 8, 'eight checks on the slow host', {
      timeoutMs: 60_000,
    });
    await Promise.all([a.stop(), b.stop()]);
    await server.ctx.db.update(monitors).set({ enabled: false }).where(inArray(monitors.id, ids));

    // Each due time of each monitor ran once, whichever scheduler ran it.
    expect(runs.length).toBeGreaterThanOrEqual(6);
    expect(new Set(runs).size).toBe(runs.length);
  });

  it('does not run the queued checks when it stops', async () => {
    const scheduler = createMonitorScheduler(server.ctx, { perHost: 1, pollMs: 100 });
    started.push(scheduler);
    const ids = await slowMonitors('stopping', 10);
    scheduler.start();
    await waitFor(async () => hitsFor('stopping') >= 1, 'the first check to start');

    await scheduler.stop();
    const atStop = hitsFor('stopping');
    // Time for any check that would still start after stop() to reach the target.
    await new Promise((resolve) => setTimeout(resolve, 1_500));
    const rows = await server.ctx.db
      .select({ leasedBy: monitors.leasedBy })
      .from(monitors)
      .where(inArray(monitors.id, ids));
    await server.ctx.db.update(monitors).set({ enabled: false }).where(inArray(monitors.id, ids));

    // One slot: at most the check in progress and the one that took its slot as it ended.
    expect(atStop).toBeLessThanOrEqual(2);
    expect(hitsFor('stopping')).toBe(atStop);
    // Every queued monitor was handed back, for another worker to run at once.
    expect(rows.every((r) => r.leasedBy === null)).toBe(true);
  });
});

describe('lease length', () => {
  it.each([
    [10, 10],
    [60, 10],
    [300, 30],
  ])(
    'lets another worker take a %i s monitor over within two intervals',
    async (interval, timeout) => {
      const created = await owner.post<{ id: string }>(`/api/v1/clients/${clientId}/monitors`, {
        name: `Lease ${interval}`,
        target: { kind: 'http', url: `${hangingUrl}/lease/${interval}` },
        intervalSeconds: interval,
        timeoutSeconds: timeout,
        enabled: false,
      });
      await server.ctx.db
        .update(monitors)
        .set({ enabled: true, nextRunAt: sql`now()` })
        .where(eq(monitors.id, created.body.id));
      const scheduler = createMonitorScheduler(server.ctx, { pollMs: 100 });
      started.push(scheduler);

      // Claimed, then the worker "dies" mid-check: its lease is all that keeps others away.
      await scheduler.tick();
      const [row] = await server.ctx.db
        .select({ due: monitors.nextRunAt, leaseUntil: monitors.leaseUntil })
        .from(monitors)
        .where(eq(monitors.id, created.body.id));
      await scheduler.stop();
      await server.ctx.db
        .update(monitors)
        .set({ enabled: false })
        .where(eq(monitors.id, created.body.id));
      const leaseSeconds = (row!.leaseUntil!.getTime() - row!.due!.getTime()) / 1000;

      // Covers the timeout and the time to record it…
      expect(leaseSeconds).toBeGreaterThan(timeout + 1);
      // …and lapses before the second interval ends (another pass claims it within 0.2 s).
      expect(leaseSeconds).toBeLessThan(2 * interval - 0.5);
    },
  );
});
