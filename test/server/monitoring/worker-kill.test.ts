/**
 * A `keel worker` killed with SIGKILL in the middle of a check, on PostgreSQL: the target is
 * down, the first worker has recorded one failure and holds the lease on the confirming check
 * when it dies. A second worker takes the monitor over once the lease lapses and confirms the
 * outage: exactly one incident and exactly one "down" alert reach the webhook.
 */
import { spawn, type ChildProcess } from 'node:child_process';
import { randomBytes } from 'node:crypto';
import { mkdtempSync, rmSync } from 'node:fs';
import http from 'node:http';
import type { AddressInfo } from 'node:net';
import { tmpdir } from 'node:os';
import path from 'node:path';
import { eq, sql } from 'drizzle-orm';
import { afterAll, describe, expect, it } from 'vitest';
import { alertChannelInput, monitorInput } from '../../../src/shared/monitoring.ts';
import { createSecretBox } from '../../../src/server/crypto/secret-box.ts';
import {
  alertDeliveries,
  incidents,
  monitorResults,
  monitors,
} from '../../../src/server/db/schema.ts';
import { createChannel } from '../../../src/server/monitoring/channels.service.ts';
import { createMonitor } from '../../../src/server/monitoring/monitors.service.ts';
import { createClientRow } from '../factories.ts';
import { openTestDatabase, testDbKind } from '../harness.ts';
import { testContext } from '../test-context.ts';
import { startWebhookReceiver } from './webhook-receiver.ts';
import { waitFor as waitUntil } from '../wait-for.ts';

const sleep = (ms: number) => new Promise((r) => setTimeout(r, ms));
const children: ChildProcess[] = [];
const dataDir = mkdtempSync(path.join(tmpdir(), 'keel-worker-kill-'));
afterAll(() => {
  for (const child of children) if (child.exitCode === null) child.kill('SIGKILL');
  rmSync(dataDir, { recursive: true, force: true });
});

const waitFor = <T>(fn: () => Promise<T | undefined | false>, what: string) =>
  waitUntil(fn, what, { timeoutMs: 60_000, everyMs: 200 });

function startWorker(env: Record<string, string>): Promise<ChildProcess> {
  const child = spawn(process.execPath, ['bin/keel.mjs', 'worker'], {
    env: { ...process.env, ...env },
    stdio: ['ignore', 'pipe', 'inherit'],
  });
  children.push(child);
  return new Promise((resolve, reject) => {
    child.stdout.on('data', (d: Buffer) => d.toString().includes('running') && resolve(child));
    child.on('exit', (code) => reject(new Error(`keel worker exited early: ${code}`)));
  });
}

describe.runIf(testDbKind === 'postgres')('a worker killed mid-check (PostgreSQL)', () => {
  it('loses no incident and sends no duplicate alert', async () => {
    const { database, url } = await openTestDatabase();
    const key = randomBytes(32);
    // The test and the workers share the key, so the workers can open the webhook's secret.
    const ctx = {
      ...testContext({
        database,
        jobs: { send: async () => null, sendMany: async () => undefined, list: async () => [] },
      }),
      secretBox: createSecretBox(key),
    };
    // The target is down: the first check gets a 503, the second hangs (the worker dies
    // during it), every later one gets a 503 again.
    let requests = 0;
    const target = http.createServer((_req, res) => {
      requests++;
      if (requests === 2) return;
      res.statusCode = 503;
      res.end('down');
    });
    await new Promise<void>((r) => target.listen(0, '127.0.0.1', () => r()));
    const receiver = await startWebhookReceiver();
    const clientId = (await createClientRow(ctx.db)).id;
    await createChannel(
      { ...ctx, config: { ...ctx.config, monitorAllowPrivate: true } },
      clientId,
      alertChannelInput.parse({ kind: 'webhook', name: 'Ops', url: receiver.url }),
    );
    const env = {
      DATABASE_URL: url!,
      KEEL_ENCRYPTION_KEY: key.toString('base64'),
      KEEL_MONITOR_ALLOW_PRIVATE: 'true',
      KEEL_DATA_DIR: dataDir,
      LOG_LEVEL: 'error',
    };
    const first = await startWorker(env);
    const monitor = await createMonitor({
      ctx,
      clientId,
      input: monitorInput.parse({
        name: 'API',
        target: {
          kind: 'http',
          url: `http://127.0.0.1:${(target.address() as AddressInfo).port}/health`,
        },
        intervalSeconds: 10,
        timeoutSeconds: 5,
        retries: 1,
      }),
    });
    const due = () =>
      ctx.db
        .update(monitors)
        .set({ nextRunAt: sql`now()` })
        .where(eq(monitors.id, monitor.id));
    await due();
    await waitFor(
      async () =>
        (await ctx.db.select().from(monitors).where(eq(monitors.id, monitor.id)))[0]!
          .consecutiveFailures === 1,
      'the first failure',
    );
    await due();
    await waitFor(async () => requests === 2, 'the confirming check in flight');
    const [leased] = await ctx.db.select().from(monitors).where(eq(monitors.id, monitor.id));

    first.kill('SIGKILL');
    await new Promise((r) => first.once('exit', r));
    await startWorker(env);
    await waitFor(
      async () => receiver.received.some((r) => r.event === 'down'),
      'the down alert from the second worker',
    );
    // One more check by the survivor, still down: no second incident, no second alert.
    await due();
    await waitFor(async () => requests >= 4, 'one more check');
    await sleep(3_000);
    const opened = await ctx.db.select().from(incidents).where(eq(incidents.monitorId, monitor.id));
    const deliveries = await ctx.db
      .select()
      .from(alertDeliveries)
      .where(eq(alertDeliveries.event, 'down'));
    const results = await ctx.db
      .select()
      .from(monitorResults)
      .where(eq(monitorResults.monitorId, monitor.id));
    await new Promise<void>((r) => target.close(() => r()));
    target.closeAllConnections();
    await receiver.close();
    await database.close();

    expect(leased!.leasedBy).not.toBeNull();
    expect(opened).toHaveLength(1);
    expect(deliveries).toHaveLength(1);
    expect(receiver.received.filter((r) => r.event === 'down')).toHaveLength(1);
    expect(receiver.received[0]!.deliveryId).toBe(deliveries[0]!.id);
    // The dead worker recorded the first check only; the one it died in left no trace.
    expect(results.filter((r) => r.runBy === leased!.leasedBy)).toHaveLength(1);
    expect(results.every((r) => r.fault === 'status')).toBe(true);
    expect(results).toHaveLength(3);
  }, 120_000);
});
