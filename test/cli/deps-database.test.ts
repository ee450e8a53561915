/**
 * `keel deps` against the advisories held in Keel's database, through the real binary: imported
 * with `keel advisories import` into a PGlite data directory (and a PostgreSQL server when
 * TEST_DATABASE_URL is set), then matched by default; `--advisories PATH` stays the offline
 * alternative, and without any database the scan lists packages only and creates nothing.
 */
import { existsSync, mkdtempSync } from 'node:fs';
import os from 'node:os';
import path from 'node:path';
import pg from 'pg';
import { describe, expect, it } from 'vitest';
import { buildGitRepo } from '../server/scan-factories.ts';
import { databaseUrlFor } from '../server/postgres-url.ts';
import { runKeel } from './run-keel.ts';

const OSV = path.join(import.meta.dirname, '..', 'server', 'fixtures', 'osv');
const lock = JSON.stringify({
  name: 'shop',
  lockfileVersion: 3,
  packages: {
    '': { name: 'shop', dependencies: { lodash: '^4.17.11' } },
    'node_modules/lodash': { version: '4.17.11' },
  },
});

interface Report {
  findings: { package: string; ids: string[] }[];
  advisorySources: { source: string; records: number }[];
}

describe('keel deps with the advisory database', { timeout: 300_000 }, () => {
  it('matches against the advisories imported into the data directory by default', async () => {
    const repo = buildGitRepo({ 'package-lock.json': lock });
    const env = { KEEL_DATA_DIR: mkdtempSync(path.join(os.tmpdir(), 'keel-cli-depsdb-')) };

    const empty = await runKeel(['deps', repo.dir, '--format', 'json'], env);
    const imported = await runKeel(['advisories', 'import', OSV, '--source', 'osv-fixtures'], env);
    const scan = await runKeel(['deps', repo.dir, '--format', 'json'], env);
    const offline = await runKeel(['deps', repo.dir, '--no-database', '--format', 'json'], env);

    expect(empty.code).toBe(0);
    expect(empty.stderr).toContain('no advisory database');
    expect(imported.code).toBe(0);
    expect(scan.code).toBe(1);
    const report = JSON.parse(scan.stdout) as Report;
    expect(report.findings.map((f) => f.package)).toEqual(['lodash', 'lodash']);
    expect(report.advisorySources).toMatchObject([{ source: 'osv-fixtures', records: 3 }]);
    expect(offline.code).toBe(0);
    expect((JSON.parse(offline.stdout) as Report).findings).toEqual([]);
  });

  it('without a database lists packages only, says why, and creates no data directory', async () => {
    const repo = buildGitRepo({ 'package-lock.json': lock });
    const dataDir = path.join(mkdtempSync(path.join(os.tmpdir(), 'keel-cli-nodb-')), 'data');

    const scan = await runKeel(['deps', repo.dir], { KEEL_DATA_DIR: dataDir });
    const withFile = await runKeel(['deps', repo.dir, '--advisories', OSV, '--format', 'json'], {
      KEEL_DATA_DIR: dataDir,
    });

    expect(scan.code).toBe(0);
    expect(scan.stderr).toContain('no advisory database');
    expect(existsSync(dataDir)).toBe(false);
    expect(withFile.code).toBe(1);
    expect((JSON.parse(withFile.stdout) as Report).findings).toHaveLength(2);
  });

  const serverUrl = process.env.TEST_DATABASE_URL;
  it.runIf(serverUrl)('matches against the advisories held on a PostgreSQL server', async () => {
    const name = `keel_cli_deps_${process.pid}`;
    const admin = new pg.Client({ connectionString: serverUrl });
    await admin.connect();
    await admin.query(`drop database if exists ${name} with (force)`);
    await admin.query(`create database ${name}`);
    const env = {
      DATABASE_URL: databaseUrlFor(serverUrl!, name),
      KEEL_DATA_DIR: path.join(mkdtempSync(path.join(os.tmpdir(), 'keel-cli-depspg-')), 'none'),
    };
    const repo = buildGitRepo({ 'package-lock.json': lock });

    const imported = await runKeel(['advisories', 'import', OSV], env);
    const scan = await runKeel(['deps', repo.dir, '--format', 'json'], env);
    await admin.query(`drop database if exists ${name} with (force)`);
    await admin.end();

    expect(imported.code).toBe(0);
    expect(scan.code).toBe(1);
    expect((JSON.parse(scan.stdout) as Report).findings.map((f) => f.package)).toEqual([
      'lodash',
      'lodash',
    ]);
  });
});
