/** `keel decisions import/export` on the embedded database: per-file report, re-import, export. */
import { mkdtempSync, readdirSync, readFileSync } from 'node:fs';
import os from 'node:os';
import path from 'node:path';
import { describe, expect, it } from 'vitest';
import { openDatabase } from '../../src/server/db/database.ts';
import { clients } from '../../src/server/db/schema.ts';
import { runKeel } from './run-keel.ts';

const fixtures = path.join(import.meta.dirname, '../../src/engines/adr/fixtures');
const malformed = path.join(import.meta.dirname, '../../src/engines/adr/malformed');

describe('keel decisions', () => {
  it('imports a folder, reports each file, updates on re-import and exports MADR files', async () => {
    const env = { KEEL_DATA_DIR: mkdtempSync(path.join(os.tmpdir(), 'keel-cli-decisions-')) };
    // A client with no decisions yet (the demo clients have some of their own).
    await runKeel(['db', 'migrate'], env);
    const database = await openDatabase({ kind: 'pglite', dataDir: env.KEEL_DATA_DIR });
    await database.db.insert(clients).values({ name: 'Fresh Robotics', stage: 'seed' });
    await database.close();
    const out = mkdtempSync(path.join(os.tmpdir(), 'keel-cli-adr-out-'));

    const first = await runKeel(
      ['decisions', 'import', fixtures, '--client', 'nonexistent co'],
      env,
    );
    const bad = await runKeel(
      ['decisions', 'import', malformed, '--client', 'Fresh Robotics'],
      env,
    );
    const imported = await runKeel(
      ['decisions', 'import', fixtures, '--client', 'fresh robotics'],
      env,
    );
    const again = await runKeel(
      ['decisions', 'import', fixtures, '--client', 'Fresh Robotics'],
      env,
    );
    const exported = await runKeel(['decisions', 'export', 'Fresh Robotics', '--out', out], env);

    expect(first.code).toBe(2);
    expect(first.stderr).toContain('no client with id or name "nonexistent co"');
    expect(bad.code).toBe(1);
    expect(bad.stdout).toMatch(
      /failed\s+0013-bad-date\.md\s+0013-bad-date\.md, line 3: date "13\/02\/2024"/,
    );
    expect(imported.stdout).toContain('7 imported, 0 updated, 0 unchanged, 0 failed, 0 skipped');
    expect(again.stdout).toContain('0 imported, 0 updated, 7 unchanged');
    expect(exported.code).toBe(0);
    expect(readdirSync(out)).toHaveLength(7);
    expect(readFileSync(path.join(out, '0002-use-mysql-for-orders.md'), 'utf8')).toContain(
      'status: superseded by [ADR-0003](0003-use-postgresql-for-orders.md)',
    );
  }, 240_000);
});
