/**
 * The PostgreSQL server unreachable for 30 s while monitors keep falling due (through a loopback
 * TCP proxy the test cuts): no false "down" about targets that are up, no missed-ping incident
 * for a heartbeat whose pings got 503 during the outage, Keel's own health says degraded while
 * it lasts, and checks and alerts resume by themselves when the database is back.
 */
import { eq, sql } from 'drizzle-orm';
import { describe, expect, it } from 'vitest';
import { buildApp } from '../../../src/server/app.ts';
import { openDatabase } from '../../../src/server/db/database.ts';
import { incidents, monitorResults, monitors } from '../../../src/server/db/schema.ts';
import { createJobRunner } from '../../../src/server/jobs/job-queue.ts';
import { allJobs } from '../../../src/server/jobs/registry.ts';
import { createLogger } from '../../../src/server/logger.ts';
import { createMonitorScheduler } from '../../../src/server/monitoring/scheduler.ts';
import { cuttableProxy } from '../cuttable-proxy.ts';
import { createClientRow, signedInAs } from '../factories.ts';
import { ApiClient, memoryLogStream, openTestDatabase, testDbKind } from '../harness.ts';
import { testContext } from '../test-context.ts';
import { startTargets } from './targets.ts';
import { startWebhookReceiver } from './webhook-receiver.ts';
import { waitFor as waitUntil } from '../wait-for.ts';

const OUTAGE_MS = 30_000;
const sleep = (ms: number) => new Promise((r) => setTimeout(r, ms));

const waitFor = <T>(fn: () => Promise<T | undefined | false>, what: string) =>
  waitUntil(fn, what, { everyMs: 200, ignoreErrors: true });

