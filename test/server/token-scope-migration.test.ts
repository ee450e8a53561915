/**
 * The token-scope migration on a database that already holds tokens: each keeps exactly what it
 * could do (can_write true → write, false → read), the flag is gone, and a new row defaults to
 * read, on PGlite and PostgreSQL.
 */
import { rmSync } from 'node:fs';
import { afterAll, describe, expect, it } from 'vitest';
import { migrateDatabase } from '../../src/server/db/migrate.ts';
import { migrationsBefore, openEmptyDatabase } from './migration-helpers.ts';

describe('the token-scope migration', () => {
  const cleanup: (() => Promise<void> | void)[] = [];
  afterAll(async () => {
    for (const step of cleanup.reverse()) await step();
  });

  it('backfills each token scope from can_write, then drops can_write', async () => {
    const database = await openEmptyDatabase();
    cleanup.push(() => database.close());
    const before = migrationsBefore('token-scope');
    cleanup.push(() => rmSync(before, { recursive: true, force: true }));
    await migrateDatabase(database, before);
    const {
      rows: [user],
    } = await database.query<{ id: string }>(
      `insert into users (email, name, password_hash, role)
         values ('bot@x.test', 'Bot', 'x', 'member') returning id`,
    );
    await database.query(
      `insert into api_tokens (name, token_hash, prefix, user_id, can_write) values
         ('deploy', 'hash-1', 'keel_aaaaaa', $1, true),
         ('reader', 'hash-2', 'keel_bbbbbb', $1, false)`,
      [user!.id],
    );
    await database.query(
      `insert into api_tokens (name, token_hash, prefix, user_id)
         values ('old default', 'hash-3', 'keel_cccccc', $1)`,
      [user!.id],
    );

    await migrateDatabase(database);

    const { rows } = await database.query<{ name: string; scope: string }>(
      `select name, scope from api_tokens order by name`,
    );
    expect(rows).toEqual([
      { name: 'deploy', scope: 'write' },
      { name: 'old default', scope: 'read' },
      { name: 'reader', scope: 'read' },
    ]);
    const { rows: columns } = await database.query<{ column_name: string }>(
      `select column_name from information_schema.columns
         where table_name = 'api_tokens' and column_name in ('can_write', 'scope')`,
    );
    expect(columns.map((c) => c.column_name)).toEqual(['scope']);
    await database.query(
      `insert into api_tokens (name, token_hash, prefix, user_id)
         values ('new', 'hash-4', 'keel_dddddd', $1)`,
      [user!.id],
    );
    const { rows: fresh } = await database.query<{ scope: string }>(
      `select scope from api_tokens where name = 'new'`,
    );
    expect(fresh).toEqual([{ scope: 'read' }]);
  });
});
