/** `keel monitors import` on the embedded database: dry run, apply, re-import, bad input. */
import { mkdtempSync, writeFileSync } from 'node:fs';
import os from 'node:os';
import path from 'node:path';
import { describe, expect, it } from 'vitest';
import { runKeel } from './run-keel.ts';

const fixtures = path.join(import.meta.dirname, '../server/fixtures/monitor-import');

describe('keel monitors import', () => {
  it('previews, imports, re-imports without duplicates, and exits 2 on bad input', async () => {
    const dir = mkdtempSync(path.join(os.tmpdir(), 'keel-cli-monitors-'));
    const env = { KEEL_DATA_DIR: dir };
    await runKeel(['demo'], env);
    const file = path.join(fixtures, 'gatus-config.yaml');
    const client = ['--client', 'Tidewater Freight (demo)'];
    const broken = path.join(dir, 'broken.json');
    writeFileSync(
      broken,
      '{\n  "version": "1.23.0",\n  "monitorList": [\n    {"name": "a",}\n  ]\n}\n',
    );

    const preview = await runKeel(['monitors', 'import', file, ...client, '--dry-run'], env);
    const applied = await runKeel(['monitors', 'import', file, ...client], env);
    const again = await runKeel(['monitors', 'import', file, ...client], env);
    const bad = await runKeel(['monitors', 'import', broken, ...client], env);
    const noClient = await runKeel(['monitors', 'import', file, '--client', 'nobody'], env);

    expect(preview.code).toBe(0);
    expect(preview.stdout).toContain('gatus import (dry run: nothing written)');
    expect(preview.stdout).toMatch(/skip\s+gateway\s+\[endpoints\[6\] \(line 79\), icmp\]/);
    expect(preview.stdout).toContain('7 to create, 0 to update, 0 unchanged, 1 skipped');
    expect(applied.stdout).toContain('7 created, 0 updated, 0 unchanged, 1 skipped');
    expect(again.stdout).toContain('0 created, 0 updated, 7 unchanged, 1 skipped');
    expect(bad.code).toBe(2);
    expect(bad.stderr).toContain('broken.json: line 4: not valid JSON');
    expect(noClient.code).toBe(2);
  }, 240_000);
});
