/**
 * Hour and day buckets (`date_trunc` in rollups, SLO and status-page maintenance) follow the
 * session's time zone. Keel's sessions are UTC on both back ends, whatever zone a PostgreSQL
 * server or database defaults to: with a half-hour zone (Asia/Kolkata) an "hour" would start at
 * :30 UTC and maintenance would be cut at the wrong minutes.
 */
import pg from 'pg';
import { afterAll, describe, expect, it } from 'vitest';
import { openDatabase, type Database } from '../../src/server/db/database.ts';
import { openTestDatabase, testDbKind } from './harness.ts';

const opened: Database[] = [];
afterAll(async () => {
  for (const database of opened) await database.close();
});

const hourOf = async (database: Database) =>
  (
    await database.query<{ hour: Date }>(
      `select date_trunc('hour', timestamptz '2026-01-05 10:45:00+00') as hour`,
    )
  ).rows[0]!.hour;

describe('database sessions run in UTC', () => {
  it('buckets by UTC hours on this back end', async () => {
    const { database } = await openTestDatabase();
    opened.push(database);

    expect(new Date(await hourOf(database)).toISOString()).toBe('2026-01-05T10:00:00.000Z');
  });

  it.runIf(testDbKind === 'postgres')(
    'stays in UTC when the PostgreSQL database defaults to a half-hour zone',
    async () => {
      const { database, url } = await openTestDatabase();
      opened.push(database);
      const name = new URL(url!).pathname.slice(1);
      const admin = new pg.Client({ connectionString: url });
      await admin.connect();
      try {
        await admin.query(`alter database ${name} set timezone = 'Asia/Kolkata'`);
      } finally {
        await admin.end();
      }
      // A plain connection now gets the database's default, so the set-up shows the problem.
      const plain = new pg.Client({ connectionString: url });
      await plain.connect();
      const plainHour = (
        await plain.query<{ hour: Date }>(
          `select date_trunc('hour', timestamptz '2026-01-05 10:45:00+00') as hour`,
        )
      ).rows[0]!.hour;
      await plain.end();
      expect(new Date(plainHour).toISOString()).toBe('2026-01-05T10:30:00.000Z');

      const keel = await openDatabase({ kind: 'postgres', url: url!, poolSize: 1 });
      opened.push(keel);

      expect(new Date(await hourOf(keel)).toISOString()).toBe('2026-01-05T10:00:00.000Z');
    },
  );
});
