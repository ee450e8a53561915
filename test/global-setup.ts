/**
 * @module Vitest global setup, per database project: builds a migrated database template once
 * per run, so each test file starts from a fresh copy instead of migrating again. PGlite: a
 * data-dir tarball. PostgreSQL (TEST_DATABASE_URL): a template database cloned per test file.
 */
import { writeFileSync } from 'node:fs';
import os from 'node:os';
import path from 'node:path';
import pg from 'pg';
import { openDatabase, type Database } from '../src/server/db/database.ts';
import { migrateDatabase } from '../src/server/db/migrate.ts';
import { createJobRunner } from '../src/server/jobs/job-queue.ts';
import { allJobs } from '../src/server/jobs/registry.ts';
import { databaseUrlFor, testDatabasePrefix } from './server/postgres-url.ts';

async function prepare(database: Database): Promise<void> {
  await migrateDatabase(database);
  // Install pg-boss's schema too: it is part of every real Keel database.
  const runner = createJobRunner({ database, jobs: allJobs });
  await runner.boss.start();
  await runner.boss.stop({ graceful: false, close: false, wait: true });
}

export async function setupPglite(): Promise<void> {
  const memory = await openDatabase({ kind: 'pglite-memory' });
  await prepare(memory);
  const tarball = path.join(os.tmpdir(), `keel-test-template-${process.pid}.tar`);
  writeFileSync(
    tarball,
    Buffer.from(await (await memory.pglite!.dumpDataDir('none')).arrayBuffer()),
  );
  await memory.close();
  process.env.KEEL_TEST_PGLITE_TEMPLATE = tarball;
}

export async function setupPostgres(): Promise<() => Promise<void>> {
  const url = process.env.TEST_DATABASE_URL;
  if (!url) throw new Error('the postgres test project needs TEST_DATABASE_URL');
  const prefix = testDatabasePrefix(String(process.pid));
  process.env.KEEL_TEST_PG_PREFIX = prefix;
  const admin = new pg.Client({ connectionString: url });
  await admin.connect();
  const template = `${prefix}template`;
  await admin.query(`drop database if exists ${template} with (force)`);
  await admin.query(`create database ${template}`);
  const database = await openDatabase({
    kind: 'postgres',
    url: databaseUrlFor(url, template),
    poolSize: 2,
  });
  await prepare(database);
  await database.close();
  await admin.end();
  return async () => {
    const cleanup = new pg.Client({ connectionString: url });
    await cleanup.connect();
    const { rows } = await cleanup.query<{ datname: string }>(
      `select datname from pg_database where datname like $1`,
      [`${prefix}%`],
    );
    for (const row of rows)
      await cleanup.query(`drop database if exists "${row.datname}" with (force)`);
    await cleanup.end();
  };
}
