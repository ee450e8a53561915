/**
 * @module SARIF 2.1.0 output: one rule per vulnerability, one result per vulnerable package,
 * located at the lockfile line. `security-severity` carries the CVSS score so code-scanning UIs
 * rank results the way the text report does.
 */
import type { ScanReport } from '../scan.ts';
import type { Finding, SeverityRating } from '../types.ts';
import { purlOf } from './purl.ts';

const levels: Record<SeverityRating, 'error' | 'warning' | 'note'> = {
  critical: 'error',
  high: 'error',
  medium: 'warning',
  low: 'note',
  none: 'note',
  unknown: 'warning',
};

const fallbackScores: Record<SeverityRating, number> = {
  critical: 9.5,
  high: 8,
  medium: 5.5,
  low: 2,
  none: 0,
  unknown: 5,
};

function rule(finding: Finding): Record<string, unknown> {
  return {
    id: finding.ids[0],
    shortDescription: { text: finding.summary || finding.ids[0] },
    fullDescription: { text: `${finding.summary || finding.ids[0]} (${finding.ids.join(', ')})` },
    ...(finding.references[0] ? { helpUri: finding.references[0] } : {}),
    defaultConfiguration: { level: levels[finding.severity.rating] },
    properties: {
      tags: ['security', 'vulnerability', finding.ecosystem],
      'security-severity': String(
        finding.severity.score ?? fallbackScores[finding.severity.rating],
      ),
    },
  };
}

function result(finding: Finding): Record<string, unknown> {
  const fix = finding.upgradeTo
    ? ` Upgrade to ${finding.upgradeTo}.`
    : ' No fixed version is known yet.';
  return {
    ruleId: finding.ids[0],
    level: levels[finding.severity.rating],
    message: {
      text: `${finding.package} ${finding.installedVersion} is affected by ${finding.ids.join(', ')}.${fix} Pulled in by ${finding.path.join(' > ')}.`,
    },
    locations: [
      {
        physicalLocation: {
          artifactLocation: { uri: finding.lockfile },
          ...(finding.line !== undefined ? { region: { startLine: finding.line } } : {}),
        },
        logicalLocations: [
          {
            fullyQualifiedName: purlOf(
              finding.ecosystem,
              finding.package,
              finding.installedVersion,
            ),
            kind: 'package',
          },
        ],
      },
    ],
    partialFingerprints: {
      'keel/deps/v1': `${finding.lockfile}|${finding.package}|${finding.installedVersion}|${finding.ids[0]}`,
    },
  };
}

export function toSarifReport(report: ScanReport): string {
  const rules = new Map<string, Record<string, unknown>>();
  for (const finding of report.findings)
    if (!rules.has(finding.ids[0]!)) rules.set(finding.ids[0]!, rule(finding));
  const sarif = {
    $schema:
      'https://docs.oasis-open.org/sarif/sarif/v2.1.0/errata01/os/schemas/sarif-schema-2.1.0.json',
    version: '2.1.0',
    runs: [
      {
        tool: {
          driver: { name: 'keel-deps', semanticVersion: '0.1.0', rules: [...rules.values()] },
        },
        results: report.findings.map(result),
        invocations: [
          {
            executionSuccessful: report.errors.length === 0,
            toolExecutionNotifications: report.errors.map((e) => ({
              level: 'error',
              message: { text: e.message },
              locations: [
                {
                  physicalLocation: {
                    artifactLocation: { uri: e.file },
                    ...(e.line !== undefined ? { region: { startLine: e.line } } : {}),
                  },
                },
              ],
            })),
          },
        ],
      },
    ],
  };
  return `${JSON.stringify(sarif, null, 2)}\n`;
}
