/**
 * @module One database handle for both back ends: embedded PGlite (a data directory, or memory
 * for tests) or a PostgreSQL server (DATABASE_URL). Everything above this file uses `db`
 * (Drizzle) or `query`, and never asks which one it got.
 */
import { mkdirSync } from 'node:fs';
import path from 'node:path';
import type { PGlite } from '@electric-sql/pglite';
import type { PgDatabase, PgQueryResultHKT } from 'drizzle-orm/pg-core';
import type * as PgliteDrizzle from 'drizzle-orm/pglite';
import * as schema from './schema.ts';
import { acquireDirectoryLock, type DirectoryLock } from './directory-lock.ts';

export type Db = PgDatabase<PgQueryResultHKT, typeof schema>;

type PgliteDriver = typeof PgliteDrizzle;

export interface QueryResult<Row> {
  rows: Row[];
}

export interface Database {
  kind: 'pglite' | 'postgres';
  db: Db;
  /** A parameterised SQL query; multi-statement text (no values) is allowed too. */
  query<Row = Record<string, unknown>>(text: string, values?: unknown[]): Promise<QueryResult<Row>>;
  /** Resolves when the database answers; rejects otherwise. */
  ping(): Promise<void>;
  close(): Promise<void>;
  /** The embedded engine, for backups; undefined on a server. */
  pglite?: PGlite;
}

export type DatabaseTarget =
  | { kind: 'postgres'; url: string; poolSize?: number }
  | { kind: 'pglite'; dataDir: string }
  | { kind: 'pglite-memory'; loadDataDir?: Blob | File };

// Each back end's driver is imported only when it is used: a start on PGlite does not pay for
// loading pg, and the reverse.
export async function openDatabase(target: DatabaseTarget): Promise<Database> {
  if (target.kind === 'postgres') return openPostgres(target.url, target.poolSize ?? 10);
  const { PGlite } = await import('@electric-sql/pglite');
  if (target.kind === 'pglite-memory') {
    const pglite = await PGlite.create(
      target.loadDataDir ? { loadDataDir: target.loadDataDir } : {},
    );
    return wrapPglite(pglite, await import('drizzle-orm/pglite'));
  }
  mkdirSync(target.dataDir, { recursive: true, mode: 0o700 });
  const lock = acquireDirectoryLock(target.dataDir);
  try {
    const pglite = await PGlite.create({ dataDir: path.join(target.dataDir, 'pgdata') });
    return wrapPglite(pglite, await import('drizzle-orm/pglite'), lock);
  } catch (error) {
    lock.release();
    throw error;
  }
}

function wrapPglite(pglite: PGlite, driver: PgliteDriver, lock?: DirectoryLock): Database {
  const query = async <Row>(text: string, values?: unknown[]): Promise<QueryResult<Row>> => {
    if (values && values.length > 0) return pglite.query<Row>(text, values);
    const results = await pglite.exec(text);
    return { rows: (results.at(-1)?.rows ?? []) as Row[] };
  };
  return {
    kind: 'pglite',
    db: driver.drizzle({ client: pglite, schema }),
    query,
    pglite,
    ping: async () => {
      await pglite.query('select 1');
    },
    close: async () => {
      await pglite.close();
      lock?.release();
    },
  };
}

async function openPostgres(url: string, poolSize: number): Promise<Database> {
  const { default: pg } = await import('pg');
  const { drizzle: drizzlePg } = await import('drizzle-orm/node-postgres');
  const pool = new pg.Pool({
    connectionString: url,
    // Hour and day buckets (date_trunc) follow the session's zone: UTC, whatever the server's
    // default, so a server set to a half-hour zone buckets rollups as PGlite does.
    options: '-c TimeZone=UTC',
    max: poolSize,
    connectionTimeoutMillis: 5_000,
    idleTimeoutMillis: 30_000,
  });
  // An idle client losing its connection must not crash the process; the pool replaces it.
  pool.on('error', () => undefined);
  return {
    kind: 'postgres',
    db: drizzlePg({ client: pool, schema }),
    query: async <Row>(text: string, values?: unknown[]) => {
      const result = await pool.query(text, values);
      return { rows: result.rows as Row[] };
    },
    ping: async () => {
      await pool.query('select 1');
    },
    close: async () => {
      await pool.end();
    },
  };
}
