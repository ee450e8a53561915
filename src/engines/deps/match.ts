/**
 * @module Matching an inventory against an advisory store: one lookup per distinct package
 * name, range checks per installed version, then aliases merged so each vulnerability is
 * reported once per package, with its severity and the smallest upgrade that fixes it.
 */
import type { AdvisoryStore } from './osv/advisory-store.ts';
import { isWithdrawn, matchRecord } from './osv/affected.ts';
import type { OsvRecord } from './osv/osv-types.ts';
import { maxSeverity, severityOf } from './severity/severity.ts';
import type { Ecosystem, Finding, InventoryPackage } from './types.ts';
import { comparators } from './versions/compare.ts';

interface Hit {
  record: OsvRecord;
  fixed: string[];
}

/** Groups hits whose ids or aliases overlap (GHSA-x aliasing CVE-y, PYSEC-z aliasing CVE-y, …). */
export function mergeAliases(hits: Hit[]): Hit[][] {
  const parent = hits.map((_, i) => i);
  const find = (i: number): number => (parent[i] === i ? i : (parent[i] = find(parent[i]!)));
  const owner = new Map<string, number>();
  hits.forEach((hit, i) => {
    for (const id of [hit.record.id, ...(hit.record.aliases ?? [])]) {
      const seen = owner.get(id);
      if (seen === undefined) owner.set(id, i);
      else parent[find(i)] = find(seen);
    }
  });
  const groups = new Map<number, Hit[]>();
  hits.forEach((hit, i) => groups.set(find(i), [...(groups.get(find(i)) ?? []), hit]));
  return [...groups.values()];
}

/** The smallest candidate above `installed` that none of `records` affect. */
function smallestFix(
  ecosystem: Ecosystem,
  name: string,
  installed: string,
  candidates: string[],
  records: OsvRecord[],
): string | null {
  const compare = comparators[ecosystem];
  const sorted = [...new Set(candidates)]
    .filter((c) => (compare(c, installed) ?? 0) > 0)
    .sort((a, b) => compare(a, b) ?? 0);
  return (
    sorted.find((candidate) =>
      records.every((record) => !matchRecord(record, ecosystem, name, candidate)),
    ) ?? null
  );
}

const idPrefixes = ['GHSA-', 'PYSEC-', 'RUSTSEC-', 'GO-', 'CVE-'];
const idRank = (id: string): number => idPrefixes.findIndex((p) => id.startsWith(p)) >>> 0;

/** OSV writes Go versions without the `v` that go.mod and `go get` use; show them with it. */
const display = (ecosystem: Ecosystem, version: string | null): string | null =>
  version !== null && ecosystem === 'Go' && !version.startsWith('v') ? `v${version}` : version;

function findingsFor(pkg: InventoryPackage, records: readonly OsvRecord[]): Finding[] {
  const hits: Hit[] = [];
  for (const record of records) {
    if (isWithdrawn(record)) continue;
    const match = matchRecord(record, pkg.ecosystem, pkg.name, pkg.version);
    if (match) hits.push({ record, fixed: match.fixed });
  }
  if (hits.length === 0) return [];
  const compare = comparators[pkg.ecosystem];
  const allFixed = hits.flatMap((h) => h.fixed);
  const packageUpgradeTo = smallestFix(
    pkg.ecosystem,
    pkg.name,
    pkg.version,
    allFixed,
    hits.map((h) => h.record),
  );
  return mergeAliases(hits).map((group) => {
    const recordIds = group
      .map((h) => h.record.id)
      .sort((a, b) => idRank(a) - idRank(b) || a.localeCompare(b));
    const aliases = group
      .flatMap((h) => h.record.aliases ?? [])
      .filter((id) => !recordIds.includes(id));
    // A fix on an older branch (0.6.14 when 1.6.0 is installed) is no upgrade: list only newer ones.
    const fixed = [...new Set(group.flatMap((h) => h.fixed))]
      .filter((v) => (compare(v, pkg.version) ?? 1) > 0)
      .sort((a, b) => compare(a, b) ?? 0);
    const finding: Finding = {
      ecosystem: pkg.ecosystem,
      package: pkg.name,
      installedVersion: pkg.version,
      ids: [...recordIds, ...[...new Set(aliases)].sort()],
      summary:
        group.map((h) => h.record.summary ?? '').find((s) => s !== '') ??
        group[0]!.record.details?.split('\n')[0] ??
        '',
      severity: group.map((h) => severityOf(h.record)).reduce(maxSeverity),
      fixedVersions: fixed.map((v) => display(pkg.ecosystem, v)!),
      upgradeTo: display(
        pkg.ecosystem,
        smallestFix(
          pkg.ecosystem,
          pkg.name,
          pkg.version,
          fixed,
          group.map((h) => h.record),
        ),
      ),
      packageUpgradeTo: display(pkg.ecosystem, packageUpgradeTo),
      isDirect: pkg.isDirect,
      path: pkg.path,
      lockfile: pkg.lockfile,
      references: [
        ...new Set(group.flatMap((h) => (h.record.references ?? []).map((r) => r.url))),
      ].slice(0, 5),
    };
    if (pkg.line !== undefined) finding.line = pkg.line;
    return finding;
  });
}

/**
 * Every finding for every package; the store is asked once per distinct ecosystem and name,
 * after one `prefetch` of them all when the store offers it.
 */
export async function matchInventory(
  packages: readonly InventoryPackage[],
  store: AdvisoryStore,
): Promise<Finding[]> {
  await store.prefetch?.(packages);
  const lookups = new Map<string, Promise<readonly OsvRecord[]>>();
  const findings: Finding[] = [];
  for (const pkg of packages) {
    const key = `${pkg.ecosystem}\u0000${pkg.name}`;
    let lookup = lookups.get(key);
    if (!lookup) lookups.set(key, (lookup = store.advisoriesFor(pkg.ecosystem, pkg.name)));
    findings.push(...findingsFor(pkg, await lookup));
  }
  return findings;
}

/** The synchronous core, for callers that already hold the records (the benchmark). */
export const matchPackage = findingsFor;
