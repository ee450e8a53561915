/**
 * @module Finding fingerprints: a hash of the check, the path and what identifies the finding
 * within the file (a function name, a normalised line), never line numbers or commit ids, so a
 * fingerprint survives unrelated edits above it and history rewrites.
 */
import { createHash } from 'node:crypto';

export function fingerprintOf(checkId: string, path: string | undefined, key: string): string {
  const normalised = key.replace(/\s+/g, ' ').trim();
  return createHash('sha256')
    .update(`${checkId}\0${path ?? ''}\0${normalised}`)
    .digest('hex')
    .slice(0, 32);
}

/** Adds `#2`, `#3`… to repeated fingerprints so identical findings in one file stay distinct. */
export function disambiguate<T extends { fingerprint: string }>(findings: T[]): T[] {
  const seen = new Map<string, number>();
  for (const finding of findings) {
    const count = (seen.get(finding.fingerprint) ?? 0) + 1;
    seen.set(finding.fingerprint, count);
    if (count > 1) finding.fingerprint = `${finding.fingerprint}#${count}`;
  }
  return findings;
}
