/**
 * @module Where the instance encryption key comes from: KEEL_ENCRYPTION_KEY, or a file
 * `keel.key` in the data directory, created on first start with owner-only permissions.
 */
import {
  chmodSync,
  existsSync,
  mkdirSync,
  readFileSync,
  renameSync,
  statSync,
  writeFileSync,
} from 'node:fs';
import { randomBytes } from 'node:crypto';
import path from 'node:path';

export class KeyError extends Error {
  constructor(message: string) {
    super(message);
    this.name = 'KeyError';
  }
}

export function keyFilePath(dataDir: string): string {
  return path.join(dataDir, 'keel.key');
}

/** Decodes a key given as base64 (44 chars) or hex (64 digits). */
export function parseKey(text: string, origin: string): Buffer {
  const trimmed = text.trim();
  const key = /^[0-9a-f]{64}$/i.test(trimmed)
    ? Buffer.from(trimmed, 'hex')
    : Buffer.from(trimmed, 'base64');
  if (key.length !== 32) {
    throw new KeyError(
      `${origin} must be 32 bytes, as base64 (44 characters) or 64 hex digits; generate one with: openssl rand -base64 32`,
    );
  }
  return key;
}

export function generateKey(): Buffer {
  return randomBytes(32);
}

export interface LoadedKey {
  key: Buffer;
  source: 'env' | 'file' | 'generated';
  /** A key left by an interrupted rotation (`keel.key.next`): values may be sealed with it. */
  pending?: Buffer;
}

export const pendingKeyPath = (dataDir: string) => `${keyFilePath(dataDir)}.next`;

export function loadOrCreateKey(options: {
  envKey: string | undefined;
  dataDir: string;
}): LoadedKey {
  if (options.envKey)
    return { key: parseKey(options.envKey, 'KEEL_ENCRYPTION_KEY'), source: 'env' };
  const file = keyFilePath(options.dataDir);
  if (existsSync(file)) {
    const mode = statSync(file).mode & 0o777;
    if (mode & 0o077) chmodSync(file, 0o600);
    const pendingFile = pendingKeyPath(options.dataDir);
    const pending = existsSync(pendingFile)
      ? parseKey(readFileSync(pendingFile, 'utf8'), pendingFile)
      : undefined;
    return {
      key: parseKey(readFileSync(file, 'utf8'), file),
      source: 'file',
      ...(pending ? { pending } : {}),
    };
  }
  const key = generateKey();
  writeKeyFile(options.dataDir, key);
  return { key, source: 'generated' };
}

/** Writes the key atomically (temp file + rename) so a crash never leaves half a key. */
export function writeKeyFile(dataDir: string, key: Buffer, file = keyFilePath(dataDir)): void {
  mkdirSync(dataDir, { recursive: true, mode: 0o700 });
  const temp = `${file}.tmp-${process.pid}`;
  writeFileSync(temp, `${key.toString('base64')}\n`, { mode: 0o600 });
  renameSync(temp, file);
}
