/**
 * @module Masking and fingerprints. The only place a raw secret is turned into something
 * that may leave the detector: a short prefix, a length, and a one-way hash.
 */
import { createHash } from 'node:crypto';

const sha256 = (text: string): string => createHash('sha256').update(text).digest('hex');

/** A few leading characters (fewer for short secrets) and an ellipsis. */
export function maskSecret(secret: string): string {
  const shown = Math.min(4, Math.floor(secret.length / 5));
  return `${secret.slice(0, shown)}…`;
}

/**
 * Rule + path + hash of the secret, never the commit, so the fingerprint survives rebase,
 * squash and re-scans in other modes.
 */
export function fingerprintOf(ruleId: string, path: string, secret: string): string {
  return sha256(`${ruleId}\u0000${path}\u0000${sha256(secret)}`).slice(0, 32);
}
