/** @module Which ADR a reference points at: `[3. Use X](0003-use-x.md)`, `ADR-0003`, `0003-use-x.md`, `#3`. */
import { numberFromPath } from './parse.ts';

export function referenceNumber(reference: string): number | null {
  const link = /\]\(([^)\s]+)\)/.exec(reference)?.[1];
  if (link) {
    const fromLink = numberFromPath(link.split('#')[0] ?? '');
    if (fromLink !== null) return fromLink;
  }
  const label = /^\[?\s*(?:adr[-\s#]?|#)?(\d{1,6})\b/i.exec(reference.trim());
  if (label) return Number(label[1]);
  return numberFromPath(reference.trim());
}
