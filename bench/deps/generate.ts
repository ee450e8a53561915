/**
 * @module Deterministic bench data: an npm lockfile (v3) of N packages with a dependency graph,
 * and M OSV advisories over a larger pool of package names, about a quarter of them touching
 * installed packages, with aliases, multi-branch ranges, versions lists, CVSS v3/v4 vectors and
 * withdrawn records in realistic proportions. Same seed, same bytes.
 */
import type { OsvRecord } from '../../src/engines/deps/index.ts';

/** mulberry32: a tiny seeded PRNG, good enough to spread bench data. */
function prng(seed: number): () => number {
  let state = seed >>> 0;
  return () => {
    state = (state + 0x6d2b79f5) >>> 0;
    let t = state;
    t = Math.imul(t ^ (t >>> 15), t | 1);
    t ^= t + Math.imul(t ^ (t >>> 7), t | 61);
    return ((t ^ (t >>> 14)) >>> 0) / 4294967296;
  };
}

export interface BenchData {
  lockfile: string;
  installed: Array<{ name: string; version: string }>;
  advisories: OsvRecord[];
}

const vectors3 = [
  'CVSS:3.1/AV:N/AC:L/PR:N/UI:N/S:U/C:H/I:H/A:H',
  'CVSS:3.1/AV:N/AC:H/PR:N/UI:N/S:U/C:N/I:H/A:H',
  'CVSS:3.1/AV:N/AC:L/PR:N/UI:R/S:C/C:L/I:L/A:N',
  'CVSS:3.1/AV:N/AC:L/PR:N/UI:N/S:U/C:N/I:N/A:H',
  'CVSS:3.1/AV:L/AC:L/PR:L/UI:N/S:U/C:H/I:N/A:N',
];
const vector4 = 'CVSS:4.0/AV:N/AC:L/AT:N/PR:N/UI:N/VC:H/VI:H/VA:H/SC:N/SI:N/SA:N';

export function generate({
  packages = 5_000,
  advisories = 50_000,
  pool = 20_000,
  seed = 42,
} = {}): BenchData {
  const rand = prng(seed);
  const int = (max: number): number => Math.floor(rand() * max);
  const names = Array.from({ length: pool }, (_, i) =>
    i % 10 === 0 ? `@scope-${i % 97}/lib-${i.toString(36)}` : `pkg-${i.toString(36)}`,
  );
  const version = (): string => `${int(8)}.${int(20)}.${int(30)}`;

  const installed = names.slice(0, packages).map((name) => ({ name, version: version() }));
  const deps: string[][] = installed.map(() => []);
  const direct = Math.min(200, packages);
  // Every package past the direct ones hangs under one or more earlier packages: a DAG.
  for (let i = direct; i < packages; i++) {
    deps[int(i)]!.push(installed[i]!.name);
    if (rand() < 0.3) deps[int(i)]!.push(installed[i]!.name);
  }
  const lockPackages: Record<string, unknown> = {
    '': {
      name: 'bench-app',
      version: '1.0.0',
      dependencies: Object.fromEntries(
        installed.slice(0, direct).map((p) => [p.name, `^${p.version}`]),
      ),
    },
  };
  installed.forEach((p, i) => {
    const entry: Record<string, unknown> = {
      version: p.version,
      resolved: `https://example.test/${p.name}/-/${p.version}.tgz`,
      integrity: 'sha512-AAAA',
    };
    if (deps[i]!.length)
      entry.dependencies = Object.fromEntries([...new Set(deps[i])].map((d) => [d, '*']));
    lockPackages[`node_modules/${p.name}`] = entry;
  });
  const lockfile = JSON.stringify(
    {
      name: 'bench-app',
      version: '1.0.0',
      lockfileVersion: 3,
      requires: true,
      packages: lockPackages,
    },
    null,
    2,
  );

  const records: OsvRecord[] = [];
  for (let i = 0; i < advisories; i++) {
    // A quarter of advisories name an installed package, the rest other packages in the pool.
    const name =
      rand() < 0.25 ? installed[int(packages)]!.name : names[packages + int(pool - packages)]!;
    const ranges = [
      {
        type: 'SEMVER' as const,
        events: [
          { introduced: rand() < 0.3 ? '0' : `${int(4)}.0.0` },
          { fixed: `${4 + int(4)}.${int(20)}.${int(30)}` },
        ],
      },
    ];
    if (rand() < 0.2)
      ranges.push({
        type: 'SEMVER',
        events: [{ introduced: '8.0.0' }, { fixed: `8.${1 + int(5)}.0` }],
      });
    const id = `GHSA-bench-${i.toString(36).padStart(4, '0')}-${int(1e6).toString(36)}`;
    const record: OsvRecord = {
      id,
      modified: new Date(Date.UTC(2024, 0, 1) + i * 60_000).toISOString(),
      // Every 20th advisory shares its CVE with the previous one, as GHSA/OSV duplicates do.
      aliases: [`CVE-2024-${i % 20 === 19 ? i - 1 : i}`],
      summary: `Synthetic advisory ${i} for ${name}`,
      severity: [{ type: rand() < 0.1 ? 'CVSS_V4' : 'CVSS_V3', score: '' }],
      affected: [
        {
          package: { ecosystem: 'npm', name },
          ranges,
          ...(rand() < 0.1 ? { versions: Array.from({ length: 20 }, version) } : {}),
        },
      ],
    };
    record.severity![0]!.score =
      record.severity![0]!.type === 'CVSS_V4' ? vector4 : vectors3[int(vectors3.length)]!;
    if (rand() < 0.02) record.withdrawn = '2024-06-01T00:00:00Z';
    records.push(record);
  }
  return { lockfile, installed, advisories: records };
}
