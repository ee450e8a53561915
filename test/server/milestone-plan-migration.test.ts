/**
 * The planned-date migration on a database that already holds milestones: every existing
 * milestone gets its due date as its plan (nothing lost, nothing null), on PGlite and PostgreSQL.
 */
import { rmSync } from 'node:fs';
import { afterAll, describe, expect, it } from 'vitest';
import { migrateDatabase } from '../../src/server/db/migrate.ts';
import { migrationsBefore, openEmptyDatabase } from './migration-helpers.ts';

const migrationTag = 'milestone-planned-date';

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
