/**
 * @module Bench: `keel deps` matching against advisories held in Keel's database (PGlite data
 * directory), the generated 5,000-package lockfile against 50,000 advisories: the store's
 * batched load (`prefetch`, one query per ecosystem and chunk of names) against one query per
 * distinct package (the previous behaviour), in the same run, with the findings compared.
 * Usage: node --import tsx bench/deps/db-scan.ts [packages=5000] [advisories=50000]
 */
import { mkdtemp, rm, writeFile } from 'node:fs/promises';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import {
  buildInventory,
  matchInventory,
  type AdvisoryStore,
} from '../../src/engines/deps/index.ts';
import { buildZip } from '../../src/engines/deps/test/zip.ts';
import { importAdvisories } from '../../src/server/advisories/advisories.service.ts';
import { DbAdvisoryStore } from '../../src/server/advisories/advisory-store.ts';
import { openDatabase } from '../../src/server/db/database.ts';
import { migrateDatabase } from '../../src/server/db/migrate.ts';
import { generate } from './generate.ts';

const packages = Number(process.argv[2] ?? 5000);
const advisories = Number(process.argv[3] ?? 50000);
const dir = await mkdtemp(join(tmpdir(), 'keel-bench-depsdb-'));
const database = await openDatabase({ kind: 'pglite', dataDir: join(dir, 'pgdata') });
try {
  await migrateDatabase(database);
  const data = generate({ packages, advisories });
  await writeFile(join(dir, 'package-lock.json'), data.lockfile);
  const zip = join(dir, 'all.zip');
  await writeFile(
    zip,
    buildZip(data.advisories.map((r) => ({ name: `${r.id}.json`, data: JSON.stringify(r) }))),
  );
  const imported = await importAdvisories({ db: database.db, path: zip });
  if (!imported.ok) throw new Error(imported.error);
  const inventory = await buildInventory(dir);

  const time = async (store: AdvisoryStore) => {
    const started = performance.now();
    const findings = await matchInventory(inventory.packages, store);
    return { findings, ms: Math.round(performance.now() - started) };
  };
  const results: Record<string, number | boolean | string>[] = [];
  let same = true;
  for (let run = 0; run < 3; run++) {
    const batched = await time(new DbAdvisoryStore(database.db));
    const single = new DbAdvisoryStore(database.db);
    const perPackage = await time({
      advisoriesFor: (ecosystem, name) => single.advisoriesFor(ecosystem, name),
      sources: () => single.sources(),
    });
    same &&= JSON.stringify(batched.findings) === JSON.stringify(perPackage.findings);
    results.push({
      run,
      batchedMs: batched.ms,
      perPackageMs: perPackage.ms,
      findings: batched.findings.length,
    });
  }
  const distinct = new Set(inventory.packages.map((p) => `${p.ecosystem}\u0000${p.name}`)).size;
  console.log(
    JSON.stringify({
      packages: inventory.packages.length,
      distinct,
      advisories,
      runs: results,
      sameFindings: same,
    }),
  );
} finally {
  await database.close();
  await rm(dir, { recursive: true, force: true });
}
