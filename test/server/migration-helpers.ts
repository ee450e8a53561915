/**
 * @module Helpers for migration tests: an empty database of the kind under test, and a copy of
 * the migrations folder that stops just before a named migration, so a test can fill the old
 * schema, apply the rest and check what the migration did to existing rows.
 */
import { randomBytes } from 'node:crypto';
import { cpSync, mkdtempSync, readFileSync, writeFileSync } from 'node:fs';
import os from 'node:os';
import path from 'node:path';
import pg from 'pg';
import { openDatabase, type Database } from '../../src/server/db/database.ts';
import { migrationsFolder } from '../../src/server/db/migrate.ts';
import { testDbKind } from './harness.ts';
import { databaseUrlFor } from './postgres-url.ts';

/** An empty database (not the migrated template). */
export async function openEmptyDatabase(): Promise<Database> {
  if (testDbKind === 'pglite') return openDatabase({ kind: 'pglite-memory' });
  const base = process.env.TEST_DATABASE_URL!;
  // The prefix makes the global teardown drop it.
  const name = `${process.env.KEEL_TEST_PG_PREFIX!}${randomBytes(6).toString('hex')}`;
  const admin = new pg.Client({ connectionString: base });
  await admin.connect();
  try {
    await admin.query(`create database ${name}`);
  } finally {
    await admin.end();
  }
  return openDatabase({ kind: 'postgres', url: databaseUrlFor(base, name), poolSize: 2 });
}

/** A copy of the migrations folder that stops just before the migration tagged `…_<tag>`. */
export function migrationsBefore(tag: string): string {
  const dir = mkdtempSync(path.join(os.tmpdir(), 'keel-migrations-'));
  cpSync(migrationsFolder, dir, { recursive: true });
  const journalPath = path.join(dir, 'meta', '_journal.json');
  const journal = JSON.parse(readFileSync(journalPath, 'utf8')) as {
    entries: { tag: string }[];
  };
  const at = journal.entries.findIndex((e) => e.tag.endsWith(`_${tag}`));
  if (at < 0) throw new Error(`no migration ${tag}`);
  journal.entries = journal.entries.slice(0, at);
  writeFileSync(journalPath, JSON.stringify(journal));
  return dir;
}
