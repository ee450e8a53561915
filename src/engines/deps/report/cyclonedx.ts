/**
 * @module CycloneDX 1.5 JSON: the inventory as components (purl as bom-ref), the dependency
 * edges known from each package's path, and the findings as `vulnerabilities` with CVSS ratings.
 */
import { randomUUID } from 'node:crypto';
import { basename } from 'node:path';
import type { ScanReport } from '../scan.ts';
import type { Finding, InventoryPackage } from '../types.ts';
import { purlOf } from './purl.ts';

const refOf = (p: Pick<InventoryPackage, 'ecosystem' | 'name' | 'version'>): string =>
  purlOf(p.ecosystem, p.name, p.version);

function rating(finding: Finding): Record<string, unknown>[] {
  const { score, rating: severity, vector } = finding.severity;
  if (score === null) return severity === 'unknown' ? [] : [{ severity }];
  const method = vector?.startsWith('CVSS:4.0')
    ? 'CVSSv4'
    : vector?.startsWith('CVSS:3.1')
      ? 'CVSSv31'
      : 'CVSSv3';
  return [{ score, severity, method, vector }];
}

const recommendationOf = (finding: Finding): string =>
  finding.upgradeTo
    ? `Upgrade ${finding.package} ${finding.installedVersion} to ${finding.upgradeTo}.`
    : `No fixed version of ${finding.package} is known yet.`;

/**
 * One entry per vulnerability: the same advisory found in several lockfiles (or versions) is one
 * `vulnerabilities` item whose `affects` lists every component, as CycloneDX intends, not one
 * item per finding. Ids and references are the union; ratings those of the most severe finding.
 */
function mergeVulnerabilities(findings: readonly Finding[]): Record<string, unknown>[] {
  const groups = new Map<string, Finding[]>();
  for (const finding of findings) {
    // Alias sets can differ per package: any shared id joins the group of the first finding.
    const key = finding.ids.find((id) => groups.has(id)) ?? finding.ids[0]!;
    const group = groups.get(key) ?? [];
    group.push(finding);
    groups.set(key, group);
  }
  return [...groups].map(([id, group]) => {
    const top = group.reduce((a, b) =>
      (b.severity.score ?? -1) > (a.severity.score ?? -1) ? b : a,
    );
    const ids = [...new Set(group.flatMap((f) => f.ids))].filter((other) => other !== id);
    const refs = [
      ...new Set(
        group.map((f) =>
          refOf({ ecosystem: f.ecosystem, name: f.package, version: f.installedVersion }),
        ),
      ),
    ];
    return {
      'bom-ref': `vulnerability:${id}`,
      id,
      source: { name: 'OSV' },
      references: ids.map((other) => ({
        id: other,
        source: { name: other.startsWith('CVE-') ? 'NVD' : 'OSV' },
      })),
      ratings: rating(top),
      description: top.summary,
      recommendation: [...new Set(group.map(recommendationOf))].join(' '),
      advisories: [...new Set(group.flatMap((f) => f.references))].map((url) => ({ url })),
      affects: refs.map((ref) => ({ ref })),
    };
  });
}

export function toCycloneDx(report: ScanReport, options: { serialNumber?: string } = {}): string {
  const components = new Map<string, Record<string, unknown>>();
  const edges = new Map<string, Set<string>>();
  // A step in a path is `name@version`; look rows up by that label to turn paths into edges.
  const byLabel = new Map<string, InventoryPackage>();
  for (const pkg of report.packages)
    byLabel.set(`${pkg.lockfile}\u0000${pkg.name}@${pkg.version}`, pkg);
  for (const pkg of report.packages) {
    const ref = refOf(pkg);
    if (!components.has(ref)) {
      components.set(ref, {
        type: 'library',
        'bom-ref': ref,
        name: pkg.name,
        version: pkg.version,
        purl: ref,
        properties: [
          { name: 'keel:dependency', value: pkg.isDirect ? 'direct' : 'transitive' },
          { name: 'keel:lockfile', value: pkg.lockfile },
        ],
      });
    }
    edges.set(ref, edges.get(ref) ?? new Set());
    const parentLabel = pkg.path.at(-2);
    const parent =
      parentLabel === undefined ? undefined : byLabel.get(`${pkg.lockfile}\u0000${parentLabel}`);
    if (parent)
      (edges.get(refOf(parent)) ?? edges.set(refOf(parent), new Set()).get(refOf(parent))!).add(
        ref,
      );
  }
  const vulnerabilities = mergeVulnerabilities(report.findings);
  const bom = {
    bomFormat: 'CycloneDX',
    specVersion: '1.5',
    serialNumber: `urn:uuid:${options.serialNumber ?? randomUUID()}`,
    version: 1,
    metadata: {
      timestamp: report.scannedAt,
      tools: { components: [{ type: 'application', name: 'keel', version: '0.1.0' }] },
      component: {
        type: 'application',
        'bom-ref': 'root',
        name: basename(report.root) || report.root,
      },
    },
    components: [...components.values()],
    dependencies: [
      {
        ref: 'root',
        dependsOn: [...new Set(report.packages.filter((p) => p.isDirect).map(refOf))],
      },
      ...[...edges].map(([ref, dependsOn]) => ({ ref, dependsOn: [...dependsOn] })),
    ],
    vulnerabilities,
  };
  return `${JSON.stringify(bom, null, 2)}\n`;
}
