/**
 * @module The server test harness: a fresh, migrated database per test file (PGlite copy of the
 * template, or a PostgreSQL database cloned from the template), a real Keel context and a real
 * HTTP server on loopback, and a small client that keeps cookies and the CSRF token.
 */
import { randomBytes } from 'node:crypto';
import { readFileSync } from 'node:fs';
import { Writable } from 'node:stream';
import pg from 'pg';
import { afterAll } from 'vitest';
import type { FastifyInstance } from 'fastify';
import { buildApp } from '../../src/server/app.ts';
import type { Config } from '../../src/server/config/config.ts';
import type { AppContext } from '../../src/server/context.ts';
import { openDatabase, type Database } from '../../src/server/db/database.ts';
import { createJobRunner, type JobRunner } from '../../src/server/jobs/job-queue.ts';
import { allJobs } from '../../src/server/jobs/registry.ts';
import type { AnyJob } from '../../src/server/jobs/job.ts';
import { createLogger } from '../../src/server/logger.ts';
import { databaseUrlFor } from './postgres-url.ts';
import { testContext } from './test-context.ts';

export const testDbKind = (process.env.KEEL_TEST_DB ?? 'pglite') as 'pglite' | 'postgres';

/** A fresh database for one test file; on PostgreSQL also returns its URL (for child processes). */
export async function openTestDatabase(): Promise<{ database: Database; url?: string }> {
  if (testDbKind === 'postgres') {
    const base = process.env.TEST_DATABASE_URL;
    const prefix = process.env.KEEL_TEST_PG_PREFIX;
    if (!base || !prefix)
      throw new Error('TEST_DATABASE_URL is not set for the postgres test project');
    const name = `${prefix}${randomBytes(6).toString('hex')}`;
    const admin = new pg.Client({ connectionString: base });
    await admin.connect();
    try {
      // Two files cloning the template at the same moment collide; wait and retry.
      for (let attempt = 0; ; attempt++) {
        try {
          await admin.query(`create database ${name} template ${prefix}template`);
          break;
        } catch (error) {
          if (attempt > 40 || !/being accessed by other users/.test((error as Error).message))
            throw error;
          await new Promise((r) => setTimeout(r, 100 + Math.random() * 200));
        }
      }
    } finally {
      await admin.end();
    }
    const url = databaseUrlFor(base, name);
    return { database: await openDatabase({ kind: 'postgres', url, poolSize: 5 }), url };
  }
  const template = process.env.KEEL_TEST_PGLITE_TEMPLATE;
  if (!template) throw new Error('the PGlite template was not prepared (test/global-setup.ts)');
  return {
    database: await openDatabase({
      kind: 'pglite-memory',
      loadDataDir: new Blob([readFileSync(template)]),
    }),
  };
}

/** Collects log lines in memory, so tests can check what reached the log. */
export function memoryLogStream(): { stream: Writable; text(): string } {
  const chunks: string[] = [];
  const stream = new Writable({
    write(chunk: Buffer, _enc, done) {
      chunks.push(chunk.toString());
      done();
    },
  });
  return { stream, text: () => chunks.join('') };
}

export interface TestServer {
  ctx: AppContext;
  app: FastifyInstance;
  baseUrl: string;
  runner: JobRunner;
  logs(): string;
  databaseUrl?: string | undefined;
}

export async function startTestServer(
  options: { config?: Partial<Config>; jobs?: AnyJob[]; work?: boolean } = {},
): Promise<TestServer> {
  const { database, url } = await openTestDatabase();
  const log = memoryLogStream();
  const logger = createLogger('debug', log.stream);
  const runner = createJobRunner({
    database,
    jobs: options.jobs ?? allJobs,
    pollingIntervalSeconds: 0.5,
  });
  const ctx = testContext({
    database,
    jobs: runner,
    logger,
    config: { loginMaxFailures: 5, ...options.config },
  });
  await runner.start({ ctx, work: options.work ?? false, concurrency: 2 });
  const app = await buildApp(ctx);
  const address = await app.listen({ port: 0, host: '127.0.0.1' });
  const server: TestServer = {
    ctx,
    app,
    baseUrl: address,
    runner,
    logs: () => log.text(),
    databaseUrl: url,
  };
  afterAll(async () => {
    await app.close();
    await runner.stop({ graceful: false });
    await database.close();
  });
  return server;
}

export interface ApiResponse<T = Record<string, unknown>> {
  status: number;
  body: T;
  headers: Headers;
}

/** An HTTP client for one person: keeps the session cookie and sends the CSRF token on writes. */
export class ApiClient {
  cookie?: string;
  csrfToken?: string;
  bearer?: string;

  constructor(readonly baseUrl: string) {}

  async request<T = Record<string, unknown>>(
    method: string,
    path: string,
    body?: unknown,
    extraHeaders: Record<string, string> = {},
  ): Promise<ApiResponse<T>> {
    const headers: Record<string, string> = { ...extraHeaders };
    if (body !== undefined) headers['content-type'] ??= 'application/json';
    if (this.cookie) headers.cookie = this.cookie;
    if (this.bearer) headers.authorization = `Bearer ${this.bearer}`;
    if (this.csrfToken && method !== 'GET') headers['x-csrf-token'] = this.csrfToken;
    const response = await fetch(new URL(path, this.baseUrl), {
      method,
      headers,
      ...(body !== undefined
        ? { body: typeof body === 'string' ? body : JSON.stringify(body) }
        : {}),
    });
    const setCookie = response.headers.get('set-cookie');
    const match = setCookie ? /keel_session=([^;]*)/.exec(setCookie) : null;
    if (match) this.cookie = match[1] ? `keel_session=${match[1]}` : undefined;
    const text = await response.text();
    let parsed: unknown = text;
    try {
      parsed = text ? JSON.parse(text) : undefined;
    } catch {
      // Not JSON (metrics, HTML): keep the text.
    }
    const result = { status: response.status, body: parsed as T, headers: response.headers };
    const csrf = (parsed as { csrfToken?: string } | undefined)?.csrfToken;
    if (csrf) this.csrfToken = csrf;
    return result;
  }

  get<T = Record<string, unknown>>(path: string) {
    return this.request<T>('GET', path);
  }
  post<T = Record<string, unknown>>(path: string, body?: unknown) {
    return this.request<T>('POST', path, body);
  }
  patch<T = Record<string, unknown>>(path: string, body?: unknown) {
    return this.request<T>('PATCH', path, body);
  }
  delete<T = Record<string, unknown>>(path: string) {
    return this.request<T>('DELETE', path);
  }
}
