/**
 * @module The deps engine's `AdvisoryStore` and `AdvisoryWriter` on Keel's database. Records are
 * kept whole (jsonb) with one index row per (ecosystem, normalised name) they list; `upsert`
 * keeps a record unless the stored one has the same or a later `modified`, which makes imports
 * incremental and idempotent. Scans look up each distinct package once and cache the records
 * for the store's lifetime (one scan).
 */
import { and, desc, eq, sql } from 'drizzle-orm';
import type {
  AdvisorySource,
  AdvisoryStore,
  AdvisoryWriter,
  OsvRecord,
  UpsertOutcome,
} from '../../engines/deps/index.ts';
import { ecosystems, type Ecosystem } from '../../engines/deps/types.ts';
import { normalizeName } from '../../engines/deps/versions/compare.ts';
import type { Db } from '../db/database.ts';
import { advisories, advisoryImports, advisoryPackages } from '../db/schema.ts';

const isKnownEcosystem = (value: string): value is Ecosystem =>
  (ecosystems as readonly string[]).includes(value);

function packageKeys(record: OsvRecord): { ecosystem: string; name: string }[] {
  const seen = new Map<string, { ecosystem: string; name: string }>();
  for (const affected of record.affected ?? []) {
    const pkg = affected.package;
    if (!pkg || !isKnownEcosystem(pkg.ecosystem)) continue;
    const name = normalizeName(pkg.ecosystem, pkg.name);
    seen.set(`${pkg.ecosystem}\u0000${name}`, { ecosystem: pkg.ecosystem, name });
  }
  return [...seen.values()];
}

export class DbAdvisoryStore implements AdvisoryStore, AdvisoryWriter {
  private readonly cache = new Map<string, readonly OsvRecord[]>();

  constructor(
    private readonly db: Db,
    /** Written on each record so a reader can tell which import last touched it. */
    private readonly source = 'unknown',
  ) {}

  async advisoriesFor(ecosystem: Ecosystem, name: string): Promise<readonly OsvRecord[]> {
    const normalized = normalizeName(ecosystem, name);
    const key = `${ecosystem}\u0000${normalized}`;
    const cached = this.cache.get(key);
    if (cached) return cached;
    const rows = await this.db
      .select({ record: advisories.record })
      .from(advisoryPackages)
      .innerJoin(advisories, eq(advisories.id, advisoryPackages.advisoryId))
      .where(and(eq(advisoryPackages.ecosystem, ecosystem), eq(advisoryPackages.name, normalized)));
    const records = rows.map((r) => r.record as unknown as OsvRecord);
    this.cache.set(key, records);
    return records;
  }

  async sources(): Promise<readonly AdvisorySource[]> {
    const rows = await this.db
      .select()
      .from(advisoryImports)
      .orderBy(desc(advisoryImports.importedAt))
      .limit(20);
    return rows.map((r) => ({
      source: r.source,
      importedAt: r.importedAt.toISOString(),
      records: r.records,
    }));
  }

  async upsert(record: OsvRecord): Promise<UpsertOutcome> {
    const modified = new Date(record.modified);
    return this.db.transaction(async (tx) => {
      const [stored] = await tx
        .select({ modified: advisories.modified })
        .from(advisories)
        .where(eq(advisories.id, record.id))
        .for('update');
      if (stored && stored.modified.getTime() >= modified.getTime()) return 'unchanged';
      const values = {
        modified,
        isWithdrawn: typeof record.withdrawn === 'string' && record.withdrawn !== '',
        record: record as unknown as Record<string, unknown>,
        source: this.source,
        importedAt: new Date(),
      };
      if (stored) {
        await tx.update(advisories).set(values).where(eq(advisories.id, record.id));
        await tx.delete(advisoryPackages).where(eq(advisoryPackages.advisoryId, record.id));
      } else {
        await tx.insert(advisories).values({ id: record.id, ...values });
      }
      const keys = packageKeys(record);
      if (keys.length > 0)
        await tx
          .insert(advisoryPackages)
          .values(keys.map((k) => ({ advisoryId: record.id, ...k })));
      return stored ? 'updated' : 'inserted';
    });
  }

  async recordSource(source: AdvisorySource): Promise<void> {
    await this.db.insert(advisoryImports).values({
      source: source.source,
      importedAt: new Date(source.importedAt),
      records: source.records,
    });
  }
}

/** How many advisories Keel holds and the latest imports. */
export async function advisoryStatus(db: Db) {
  const [count] = await db.select({ n: sql<number>`count(*)::int` }).from(advisories);
  const store = new DbAdvisoryStore(db);
  return { advisories: count?.n ?? 0, imports: [...(await store.sources())] };
}
