/** The PostgreSQL server goes away: /readyz says 503, requests fail with 503, the process recovers. */
import { describe, expect, it } from 'vitest';
import { openDatabase } from '../../src/server/db/database.ts';
import { ApiClient, openTestDatabase, testDbKind } from './harness.ts';
import { buildApp } from '../../src/server/app.ts';
import { createJobRunner } from '../../src/server/jobs/job-queue.ts';
import { signedInAs } from './factories.ts';
import { testContext } from './test-context.ts';
import { cuttableProxy } from './cuttable-proxy.ts';

describe.runIf(testDbKind === 'postgres')('database outage (PostgreSQL)', () => {
  it('answers 503 while the database is unreachable and recovers by itself', async () => {
    const { database: direct, url } = await openTestDatabase();
    await direct.close();
    const target = new URL(url!);
    const proxy = cuttableProxy(target);
    const port = await proxy.listen();
    const proxied = new URL(url!);
    proxied.host = `127.0.0.1:${port}`;
    const database = await openDatabase({ kind: 'postgres', url: proxied.toString(), poolSize: 3 });
    const runner = createJobRunner({ database, jobs: [] });
    const ctx = testContext({ database, jobs: runner });
    const app = await buildApp(ctx);
    const baseUrl = await app.listen({ port: 0, host: '127.0.0.1' });
    const server = { ctx, app, baseUrl, runner, logs: () => '' };
    const { api } = await signedInAs(server, { role: 'owner' });
    const anonymous = new ApiClient(baseUrl);

    await proxy.cut();
    const readyDown = await anonymous.get('/readyz');
    const requestDown = await api.get('/api/v1/clients');
    const alive = await anonymous.get('/healthz');
    await proxy.listen(port);
    let readyUp = await anonymous.get('/readyz');
    for (let i = 0; i < 20 && readyUp.status !== 200; i++) {
      await new Promise((r) => setTimeout(r, 250));
      readyUp = await anonymous.get('/readyz');
    }
    const requestUp = await api.get('/api/v1/clients');
    await app.close();
    await database.close();
    await proxy.cut();

    expect(readyDown.status).toBe(503);
    expect(requestDown.status).toBe(503);
    expect((requestDown.body as { error: { code: string } }).error.code).toBe('unavailable');
    expect(JSON.stringify(requestDown.body)).not.toMatch(/ECONN|postgres:/);
    expect(alive.status).toBe(200);
    expect(readyUp.status).toBe(200);
    expect(requestUp.status).toBe(200);
  }, 60_000);
});
