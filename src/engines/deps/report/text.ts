/** @module The human report: findings grouped by severity, each with its fix and its path. */
import type { ScanReport } from '../scan.ts';
import type { Finding } from '../types.ts';

function describe(finding: Finding): string[] {
  const score = finding.severity.score === null ? '' : ` ${finding.severity.score.toFixed(1)}`;
  const [primary, ...aliases] = finding.ids;
  const where =
    finding.line === undefined ? finding.lockfile : `${finding.lockfile}:${finding.line}`;
  const fix =
    finding.upgradeTo !== null
      ? `upgrade to ${finding.upgradeTo}${finding.packageUpgradeTo && finding.packageUpgradeTo !== finding.upgradeTo ? ` (${finding.packageUpgradeTo} fixes every known issue)` : ''}`
      : finding.fixedVersions.length > 0
        ? `fixed in ${finding.fixedVersions.join(', ')}`
        : 'no fixed version yet';
  return [
    `${finding.severity.rating.toUpperCase()}${score}  ${finding.package} ${finding.installedVersion} (${finding.ecosystem}, ${finding.isDirect ? 'direct' : 'transitive'})  ${primary}${aliases.length ? ` (${aliases.join(', ')})` : ''}`,
    ...(finding.summary ? [`  ${finding.summary}`] : []),
    `  fix: ${fix}`,
    `  path: ${finding.path.join(' > ')}  [${where}]`,
  ];
}

export function toTextReport(report: ScanReport): string {
  const lines: string[] = [];
  for (const error of report.errors)
    lines.push(
      `error: ${error.file}${error.line === undefined ? '' : `:${error.line}`}: ${error.message}`,
    );
  for (const finding of report.findings) lines.push(...describe(finding), '');
  const counts = new Map<string, number>();
  for (const f of report.findings)
    counts.set(f.severity.rating, (counts.get(f.severity.rating) ?? 0) + 1);
  const bySeverity = [...counts].map(([rating, n]) => `${n} ${rating}`).join(', ');
  const direct = report.packages.filter((p) => p.isDirect).length;
  lines.push(
    `${report.lockfiles.length} lockfile(s), ${report.packages.length} packages (${direct} direct), ` +
      `${report.findings.length} vulnerabilit${report.findings.length === 1 ? 'y' : 'ies'}${bySeverity ? ` (${bySeverity})` : ''}` +
      (report.errors.length ? `, ${report.errors.length} lockfile error(s)` : ''),
  );
  if (report.advisorySources.length === 0)
    lines.push(
      'No advisory database given (--advisories PATH): inventory only, nothing was matched.',
    );
  else
    lines.push(
      `Advisories: ${report.advisorySources.map((s) => `${s.source} (${s.records} records, imported ${s.importedAt})`).join('; ')}`,
    );
  return `${lines.join('\n')}\n`;
}
