/**
 * The planned-date migration on a database that already holds milestones: every existing
 * milestone gets its due date as its plan (nothing lost, nothing null), on PGlite and PostgreSQL.
 */
import { randomBytes } from 'node:crypto';
import { cpSync, mkdtempSync, readFileSync, rmSync, writeFileSync } from 'node:fs';
import os from 'node:os';
import path from 'node:path';
import pg from 'pg';
import { afterAll, describe, expect, it } from 'vitest';
import { openDatabase, type Database } from '../../src/server/db/database.ts';
import { migrateDatabase, migrationsFolder } from '../../src/server/db/migrate.ts';
import { testDbKind } from './harness.ts';
import { databaseUrlFor } from './postgres-url.ts';

const migrationTag = 'milestone-planned-date';

/** An empty database (not the migrated template). */
async function openEmptyDatabase(): Promise<Database> {
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

/** A copy of the migrations folder that stops just before the planned-date migration. */
function migrationsBefore(tag: string): string {
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

describe('the planned-date migration', () => {
  const cleanup: (() => Promise<void> | void)[] = [];
  afterAll(async () => {
    for (const step of cleanup.reverse()) await step();
  });

  it('backfills each existing milestone with its due date as the planned date', async () => {
    const database = await openEmptyDatabase();
    cleanup.push(() => database.close());
    const before = migrationsBefore(migrationTag);
    cleanup.push(() => rmSync(before, { recursive: true, force: true }));
    await migrateDatabase(database, before);
    const {
      rows: [client],
    } = await database.query<{ id: string }>(
      `insert into clients (name, stage) values ('Old Co', 'seed') returning id`,
    );
    await database.query(
      `insert into milestones (client_id, title, due_date, done_date, status) values
         ($1, 'Shipped late', '2026-03-02', '2026-03-09', 'done'),
         ($1, 'Still open', '2026-12-01', null, 'planned')`,
      [client!.id],
    );

    await migrateDatabase(database);

    const { rows } = await database.query<{
      title: string;
      due: string;
      planned: string;
      replanned: Date | null;
    }>(
      `select title, due_date::text as due, planned_date::text as planned, replanned_at as replanned
         from milestones order by title`,
    );
    expect(rows).toEqual([
      { title: 'Shipped late', due: '2026-03-02', planned: '2026-03-02', replanned: null },
      { title: 'Still open', due: '2026-12-01', planned: '2026-12-01', replanned: null },
    ]);
    await expect(
      database.query(
        `insert into milestones (client_id, title, due_date) values ($1, 'No plan', '2026-12-01')`,
        [client!.id],
      ),
    ).rejects.toThrow(/planned_date/);
  });
});
