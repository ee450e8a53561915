/**
 * @module Where advisories live. `AdvisoryStore` is what the scanner reads and `AdvisoryWriter`
 * what the importer writes; the in-memory store implements both and the PostgreSQL store
 * can implement the same two interfaces.
 */
import { ecosystems, type Ecosystem } from '../types.ts';
import { normalizeName } from '../versions/compare.ts';
import { prepareRecord } from './affected.ts';
import type { OsvRecord } from './osv-types.ts';

/** Where and when a batch of advisories came from. */
export interface AdvisorySource {
  source: string;
  importedAt: string;
  records: number;
}

export type UpsertOutcome = 'inserted' | 'updated' | 'unchanged';

export interface AdvisoryStore {
  /** Every stored record that lists `name` under `ecosystem`, withdrawn ones included. */
  advisoriesFor(ecosystem: Ecosystem, name: string): Promise<readonly OsvRecord[]>;
  /**
   * Optional: loads the records of many packages at once (a database store answers them in a
   * few set-based queries instead of one query per package); `advisoriesFor` then answers
   * from what was loaded, with the same records in the same order.
   */
  prefetch?(packages: readonly { ecosystem: Ecosystem; name: string }[]): Promise<void>;
  sources(): Promise<readonly AdvisorySource[]>;
}

export interface AdvisoryWriter {
  /** Keeps the record unless a stored one with the same id has the same or a later `modified`. */
  upsert(record: OsvRecord): UpsertOutcome | Promise<UpsertOutcome>;
  recordSource(source: AdvisorySource): void | Promise<void>;
}

const isKnownEcosystem = (value: string): value is Ecosystem =>
  (ecosystems as readonly string[]).includes(value);

function indexKeys(record: OsvRecord): Set<string> {
  const keys = new Set<string>();
  for (const affected of record.affected ?? []) {
    const pkg = affected.package;
    if (pkg && isKnownEcosystem(pkg.ecosystem))
      keys.add(`${pkg.ecosystem}\u0000${normalizeName(pkg.ecosystem, pkg.name)}`);
  }
  return keys;
}

export class MemoryAdvisoryStore implements AdvisoryStore, AdvisoryWriter {
  private readonly byId = new Map<string, OsvRecord>();
  private readonly byPackage = new Map<string, Map<string, OsvRecord>>();
  private readonly sourceLog: AdvisorySource[] = [];

  get size(): number {
    return this.byId.size;
  }

  upsert(record: OsvRecord): UpsertOutcome {
    const previous = this.byId.get(record.id);
    if (previous && Date.parse(previous.modified) >= Date.parse(record.modified))
      return 'unchanged';
    if (previous)
      for (const key of indexKeys(previous)) this.byPackage.get(key)?.delete(previous.id);
    this.byId.set(record.id, record);
    prepareRecord(record);
    for (const key of indexKeys(record)) {
      let bucket = this.byPackage.get(key);
      if (!bucket) this.byPackage.set(key, (bucket = new Map<string, OsvRecord>()));
      bucket.set(record.id, record);
    }
    return previous ? 'updated' : 'inserted';
  }

  recordSource(source: AdvisorySource): void {
    this.sourceLog.push(source);
  }

  async advisoriesFor(ecosystem: Ecosystem, name: string): Promise<readonly OsvRecord[]> {
    return this.advisoriesForSync(ecosystem, name);
  }

  /** The same lookup without a promise, for callers that hold the store in memory (the bench). */
  advisoriesForSync(ecosystem: Ecosystem, name: string): readonly OsvRecord[] {
    const bucket = this.byPackage.get(`${ecosystem}\u0000${normalizeName(ecosystem, name)}`);
    return bucket ? [...bucket.values()] : [];
  }

  async sources(): Promise<readonly AdvisorySource[]> {
    return [...this.sourceLog];
  }
}
