/**
 * Every fault of the issue's list, through the whole path (definition by the API, the scheduler,
 * the check, the recording): a target that is down, slow, resets, sends a huge body, has an
 * invalid certificate, loops on redirects or speaks garbage is stored as what it is, with the
 * monitor's status to match. The runners' own cases are in src/server/monitoring/checks/.
 */
import { inArray, sql } from 'drizzle-orm';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { monitorResults, monitors } from '../../../src/server/db/schema.ts';
import { createMonitorScheduler } from '../../../src/server/monitoring/scheduler.ts';
import type { ApiClient } from '../harness.ts';
import { startTestServer, type TestServer } from '../harness.ts';
import { createClientRow, signedInAs } from '../factories.ts';
import { startTargets, type Targets } from './targets.ts';

let server: TestServer;
let owner: ApiClient;
let targets: Targets;
let clientId: string;

beforeAll(async () => {
  server = await startTestServer({ config: { monitorAllowPrivate: true } });
  owner = (await signedInAs(server, { role: 'owner' })).api;
  targets = await startTargets();
  clientId = (await createClientRow(server.ctx.db)).id;
});
afterAll(() => targets.close());

describe('faults recorded as what they are', () => {
  it('stores each fault with its status, and the monitor follows', async () => {
    const cases: [string, Record<string, unknown>, Record<string, unknown>, string, string][] = [
      [
        'down (refused)',
        { kind: 'http', url: `http://127.0.0.1:${targets.closedPort}/` },
        {},
        'down',
        'refused',
      ],
      [
        'down (port closed)',
        { kind: 'tcp', host: '127.0.0.1', port: targets.closedPort },
        {},
        'down',
        'refused',
      ],
      ['down (503)', { kind: 'http', url: `${targets.http}/status/503` }, {}, 'down', 'status'],
      [
        'slow past the timeout',
        { kind: 'http', url: `${targets.http}/slow?ms=5000` },
        { timeoutSeconds: 1 },
        'down',
        'timeout',
      ],
      [
        'slower than allowed',
        { kind: 'http', url: `${targets.http}/slow?ms=300`, maxResponseMs: 50 },
        {},
        'down',
        'slow',
      ],
      ['reset', { kind: 'http', url: `${targets.http}/reset` }, {}, 'down', 'reset'],
      ['huge body', { kind: 'http', url: `${targets.http}/huge` }, {}, 'degraded', 'huge-body'],
      [
        'invalid certificate',
        { kind: 'http', url: `${targets.https}/ok` },
        {},
        'down',
        'invalid-cert',
      ],
      [
        'invalid certificate (TLS monitor)',
        { kind: 'tls', host: 'localhost', port: Number(new URL(targets.https).port) },
        {},
        'down',
        'invalid-cert',
      ],
      ['redirect loop', { kind: 'http', url: `${targets.http}/loop` }, {}, 'down', 'redirect-loop'],
      ['garbage', { kind: 'http', url: `${targets.garbage}/` }, {}, 'down', 'garbage'],
    ];
    const ids: string[] = [];
    for (const [name, target, extra] of cases) {
      const created = await owner.post<{ id: string }>(`/api/v1/clients/${clientId}/monitors`, {
        name,
        target,
        retries: 0,
        ...extra,
      });
      expect(created.status, name).toBe(201);
      ids.push(created.body.id);
    }
    const scheduler = createMonitorScheduler(server.ctx);

    await server.ctx.db
      .update(monitors)
      .set({ nextRunAt: sql`now()` })
      .where(inArray(monitors.id, ids));
    await scheduler.tick();
    await scheduler.idle();
    const rows = await server.ctx.db.select().from(monitors).where(inArray(monitors.id, ids));
    const results = await server.ctx.db
      .select()
      .from(monitorResults)
      .where(inArray(monitorResults.monitorId, ids));

    const recorded = cases.map(([name], i) => {
      const monitor = rows.find((r) => r.id === ids[i])!;
      const result = results.find((r) => r.monitorId === ids[i]);
      return [name, monitor.status, result?.status, result?.fault];
    });
    expect(recorded).toEqual(
      cases.map(([name, , , status, fault]) => [name, status, status, fault]),
    );
    // A huge body is read up to the cap, not whole.
    const huge = results.find((r) => r.monitorId === ids[6])!;
    expect(huge.statusCode).toBe(200);
    expect(results.every((r) => r.message.length > 0)).toBe(true);
  });
});
