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
    if (typeof event.introduced === 'string')
      out.push({ kind: 'introduced', version: event.introduced });
    else if (typeof event.fixed === 'string') out.push({ kind: 'fixed', version: event.fixed });
    else if (typeof event.last_affected === 'string')
      out.push({ kind: 'last_affected', version: event.last_affected });
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

function evaluate(sorted: FlatEvent[], version: string, compare: Comparator): boolean | null {
  let isAffected = false;
  for (const event of sorted) {
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

/** True when `version` falls inside the range, false when not, null when it cannot be told. */
export function isInRange(
  events: OsvEvent[],
  version: string,
  compare: Comparator,
): boolean | null {
  return evaluate(sortEvents(flatten(events), compare), version, compare);
}

/** One `affected` entry prepared once per record: events flattened and sorted, versions in a set. */
interface Compiled {
  ecosystem: string;
  name: string;
  versions: Set<string>;
  ranges: Array<{ sorted: FlatEvent[]; fixed: string[] }>;
}

// Records are immutable once stored, so their prepared form can hang off the object itself.
const compiledRecords = new WeakMap<OsvRecord, Compiled[]>();

/**
 * Prepares a record for matching (flattened, sorted events; version sets). Stores call it when a
 * record comes in, so a scan pays only for the comparisons; matching prepares lazily otherwise.
 */
export function prepareRecord(record: OsvRecord): void {
  compile(record);
}

function compile(record: OsvRecord): Compiled[] {
  let compiled = compiledRecords.get(record);
  if (compiled) return compiled;
  compiled = [];
  for (const affected of record.affected ?? []) {
    const pkg = affected.package;
    if (!pkg || !(pkg.ecosystem in comparators)) continue;
    const ecosystem = pkg.ecosystem as Ecosystem;
    const compare = comparators[ecosystem];
    compiled.push({
      ecosystem,
      name: normalizeName(ecosystem, pkg.name),
      versions: new Set(affected.versions ?? []),
      ranges: (affected.ranges ?? [])
        .filter((range) => range.type !== 'GIT' && Array.isArray(range.events))
        .map((range) => ({
          sorted: sortEvents(flatten(range.events), compare),
          fixed: range.events.flatMap((e) => (typeof e.fixed === 'string' ? [e.fixed] : [])),
        })),
    });
  }
  compiledRecords.set(record, compiled);
  return compiled;
}

/** Ecosystems where two spellings can name one version (PEP 440 `1.0` = `1.0.0`, …). */
const isLooseEquality = (ecosystem: Ecosystem): boolean =>
  ecosystem === 'PyPI' || ecosystem === 'RubyGems' || ecosystem === 'Packagist';

function isListed(versions: Set<string>, ecosystem: Ecosystem, version: string): boolean {
  if (versions.size === 0) return false;
  if (versions.has(version) || versions.has(version.replace(/^v/, ''))) return true;
  if (!isLooseEquality(ecosystem)) return false;
  const compare = comparators[ecosystem];
  for (const listed of versions) if (compare(listed, version) === 0) return true;
  return false;
}

/** Whether `record` affects `name@version` in `ecosystem`, and the fixes its matching ranges name. */
export function matchRecord(
  record: OsvRecord,
  ecosystem: Ecosystem,
  name: string,
  version: string,
): AffectedMatch | null {
  const compare = comparators[ecosystem];
  const wanted = normalizeName(ecosystem, name);
  let match: AffectedMatch | null = null;
  for (const affected of compile(record)) {
    if (affected.ecosystem !== ecosystem || affected.name !== wanted) continue;
    let isHit = isListed(affected.versions, ecosystem, version);
    const fixed: string[] = [];
    for (const range of affected.ranges) {
      if (evaluate(range.sorted, version, compare)) {
        isHit = true;
        fixed.push(...range.fixed);
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
export const isWithdrawn = (record: OsvRecord): boolean =>
  typeof record.withdrawn === 'string' && record.withdrawn !== '';