describe.runIf(testDbKind === 'postgres')(
  'monitoring through a database outage (PostgreSQL)',
  () => {
    it('raises no false alert, shows degraded, and resumes by itself', async () => {
      const { database: direct, url } = await openTestDatabase();
      const proxy = cuttableProxy(new URL(url!));
      const port = await proxy.listen();
      const proxied = new URL(url!);
      proxied.host = `127.0.0.1:${port}`;
      const database = await openDatabase({
        kind: 'postgres',
        url: proxied.toString(),
        poolSize: 5,
      });
      const log = memoryLogStream();
      const runner = createJobRunner({ database, jobs: allJobs, pollingIntervalSeconds: 0.5 });
      const ctx = testContext({
        database,
        jobs: runner,
        logger: createLogger('info', log.stream),
        config: { monitorAllowPrivate: true },
      });
      await runner.start({ ctx, work: true, concurrency: 2 });
      const app = await buildApp(ctx);
      const baseUrl = await app.listen({ port: 0, host: '127.0.0.1' });
      const { api } = await signedInAs(
        { ctx, app, baseUrl, runner, logs: () => log.text() },
        { role: 'owner' },
      );
      const anonymous = new ApiClient(baseUrl);
      const targets = await startTargets();
      const receiver = await startWebhookReceiver();
      const clientId = (await createClientRow(direct.db)).id;
      await api.post(`/api/v1/clients/${clientId}/alert-channels`, {
        kind: 'webhook',
        name: 'Ops',
        url: receiver.url,
      });
      // Up targets at a 10 s interval with no retries: a single recorded failure would be an alert.
      const upIds: string[] = [];
      for (let i = 0; i < 4; i++) {
        const created = await api.post<{ id: string }>(`/api/v1/clients/${clientId}/monitors`, {
          name: `Up ${i}`,
          target:
            i % 2
              ? { kind: 'tcp', host: '127.0.0.1', port: Number(new URL(targets.http).port) }
              : { kind: 'http', url: `${targets.http}/ok` },
          intervalSeconds: 10,
          timeoutSeconds: 2,
          retries: 0,
        });
        upIds.push(created.body.id);
      }
      const heartbeat = await api.post<{ id: string; pingToken: string }>(
        `/api/v1/clients/${clientId}/monitors`,
        {
          name: 'Backup',
          target: {
            kind: 'heartbeat',
            schedule: { type: 'period', periodSeconds: 60, graceSeconds: 0 },
          },
        },
      );
      await anonymous.post(`/ping/${heartbeat.body.pingToken}`);
      await direct.db
        .update(monitors)
        .set({ nextRunAt: sql`now()` })
        .where(sql`${monitors.clientId} = ${clientId} and ${monitors.kind} <> 'heartbeat'`);
      const scheduler = createMonitorScheduler(ctx, { pollMs: 100 });
      scheduler.start();
      await waitFor(
        async () =>
          (await direct.db.select().from(monitors).where(eq(monitors.clientId, clientId))).every(
            (m) => m.status === 'up',
          ),
        'every monitor up before the outage',
      );
      const readyBefore = await anonymous.get<{ monitoring: { status: string } }>('/readyz');

      await proxy.cut();
      const cutAt = Date.now();
      // The heartbeat's deadline falls inside the outage; its job pings and gets a 503.
      await direct.db
        .update(monitors)
        .set({ nextRunAt: new Date(cutAt + 5_000) })
        .where(eq(monitors.id, heartbeat.body.id));
      await sleep(3_000);
      const pingDuring = await anonymous.post(`/ping/${heartbeat.body.pingToken}`);
      const readyDuring = await anonymous.get<{ error: { message: string } }>('/readyz');
      const healthDuring = await anonymous.get<{ status: string; monitoring: { status: string } }>(
        '/healthz',
      );
      await sleep(cutAt + OUTAGE_MS - Date.now());
      await proxy.listen(port);
      const restoredAt = new Date();
      const readyAfter = await waitFor(async () => {
        const r = await anonymous.get<{ monitoring: { status: string } }>('/readyz');
        return r.status === 200 && r.body.monitoring.status === 'ok' && r;
      }, '/readyz to say ok');
      // Checks resume by themselves: every up monitor gets a fresh result after the restore.
      await waitFor(async () => {
        const rows = await direct.db
          .select({ monitorId: monitorResults.monitorId })
          .from(monitorResults)
          .where(
            sql`${monitorResults.at} > ${restoredAt} and ${monitorResults.monitorId} in ${upIds}`,
          );
        return new Set(rows.map((r) => r.monitorId)).size === upIds.length;
      }, 'checks after the outage');
      // And so do alerts: a target that really goes down now is alerted.
      const down = await api.post<{ id: string }>(`/api/v1/clients/${clientId}/monitors`, {
        name: 'Really down',
        target: { kind: 'http', url: `${targets.http}/status/503` },
        retries: 0,
      });
      await direct.db
        .update(monitors)
        .set({ nextRunAt: sql`now()` })
        .where(eq(monitors.id, down.body.id));
      await waitFor(
        async () => receiver.received.some((r) => r.monitorId === down.body.id),
        'the real alert',
      );
      const heartbeatAfter = await api.get<{ status: string; nextRunAt: string }>(
        `/api/v1/clients/${clientId}/monitors/${heartbeat.body.id}`,
      );
      const opened = await direct.db
        .select()
        .from(incidents)
        .where(eq(incidents.clientId, clientId));
      await scheduler.stop();
      await app.close();
      // Graceful: a job still running would otherwise complete on a closed pool.
      await runner.stop({ graceful: true });
      await database.close();
      await direct.close();
      await proxy.cut();
      await targets.close();
      await receiver.close();

      expect(readyBefore.body.monitoring.status).toBe('ok');
      expect(pingDuring.status).toBe(503);
      expect(readyDuring.status).toBe(503);
      expect(readyDuring.body.error.message).toMatch(/monitor checks wait for it/);
      expect(healthDuring.body).toMatchObject({ status: 'ok', monitoring: { status: 'degraded' } });
      expect(readyAfter.status).toBe(200);
      expect(opened.map((i) => i.monitorId)).toEqual([down.body.id]);
      expect(receiver.received.filter((r) => r.monitorId !== down.body.id)).toEqual([]);
      expect(heartbeatAfter.body.status).toBe('up');
      // Moved on as if the lost ping had come when the database returned.
      expect(Date.parse(heartbeatAfter.body.nextRunAt)).toBeGreaterThanOrEqual(
        restoredAt.getTime() + 55_000,
      );
      expect(log.text()).toContain('checks resume');
    }, 120_000);
  },
);
