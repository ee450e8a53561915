import { mkdtempSync, readFileSync, statSync } from 'node:fs';
import os from 'node:os';
import path from 'node:path';
import { describe, expect, it } from 'vitest';
import { createSecretBox, keyIdOf, SecretBoxError, sealedKeyId } from './secret-box.ts';
import { generateKey, KeyError, loadOrCreateKey, parseKey } from './key-store.ts';

describe('secret box (AES-256-GCM)', () => {
  it('seals and opens, with a fresh nonce every time and the key id on the value', () => {
    const key = generateKey();
    const box = createSecretBox(key);

    const a = box.seal('ghp_example-repository-token', 'cred-1');
    const b = box.seal('ghp_example-repository-token', 'cred-1');

    expect(a).not.toBe(b);
    expect(a).not.toContain('ghp_example');
    expect(sealedKeyId(a)).toBe(keyIdOf(key));
    expect(box.open(a, 'cred-1')).toBe('ghp_example-repository-token');
  });

  it('refuses tampered values, another record’s value, and the wrong key', () => {
    const box = createSecretBox(generateKey());
    const sealed = box.seal('smtp-password', 'cred-1');
    const parts = sealed.split(':');
    parts[4] = Buffer.from(
      'x' + Buffer.from(parts[4]!, 'base64url').toString('latin1').slice(1),
      'latin1',
    ).toString('base64url');

    expect(() => box.open(parts.join(':'), 'cred-1')).toThrow(SecretBoxError);
    expect(() => box.open(sealed, 'cred-2')).toThrow(SecretBoxError);
    expect(() => createSecretBox(generateKey()).open(sealed, 'cred-1')).toThrow(/sealed with key/);
  });

  it('opens values sealed with a key being rotated in', () => {
    const oldKey = generateKey();
    const newKey = generateKey();
    const sealedWithNew = createSecretBox(newKey).seal('v', 'id');

    expect(createSecretBox(oldKey, [newKey]).open(sealedWithNew, 'id')).toBe('v');
  });

  it('reads keys as base64 or hex and explains a bad one', () => {
    const key = generateKey();

    expect(parseKey(key.toString('base64'), 'K')).toEqual(key);
    expect(parseKey(key.toString('hex'), 'K')).toEqual(key);
    expect(() => parseKey('too-short', 'KEEL_ENCRYPTION_KEY')).toThrow(KeyError);
    expect(() => parseKey('too-short', 'KEEL_ENCRYPTION_KEY')).toThrow(
      /KEEL_ENCRYPTION_KEY must be 32 bytes/,
    );
  });

  it('generates the key file once, readable by its owner only', () => {
    const dir = mkdtempSync(path.join(os.tmpdir(), 'keel-key-'));

    const first = loadOrCreateKey({ envKey: undefined, dataDir: dir });
    const second = loadOrCreateKey({ envKey: undefined, dataDir: dir });

    expect(first.source).toBe('generated');
    expect(second.source).toBe('file');
    expect(second.key).toEqual(first.key);
    expect(statSync(path.join(dir, 'keel.key')).mode & 0o777).toBe(0o600);
    expect(readFileSync(path.join(dir, 'keel.key'), 'utf8').trim()).toBe(
      first.key.toString('base64'),
    );
  });
});
