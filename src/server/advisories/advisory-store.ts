/**
 * @module The deps engine's `AdvisoryStore` and `AdvisoryWriter` on Keel's database. Records are
 * kept whole (jsonb) with one index row per (ecosystem, normalised name) they list; `upsert`
 * keeps a record unless the stored one has the same or a later `modified`, which makes imports
 * incremental and idempotent. Scans load all their packages with a few set-based queries
 * (`prefetch`: one per ecosystem and chunk of names), or look up a package on its own, and cache
 * the records for the store's lifetime (one scan).
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

/** Names per prefetch query: one JSON parameter, so the size only bounds the statement's work. */
const PREFETCH_CHUNK = 2000;

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
      .where(and(eq(advisoryPackages.ecosystem, ecosystem), eq(advisoryPackages.name, normalized)))
      .orderBy(advisoryPackages.advisoryId);
    const records = rows.map((r) => r.record as unknown as OsvRecord);
    this.cache.set(key, records);
    return records;
  }

  /**
   * Loads every listed package not cached yet with one query per ecosystem and chunk of
   * PREFETCH_CHUNK names (5,000 packages: a handful of queries, not 5,000), in the order
   * `advisoriesFor` uses (advisory id), so both paths give the same records in the same order.
   * Packages without advisories are cached as empty.
   */
  async prefetch(packages: readonly { ecosystem: Ecosystem; name: string }[]): Promise<void> {
    const wanted = new Map<Ecosystem, Set<string>>();
    for (const pkg of packages) {
      const name = normalizeName(pkg.ecosystem, pkg.name);
      if (this.cache.has(`${pkg.ecosystem}\u0000${name}`)) continue;
      let names = wanted.get(pkg.ecosystem);
      if (!names) wanted.set(pkg.ecosystem, (names = new Set()));
      names.add(name);
    }
    for (const [ecosystem, names] of wanted) {
      const all = [...names];
      for (let i = 0; i < all.length; i += PREFETCH_CHUNK) {
        const chunk = all.slice(i, i + PREFETCH_CHUNK);
        const found = new Map<string, OsvRecord[]>(chunk.map((n) => [n, []]));
        const rows = await this.db
          .select({ name: advisoryPackages.name, record: advisories.record })
          .from(advisoryPackages)
          .innerJoin(advisories, eq(advisories.id, advisoryPackages.advisoryId))
          .where(
            and(
              eq(advisoryPackages.ecosystem, ecosystem),
              sql`${advisoryPackages.name} in (select jsonb_array_elements_text(${JSON.stringify(chunk)}::jsonb))`,
            ),
          )
          .orderBy(advisoryPackages.name, advisoryPackages.advisoryId);
        for (const row of rows) found.get(row.name)?.push(row.record as unknown as OsvRecord);
        for (const [name, records] of found) this.cache.set(`${ecosystem}\u0000${name}`, records);
      }
    }
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

  /**
   * Upserts many records in one transaction with set-based statements (one JSON parameter per
   * statement, so the parameter count does not grow with the batch): the stored `modified` of
   * the whole batch is read once, only new or newer records are written, and their package
   * index rows are replaced. The `where` on the conflict clause keeps a concurrent import from
   * overwriting a newer record. Returns one outcome per record, in order.
   */
  async upsertBatch(records: readonly OsvRecord[]): Promise<UpsertOutcome[]> {
    if (records.length === 0) return [];
    // A batch may hold one id twice (a folder with copies): the later modified wins.
    const latest = new Map<string, { record: OsvRecord; modified: number }>();
    for (const record of records) {
      const modified = new Date(record.modified).getTime();
      const seen = latest.get(record.id);
      if (!seen || modified > seen.modified) latest.set(record.id, { record, modified });
    }
    return this.db.transaction(async (tx) => {
      const ids = JSON.stringify([...latest.keys()]);
      const stored = await (tx.execute(
        sql`select id, modified from advisories
            where id in (select jsonb_array_elements_text(${ids}::jsonb)) for update`,
      ) as unknown as Promise<{ rows: { id: string; modified: string | Date }[] }>);
      const storedModified = new Map(
        stored.rows.map((r) => [r.id, new Date(r.modified).getTime()]),
      );
      const outcomeById = new Map<string, UpsertOutcome>();
      const rows: { id: string; modified: string; withdrawn: boolean; record: OsvRecord }[] = [];
      const keys: { a: string; e: string; n: string }[] = [];
      const replaced: string[] = [];
      for (const [id, { record, modified }] of latest) {
        const before = storedModified.get(id);
        if (before !== undefined && before >= modified) {
          outcomeById.set(id, 'unchanged');
          continue;
        }
        outcomeById.set(id, before === undefined ? 'inserted' : 'updated');
        if (before !== undefined) replaced.push(id);
        rows.push({
          id,
          modified: new Date(modified).toISOString(),
          withdrawn: typeof record.withdrawn === 'string' && record.withdrawn !== '',
          record,
        });
        for (const k of packageKeys(record)) keys.push({ a: id, e: k.ecosystem, n: k.name });
      }
      if (rows.length > 0) {
        await tx.execute(
          sql`insert into advisories (id, modified, is_withdrawn, record, source, imported_at)
              select x.id, x.modified, x.withdrawn, x.record, ${this.source}, now()
              from jsonb_to_recordset(${JSON.stringify(rows)}::jsonb)
                as x(id text, modified timestamptz, withdrawn boolean, record jsonb)
              on conflict (id) do update set
                modified = excluded.modified, is_withdrawn = excluded.is_withdrawn,
                record = excluded.record, source = excluded.source,
                imported_at = excluded.imported_at
              where advisories.modified < excluded.modified`,
        );
      }
      if (replaced.length > 0)
        await tx.execute(
          sql`delete from advisory_packages
              where advisory_id in (select jsonb_array_elements_text(${JSON.stringify(replaced)}::jsonb))`,
        );
      if (keys.length > 0)
        await tx.execute(
          sql`insert into advisory_packages (advisory_id, ecosystem, name)
              select x.a, x.e, x.n from jsonb_to_recordset(${JSON.stringify(keys)}::jsonb)
                as x(a text, e text, n text)
              on conflict do nothing`,
        );
      // Duplicates inside the batch count as unchanged after the first.
      const counted = new Set<string>();
      return records.map((record) => {
        const winner = latest.get(record.id)!.record;
        if (winner !== record || counted.has(record.id)) return 'unchanged';
        counted.add(record.id);
        return outcomeById.get(record.id)!;
      });
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
