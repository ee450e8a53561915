/** The `keel` command on the embedded database: accounts, demo, backup and restore, key rotation, errors. */
import { mkdtempSync } from 'node:fs';
import os from 'node:os';
import path from 'node:path';
import { describe, expect, it } from 'vitest';
import { eq } from 'drizzle-orm';
import { openDatabase } from '../../src/server/db/database.ts';
import { credentials, users } from '../../src/server/db/schema.ts';
import { createSecretBox } from '../../src/server/crypto/secret-box.ts';
import { loadOrCreateKey } from '../../src/server/crypto/key-store.ts';
import { verifyPassword } from '../../src/server/auth/passwords.ts';
import { runKeel } from './run-keel.ts';
import packageJson from '../../package.json' with { type: 'json' };

const tempDir = (name: string) => mkdtempSync(path.join(os.tmpdir(), `keel-cli-${name}-`));

// Each command opens (and on first use creates) an embedded database: seconds, not milliseconds.
describe('keel CLI', { timeout: 240_000 }, () => {
  it('prints help and its version, and exits 2 on an unknown command or a bad setting', async () => {
    const help = await runKeel(['--help'], {});
    const version = await runKeel(['--version'], {});
    const unknown = await runKeel(['fly'], {});
    const badConfig = await runKeel(['serve'], { PORT: 'eighty', KEEL_DATA_DIR: tempDir('cfg') });
    const worker = await runKeel(['worker'], {});

    expect(help.code).toBe(0);
    expect(help.stdout).toContain('serve');
    expect(version).toMatchObject({ code: 0, stdout: `${packageJson.version}\n` });
    expect(unknown.code).toBe(2);
    expect(badConfig.code).toBe(2);
    expect(badConfig.stderr).toContain('PORT: must be a number');
    expect(worker.code).toBe(2);
    expect(worker.stderr).toContain('keel worker needs DATABASE_URL');
  });

  it('creates users, refuses duplicates and bad input, resets passwords', async () => {
    const env = { KEEL_DATA_DIR: tempDir('users') };

    const created = await runKeel(
      [
        'user',
        'create',
        '--email',
        'olivia@cto.test',
        '--name',
        'Olivia',
        '--role',
        'owner',
        '--password-stdin',
      ],
      env,
      'a long password\n',
    );
    const duplicate = await runKeel(
      ['user', 'create', '--email', 'olivia@cto.test', '--name', 'O', '--role', 'owner'],
      env,
    );
    const badEmail = await runKeel(
      ['user', 'create', '--email', 'not-an-email', '--name', 'X'],
      env,
    );
    const reset = await runKeel(['user', 'reset-password', 'olivia@cto.test'], env);
    const missing = await runKeel(['user', 'reset-password', 'nobody@cto.test'], env);

    expect([created.code, created.stdout]).toEqual([0, 'Created owner olivia@cto.test.\n']);
    expect(duplicate.code).toBe(1);
    expect(duplicate.stderr).toContain('already exists');
    expect(badEmail.code).toBe(2);
    expect(reset.code).toBe(0);
    expect(missing.code).toBe(1);
    const newPassword = /New password \(shown once\): (\S+)/.exec(reset.stdout)?.[1];
    const database = await openDatabase({ kind: 'pglite', dataDir: env.KEEL_DATA_DIR });
    const [row] = await database.db.select().from(users).where(eq(users.email, 'olivia@cto.test'));
    await database.close();
    expect(await verifyPassword(row!.passwordHash, newPassword!)).toBe(true);
  });

  it('backs up the embedded database and restores it elsewhere, keeping what was there aside', async () => {
    const source = { KEEL_DATA_DIR: tempDir('src') };
    const target = { KEEL_DATA_DIR: tempDir('dst') };
    const file = path.join(tempDir('bak'), 'keel.tar.gz');
    await runKeel(['demo'], source);
    await runKeel(['db', 'migrate'], target);

    const backup = await runKeel(['backup', '--out', file], source);
    const refused = await runKeel(['restore', file], target);
    const restored = await runKeel(['restore', file, '--force'], target);
    const again = await runKeel(['demo'], target);

    expect(backup.code).toBe(0);
    expect(refused.code).toBe(1);
    expect(refused.stderr).toContain('--force');
    expect(restored.code).toBe(0);
    expect(restored.stdout).toContain('previous database is kept at');
    expect(again.stdout).toBe('The demo portfolio is already loaded.\n');
  });

  it('rotates the encryption key, re-encrypting stored credentials', async () => {
    const env = { KEEL_DATA_DIR: tempDir('key') };
    await runKeel(['db', 'migrate'], env);
    const oldKey = loadOrCreateKey({ envKey: undefined, dataDir: env.KEEL_DATA_DIR }).key;
    let database = await openDatabase({ kind: 'pglite', dataDir: env.KEEL_DATA_DIR });
    const [row] = await database.db
      .insert(credentials)
      .values({ kind: 'git', label: 'repo token', ciphertext: 'pending' })
      .returning();
    await database.db
      .update(credentials)
      .set({ ciphertext: createSecretBox(oldKey).seal('glpat-secret-value', row!.id) })
      .where(eq(credentials.id, row!.id));
    await database.close();

    const rotated = await runKeel(['key', 'rotate'], env);

    expect(rotated.code).toBe(0);
    expect(rotated.stdout).toContain('Re-encrypted 1 credential(s)');
    const newKey = loadOrCreateKey({ envKey: undefined, dataDir: env.KEEL_DATA_DIR }).key;
    expect(newKey).not.toEqual(oldKey);
    database = await openDatabase({ kind: 'pglite', dataDir: env.KEEL_DATA_DIR });
    const [after] = await database.db.select().from(credentials);
    await database.close();
    expect(createSecretBox(newKey).open(after!.ciphertext, row!.id)).toBe('glpat-secret-value');
    expect(() => createSecretBox(oldKey).open(after!.ciphertext, row!.id)).toThrow();
  });
});
