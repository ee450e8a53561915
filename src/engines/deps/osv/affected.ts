/**
 * @module Does an OSV record affect one installed version? Evaluates `versions` lists and
 * SEMVER / ECOSYSTEM ranges with the ecosystem's own comparator, following the OSV spec's
 * algorithm (sort events; the last event at or below the version decides). GIT ranges name
 * commits, which lockfiles do not record, so they are ignored.
 */
import type { Ecosystem } from '../types.ts';
import { comparators, normalizeName, type Comparator } from '../versions/compare.ts';
import type { OsvEvent, OsvRecord } from './osv-types.ts';

export interface AffectedMatch {
  /** Fixed versions named by the ranges that matched, in the order OSV gives them. */
  fixed: string[];
}

type Kind = 'introduced' | 'fixed' | 'last_affected';
interface FlatEvent {
  kind: Kind;
  version: string;
}

function flatten(events: OsvEvent[]): FlatEvent[] {
  const out: FlatEvent[] = [];
  for (const event of events) {
    if (typeof event.introduced === 'string') out.push({ kind: 'introduced', version: event.introduced });
    else if (typeof event.fixed === 'string') out.push({ kind: 'fixed', version: event.fixed });
    else if (typeof event.last_affected === 'string') out.push({ kind: 'last_affected', version: event.last_affected });
  }
  return out;
}

function sortEvents(events: FlatEvent[], compare: Comparator): FlatEvent[] {
  let isComparable = true;
  const sorted = [...events].sort((a, b) => {
    if (a.version === '0') return b.version === '0' ? 0 : -1;
    if (b.version === '0') return 1;
    const c = compare(a.version, b.version);
    if (c === null) isComparable = false;
    return c ?? 0;
  });
  // OSV writers emit events in order; when a version will not parse, trust that order.
  return isComparable ? sorted : events;
}

/** True when `version` falls inside the range, false when not, null when it cannot be told. */
export function isInRange(events: OsvEvent[], version: string, compare: Comparator): boolean | null {
  let isAffected = false;
  for (const event of sortEvents(flatten(events), compare)) {
    if (event.kind === 'introduced') {
      const c = event.version === '0' ? 1 : compare(version, event.version);
      if (c === null) return null;
      if (c >= 0) isAffected = true;
    } else {
      const c = compare(version, event.version);
      if (c === null) return null;
      if (event.kind === 'fixed' ? c >= 0 : c > 0) isAffected = false;
    }
  }
  return isAffected;
}

/** Whether `record` affects `name@version` in `ecosystem`, and the fixes its matching ranges name. */
export function matchRecord(record: OsvRecord, ecosystem: Ecosystem, name: string, version: string): AffectedMatch | null {
  const compare = comparators[ecosystem];
  const wanted = normalizeName(ecosystem, name);
  let match: AffectedMatch | null = null;
  for (const affected of record.affected ?? []) {
    const pkg = affected.package;
    if (!pkg || pkg.ecosystem !== ecosystem || normalizeName(ecosystem, pkg.name) !== wanted) continue;
    let isHit = (affected.versions ?? []).some((v) => v === version || compare(v, version) === 0);
    const fixed: string[] = [];
    for (const range of affected.ranges ?? []) {
      if (range.type === 'GIT') continue;
      const inRange = isInRange(range.events, version, compare);
      if (inRange) {
        isHit = true;
        for (const event of range.events) if (typeof event.fixed === 'string') fixed.push(event.fixed);
      }
    }
    if (isHit) {
      match ??= { fixed: [] };
      match.fixed.push(...fixed);
    }
  }
  return match;
}

/** Withdrawn advisories are kept in the store (so a re-import stays idempotent) but never match. */
export const isWithdrawn = (record: OsvRecord): boolean => typeof record.withdrawn === 'string' && record.withdrawn !== '';
