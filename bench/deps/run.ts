/**
 * @module Dependency-matching benchmark: a generated 5,000-package lockfile against 50,000 OSV
 * advisories. Times the import (from an all.zip), the indexed scan (inventory + match) and the
 * naive baseline that checks every advisory for every package, and reports peak memory.
 * Run: `node --import tsx bench/deps/run.ts [packages] [advisories] [keep-dir]`.
 */
import { mkdir, mkdtemp, rm, writeFile } from 'node:fs/promises';
import { cpus, loadavg, tmpdir } from 'node:os';
import { join } from 'node:path';
import { performance } from 'node:perf_hooks';
import {
  buildInventory,
  importIntoStore,
  matchInventory,
  MemoryAdvisoryStore,
  scanFolder,
} from '../../src/engines/deps/index.ts';
import { isWithdrawn, matchRecord } from '../../src/engines/deps/osv/affected.ts';
import { buildZip } from '../../src/engines/deps/test/zip.ts';
import { generate } from './generate.ts';

const packages = Number(process.argv[2] ?? 5_000);
const advisories = Number(process.argv[3] ?? 50_000);
const mib = (bytes: number): string => `${(bytes / 1024 / 1024).toFixed(0)} MiB`;

/** Wall time and CPU time (user + system) of one stage: on a shared machine CPU time is the steadier. */
const cpuTimes = new Map<number, number>();
async function timed<T>(run: () => Promise<T>): Promise<[T, number]> {
  const start = performance.now();
  const cpuStart = process.cpuUsage();
  const value = await run();
  const wall = performance.now() - start;
  const cpu = process.cpuUsage(cpuStart);
  cpuTimes.set(wall, (cpu.user + cpu.system) / 1000);
  return [value, wall];
}
const ms = (wall: number): string =>
  `${wall.toFixed(0)} ms (cpu ${(cpuTimes.get(wall) ?? 0).toFixed(0)} ms)`;

// With a third argument the generated lockfile and all.zip are kept there, to time the CLI.
const keep = process.argv[4];
const dir = keep ?? (await mkdtemp(join(tmpdir(), 'keel-bench-deps-')));
try {
  await mkdir(dir, { recursive: true });
  const data = generate({ packages, advisories });
  await writeFile(join(dir, 'package-lock.json'), data.lockfile);
  const zip = join(dir, 'all.zip');
  await writeFile(
    zip,
    buildZip(data.advisories.map((r) => ({ name: `${r.id}.json`, data: JSON.stringify(r) }))),
  );

  const store = new MemoryAdvisoryStore();
  const [imported, importMs] = await timed(() => importIntoStore(zip, store));
  if (!imported.ok) throw new Error(imported.error);

  const [scanned, scanMs] = await timed(() => scanFolder({ root: dir, store }));
  if (!scanned.ok) throw new Error(scanned.error);
  // The same scan in its two stages, the match on a fresh store (records prepared at import).
  const [inventory, inventoryMs] = await timed(() => buildInventory(dir));
  const coldStore = new MemoryAdvisoryStore();
  for (const record of structuredClone(data.advisories)) coldStore.upsert(record);
  const [, coldMatchMs] = await timed(() => matchInventory(inventory.packages, coldStore));
  const matchRuns: number[] = [];
  for (let i = 0; i < 5; i++)
    matchRuns.push((await timed(() => matchInventory(inventory.packages, store)))[1]);
  matchRuns.sort((a, b) => a - b);
  const peakAfterIndexed = process.resourceUsage().maxRSS * 1024;
  const heapAfterIndexed = process.memoryUsage().heapUsed;

  // Naive baseline: every advisory's package name checked for every package (no index), the
  // range check only on a name match, as a straightforward implementation would do.
  const all = data.advisories.filter((r) => !isWithdrawn(r));
  const [naiveHits, naiveMs] = await timed(async () => {
    let hits = 0;
    for (const pkg of inventory.packages) {
      for (const record of all) {
        const isNamed = record.affected?.some(
          (a) => a.package?.ecosystem === pkg.ecosystem && a.package.name === pkg.name,
        );
        if (isNamed && matchRecord(record, pkg.ecosystem, pkg.name, pkg.version)) hits++;
      }
    }
    return hits;
  });
  const median = matchRuns[2]!;
  const vulnerable = new Set(
    scanned.value.findings.map((f) => `${f.package}@${f.installedVersion}`),
  ).size;
  const rows: Array<[string, string]> = [
    [
      'machine',
      `${cpus().length} × ${cpus()[0]?.model ?? 'cpu'}, Node ${process.version}, load average ${loadavg()[0]!.toFixed(1)}`,
    ],
    ['lockfile', `${inventory.packages.length} packages, ${mib(data.lockfile.length)}`],
    [
      'advisories',
      `${imported.value.inserted} imported from a ${mib(Buffer.byteLength(JSON.stringify(data.advisories)))} all.zip`,
    ],
    ['import (zip → memory store)', ms(importMs)],
    ['scan: inventory + match (first run)', ms(scanMs)],
    ['  of which inventory (parse lockfile + paths)', ms(inventoryMs)],
    ['  of which match, first run on a fresh store', ms(coldMatchMs)],
    ['match only, warm (median of 5)', ms(median)],
    [
      'naive match (every advisory × every package)',
      `${ms(naiveMs)}, ${(naiveMs / median).toFixed(0)}× the warm indexed match`,
    ],
    [
      'findings',
      `${scanned.value.findings.length} on ${vulnerable} packages (naive raw hits: ${naiveHits})`,
    ],
    ['peak RSS after import + scan', mib(peakAfterIndexed)],
    ['heap used after import + scan', mib(heapAfterIndexed)],
  ];
  for (const [label, value] of rows) process.stdout.write(`${label.padEnd(46)} ${value}\n`);
} finally {
  if (!keep) await rm(dir, { recursive: true, force: true });
}
