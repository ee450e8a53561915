/**
 * The batched advisory import on a real database: several records per transaction, the same
 * outcomes as one record at a time, package index rows replaced when a record changes, an id
 * repeated inside one batch, and the store's lookups afterwards: a scan's packages loaded in a
 * few set-based queries give the same findings as one lookup per package.
 */
import { mkdtempSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import type { AdvisoryStore, OsvRecord } from '../../src/engines/deps/index.ts';
import { matchInventory } from '../../src/engines/deps/index.ts';
import type { InventoryPackage } from '../../src/engines/deps/types.ts';
import {
  lodashCommandInjection,
  lodashPrototypePollution,
  pyyamlPysec,
} from '../../src/engines/deps/test/osv-fixtures.ts';
import { buildZip } from '../../src/engines/deps/test/zip.ts';
import { importAdvisories } from '../../src/server/advisories/advisories.service.ts';
import { DbAdvisoryStore } from '../../src/server/advisories/advisory-store.ts';
import type { Database } from '../../src/server/db/database.ts';
import { openTestDatabase } from './harness.ts';

let database: Database;

beforeAll(async () => {
  database = (await openTestDatabase()).database;
});
afterAll(async () => {
  await database.close();
});

const zipOf = (records: OsvRecord[], extra: { name: string; data: string }[] = []): string => {
  const path = join(mkdtempSync(join(tmpdir(), 'keel-adv-batch-')), 'all.zip');
  writeFileSync(
    path,
    buildZip([
      ...records.map((r, i) => ({ name: `${r.id}-${i}.json`, data: JSON.stringify(r) })),
      ...extra,
    ]),
  );
  return path;
};

describe('batched advisory import', () => {
  it('imports across several batches, is idempotent, updates newer records and re-indexes their packages', async () => {
    const moved: OsvRecord = {
      ...pyyamlPysec,
      modified: '2030-01-01T00:00:00Z',
      affected: [{ package: { ecosystem: 'PyPI', name: 'Renamed_Pkg' }, versions: ['1.0'] }],
    };
    const first = zipOf(
      [lodashPrototypePollution, lodashCommandInjection, pyyamlPysec],
      [{ name: 'broken.json', data: '{"id": 1' }],
    );
    const second = zipOf([lodashPrototypePollution, moved, lodashCommandInjection, moved]);

    const one = await importAdvisories({ db: database.db, path: first, batchSize: 2 });
    const again = await importAdvisories({ db: database.db, path: first, batchSize: 2 });
    const changed = await importAdvisories({ db: database.db, path: second, batchSize: 2 });
    const store = new DbAdvisoryStore(database.db);

    expect(one.ok && one.value).toMatchObject({ inserted: 3, updated: 0, skippedMalformed: 1 });
    expect(again.ok && again.value).toMatchObject({ inserted: 0, updated: 0, unchanged: 3 });
    expect(changed.ok && changed.value).toMatchObject({ inserted: 0, updated: 1, unchanged: 3 });
    expect((await store.advisoriesFor('npm', 'lodash')).map((r) => r.id).sort()).toEqual([
      lodashCommandInjection.id,
      lodashPrototypePollution.id,
    ]);
    expect(await store.advisoriesFor('PyPI', 'pyyaml')).toEqual([]);
    expect((await store.advisoriesFor('PyPI', 'renamed-pkg')).map((r) => r.id)).toEqual([
      pyyamlPysec.id,
    ]);
    const sources = await store.sources();
    expect(sources[0]).toMatchObject({ source: second, records: 1 });
  });

  it('gives the same counts in one batch as one record at a time', async () => {
    const records = Array.from({ length: 7 }, (_, i) => ({
      ...lodashPrototypePollution,
      id: `GHSA-test-0000-000${i}`,
      aliases: [`CVE-2099-000${i}`],
    }));
    const path = zipOf(records);
    const perRecord = new DbAdvisoryStore(database.db, 'per-record');

    const batched = await importAdvisories({ db: database.db, path, batchSize: 1000 });
    const outcomes: string[] = [];
    for (const record of records) outcomes.push(await perRecord.upsert(record));

    expect(batched.ok && batched.value).toMatchObject({ inserted: 7, unchanged: 0 });
    expect(outcomes).toEqual(Array(7).fill('unchanged'));
  });

  it("loads a scan's packages with one query per ecosystem, with the same findings as one lookup per package", async () => {
    // 120 npm packages and 80 PyPI ones, every third with two advisories (aliases in common); PyPI names
    // spelled differently in half the records (PEP 503 normalisation).
    const records: OsvRecord[] = [];
    const packages: InventoryPackage[] = [];
    for (let i = 0; i < 200; i++) {
      const ecosystem = i < 120 ? 'npm' : 'PyPI';
      const name = `prefetch-pkg-${i}`;
      packages.push({
        ecosystem,
        name,
        version: '1.0.0',
        isDirect: i % 2 === 0,
        path: [`${name}@1.0.0`],
        lockfile: 'x.lock',
      });
      if (i % 3 !== 0) continue;
      for (const n of [1, 2])
        records.push({
          id: `GHSA-pf${String(i).padStart(3, '0')}-000${n}`,
          modified: '2026-01-01T00:00:00Z',
          aliases: [`CVE-2098-${String(i).padStart(4, '0')}`],
          summary: `advisory ${n} for ${name}`,
          affected: [
            {
              package: {
                ecosystem,
                name: ecosystem === 'PyPI' && i % 2 ? name.toUpperCase().replace(/-/g, '_') : name,
              },
              ranges: [{ type: 'ECOSYSTEM', events: [{ introduced: '0' }, { fixed: `1.0.${n}` }] }],
            },
          ],
        });
    }
    const imported = await importAdvisories({ db: database.db, path: zipOf(records) });
    expect(imported.ok).toBe(true);

    let selects = 0;
    const counting = new Proxy(database.db, {
      get(target, prop, receiver) {
        if (prop === 'select') selects++;
        return Reflect.get(target, prop, receiver) as unknown;
      },
    });
    const batched = await matchInventory(packages, new DbAdvisoryStore(counting));
    const batchedSelects = selects;
    selects = 0;
    const single = new DbAdvisoryStore(counting);
    const onePerPackage: AdvisoryStore = {
      advisoriesFor: (ecosystem, name) => single.advisoriesFor(ecosystem, name),
      sources: () => single.sources(),
    };
    const looked = await matchInventory(packages, onePerPackage);

    expect(batchedSelects).toBe(2);
    expect(selects).toBe(200);
    expect(batched).toEqual(looked);
    expect(batched).toHaveLength(67);
    expect(batched.every((f) => f.ids.length === 3)).toBe(true);
  });
});
