// Shared by the monitoring benches: a loopback HTTP target, the AppContext a bench runs with,
// bulk monitor creation, quantiles, and a note of how busy the machine was (load average).
import { randomBytes, randomUUID } from 'node:crypto';
import http from 'node:http';
import type { AddressInfo } from 'node:net';
import os from 'node:os';
import { loadConfig } from '../../src/server/config/config.ts';
import type { AppContext } from '../../src/server/context.ts';
import { createSecretBox } from '../../src/server/crypto/secret-box.ts';
import type { Database } from '../../src/server/db/database.ts';
import { clients, monitors } from '../../src/server/db/schema.ts';
import { createLogger } from '../../src/server/logger.ts';
import { createMetrics } from '../../src/server/system/metrics.ts';

export const quantile = (xs: number[], q: number) =>
  xs.length
    ? [...xs].sort((a, b) => a - b)[Math.min(xs.length - 1, Math.floor(q * xs.length))]!
    : NaN;

/**
 * A target that answers 200 "ok" to everything, on a loopback address (any of 127.0.0.0/8 on
 * Linux), counting the requests it answered.
 */
export async function startMockTarget(
  host = '127.0.0.1',
): Promise<{ url: string; requests: () => number; close: () => void }> {
  let requests = 0;
  const server = http.createServer((_req, res) => {
    requests += 1;
    res.end('ok');
  });
  await new Promise<void>((r) => server.listen(0, host, () => r()));
  return {
    url: `http://${host}:${(server.address() as AddressInfo).port}/health`,
    requests: () => requests,
    close: () => server.close(),
  };
}

export function benchContext(database: Database): AppContext {
  return {
    config: { ...loadConfig({}), monitorAllowPrivate: true },
    database,
    db: database.db,
    logger: createLogger('silent'),
    secretBox: createSecretBox(randomBytes(32)),
    jobs: { send: async () => null, sendMany: async () => undefined, list: async () => [] },
    metrics: createMetrics(),
  };
}

/**
 * n HTTP monitors on `url` (or `url(index)`) at `intervalSeconds`; `nextRunAt` null leaves them
 * not yet due.
 */
export async function insertMonitors(
  ctx: AppContext,
  options: {
    n: number;
    url: string | ((index: number) => string);
    intervalSeconds: number;
    nextRunAt: (id: string) => Date | null;
  },
): Promise<string[]> {
  const [client] = await ctx.db
    .insert(clients)
    .values({ name: 'Bench', stage: 'seed' })
    .returning();
  const ids: string[] = [];
  for (let i = 0; i < options.n; i += 1000) {
    const rows = Array.from({ length: Math.min(1000, options.n - i) }, (_, k) => {
      const id = randomUUID();
      ids.push(id);
      return {
        id,
        clientId: client!.id,
        name: `m${i + k}`,
        kind: 'http' as const,
        target: {
          kind: 'http',
          url: typeof options.url === 'string' ? options.url : options.url(i + k),
          method: 'GET',
          headers: {},
          expectedStatus: ['200-399'],
          jsonAssertions: [],
          followRedirects: true,
          verifyTls: true,
        },
        intervalSeconds: options.intervalSeconds,
        timeoutSeconds: 10,
        retries: 2,
        recoveries: 1,
        nextRunAt: options.nextRunAt(id),
      };
    });
    await ctx.db.insert(monitors).values(rows);
  }
  return ids;
}

/** The machine, and how busy it was: other processes on the same cores skew every figure. */
export function machineNote() {
  return {
    cores: os.cpus().length,
    cpu: os.cpus()[0]?.model ?? '?',
    loadAverage1m: +os.loadavg()[0]!.toFixed(2),
    node: process.version,
  };
}
