/**
 * @module The JSON report: the scan report as data, with a schema version so consumers can
 * tell when its shape changes. Its fields are described in the engine README.
 */
import type { ScanReport } from '../scan.ts';

export const jsonReportSchemaVersion = 1;

export function toJsonReport(report: ScanReport): string {
  const summary = {
    lockfiles: report.lockfiles.length,
    packages: report.packages.length,
    vulnerablePackages: new Set(
      report.findings.map((f) => `${f.lockfile}\u0000${f.package}@${f.installedVersion}`),
    ).size,
    findings: report.findings.length,
    errors: report.errors.length,
  };
  return `${JSON.stringify({ schemaVersion: jsonReportSchemaVersion, tool: 'keel deps', summary, ...report }, null, 2)}\n`;
}
