/**
 * @module `keel key rotate`: re-encrypts every stored credential under a new key in one
 * transaction. The new key is written beside the old one first, so a crash at any point leaves
 * a key that opens every value.
 */
import { renameSync } from 'node:fs';
import type { Command } from 'commander';
import { eq } from 'drizzle-orm';
import { createSecretBox } from '../../server/crypto/secret-box.ts';
import {
  generateKey,
  keyFilePath,
  loadOrCreateKey,
  parseKey,
  pendingKeyPath,
  writeKeyFile,
} from '../../server/crypto/key-store.ts';
import { credentials } from '../../server/db/schema.ts';
import { CliError } from '../cli-error.ts';
import { withDatabase } from '../with-database.ts';

export function registerKeyCommands(program: Command): void {
  const key = program.command('key').description('The encryption key for stored credentials');
  key
    .command('rotate')
    .description('Generate a new key and re-encrypt every stored credential with it')
    .option('--new-key <key>', 'use this key (base64 or hex, 32 bytes) instead of generating one')
    .action(async (options: { newKey?: string }) => {
      await withDatabase(async (database, config) => {
        const current = loadOrCreateKey({ envKey: config.encryptionKey, dataDir: config.dataDir });
        const nextKey = options.newKey ? parseKey(options.newKey, '--new-key') : generateKey();
        // A previous rotation that stopped half-way may have sealed some values with its key.
        const oldBox = createSecretBox(current.key, current.pending ? [current.pending] : []);
        const newBox = createSecretBox(nextKey);
        const nextFile = pendingKeyPath(config.dataDir);
        if (current.source !== 'env') writeKeyFile(config.dataDir, nextKey, nextFile);
        let count = 0;
        await database.db.transaction(async (tx) => {
          const rows = await tx.select().from(credentials);
          for (const row of rows) {
            let plain: string;
            try {
              plain = oldBox.open(row.ciphertext, row.id);
            } catch (error) {
              throw new CliError(
                `credential ${row.id} (${row.label}) cannot be opened with the current key: ${(error as Error).message}`,
              );
            }
            await tx
              .update(credentials)
              .set({ ciphertext: newBox.seal(plain, row.id), updatedAt: new Date() })
              .where(eq(credentials.id, row.id));
            count++;
          }
        });
        if (current.source === 'env') {
          process.stdout.write(
            `Re-encrypted ${count} credential(s). Set KEEL_ENCRYPTION_KEY to the new key and restart:\n${nextKey.toString('base64')}\n`,
          );
          return;
        }
        renameSync(nextFile, keyFilePath(config.dataDir));
        process.stdout.write(
          `Re-encrypted ${count} credential(s); the new key (id ${newBox.keyId}) is in ${keyFilePath(config.dataDir)}.\n`,
        );
      });
    });
}
