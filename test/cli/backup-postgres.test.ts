/** `keel backup` and `keel restore` on a PostgreSQL server: pg_dump SQL out, replayed back in. */
import { mkdtempSync } from 'node:fs';
import os from 'node:os';
import path from 'node:path';
import pg from 'pg';
import { describe, expect, it } from 'vitest';
import { databaseUrlFor } from '../server/postgres-url.ts';
import { runKeel } from './run-keel.ts';

const serverUrl = process.env.TEST_DATABASE_URL;

describe.runIf(serverUrl)('keel backup on a PostgreSQL server', { timeout: 120_000 }, () => {
  it('dumps with pg_dump and restores into an emptied database', async () => {
    const name = `keel_cli_backup_${process.pid}`;
    const admin = new pg.Client({ connectionString: serverUrl });
    await admin.connect();
    await admin.query(`drop database if exists ${name} with (force)`);
    await admin.query(`create database ${name}`);
    const env = {
      DATABASE_URL: databaseUrlFor(serverUrl!, name),
      KEEL_DATA_DIR: mkdtempSync(path.join(os.tmpdir(), 'keel-pgbak-')),
    };
    const file = path.join(env.KEEL_DATA_DIR, 'keel.sql');
    await runKeel(['demo'], env);

    const backup = await runKeel(['backup', '--out', file], env);
    await admin.query(`drop database ${name} with (force)`);
    await admin.query(`create database ${name}`);
    const refused = await runKeel(['restore', file], env);
    const restored = await runKeel(['restore', file, '--force'], env);
    const after = await runKeel(['demo'], env);
    await admin.query(`drop database if exists ${name} with (force)`);
    await admin.end();

    expect([backup.code, backup.stderr]).toEqual([0, '']);
    expect(refused.code).toBe(2);
    expect([restored.code, restored.stderr]).toEqual([0, '']);
    expect(after.stdout).toBe('The demo portfolio is already loaded.\n');
  });
});
