/**
 * @module Encryption of the credentials Keel holds for clients (repository tokens, SMTP
 * passwords, webhook secrets): AES-256-GCM with a random 96-bit nonce per value. The stored
 * form names the key it was sealed with, so a rotation can find what is left to re-encrypt.
 */
import { createCipheriv, createDecipheriv, createHash, randomBytes } from 'node:crypto';

const VERSION = 'k1';

export interface SecretBox {
  /** Short public id of the key (not secret): first 8 hex digits of its SHA-256. */
  keyId: string;
  seal(plaintext: string, associatedData?: string): string;
  open(sealed: string, associatedData?: string): string;
}

export class SecretBoxError extends Error {
  constructor(message: string) {
    super(message);
    this.name = 'SecretBoxError';
  }
}

export function keyIdOf(key: Buffer): string {
  return createHash('sha256').update(key).digest('hex').slice(0, 8);
}

/** Seals with `key`; opens values sealed with `key` or any of `alsoOpens` (keys being rotated). */
export function createSecretBox(key: Buffer, alsoOpens: Buffer[] = []): SecretBox {
  if (key.length !== 32) throw new SecretBoxError('the encryption key must be 32 bytes');
  const keyId = keyIdOf(key);
  const keys = new Map([key, ...alsoOpens].map((k) => [keyIdOf(k), k]));
  return {
    keyId,
    seal(plaintext, associatedData = '') {
      const nonce = randomBytes(12);
      const cipher = createCipheriv('aes-256-gcm', key, nonce);
      cipher.setAAD(Buffer.from(associatedData));
      const body = Buffer.concat([cipher.update(plaintext, 'utf8'), cipher.final()]);
      const tag = cipher.getAuthTag();
      return [
        VERSION,
        keyId,
        nonce.toString('base64url'),
        tag.toString('base64url'),
        body.toString('base64url'),
      ].join(':');
    },
    open(sealed, associatedData = '') {
      const [version, sealedKeyId, nonce, tag, body] = sealed.split(':');
      if (version !== VERSION || !nonce || !tag || body === undefined) {
        throw new SecretBoxError('not a sealed value');
      }
      const openingKey = sealedKeyId ? keys.get(sealedKeyId) : undefined;
      if (!openingKey) {
        throw new SecretBoxError(`sealed with key ${sealedKeyId}, but the current key is ${keyId}`);
      }
      try {
        const decipher = createDecipheriv(
          'aes-256-gcm',
          openingKey,
          Buffer.from(nonce, 'base64url'),
        );
        decipher.setAAD(Buffer.from(associatedData));
        decipher.setAuthTag(Buffer.from(tag, 'base64url'));
        return Buffer.concat([
          decipher.update(Buffer.from(body, 'base64url')),
          decipher.final(),
        ]).toString('utf8');
      } catch {
        throw new SecretBoxError('the sealed value is corrupt or was sealed with another key');
      }
    },
  };
}

/** The key id a sealed value names, without opening it. */
export function sealedKeyId(sealed: string): string | undefined {
  return sealed.split(':')[1];
}
