/**
 * @module SARIF 2.1.0 for code scanning tools: one rule per check, one result per finding with its
 * location, the fingerprint as a partial fingerprint, and `baselineState` from --baseline.
 */
import type { AuditReport } from '../report-types.ts';
import type { Risk } from '../types.ts';

const LEVEL: Record<Risk, 'error' | 'warning' | 'note'> = {
  critical: 'error',
  high: 'error',
  medium: 'warning',
  low: 'note',
};
const SECURITY_SEVERITY: Record<Risk, string> = {
  critical: '9.5',
  high: '7.5',
  medium: '5.0',
  low: '2.5',
};

export function renderSarif(report: AuditReport): string {
  const rules = report.checks.map((check) => ({
    id: check.id,
    name: check.title,
    shortDescription: { text: check.title },
    fullDescription: { text: check.whyItMatters },
    help: {
      text: check.howToFix,
      markdown: `**Why it matters:** ${check.whyItMatters}\n\n**How to fix:** ${check.howToFix}`,
    },
    defaultConfiguration: { level: LEVEL[check.risk] },
    properties: {
      'security-severity': SECURITY_SEVERITY[check.risk],
      level: check.level,
      tags: ['keel-audit', check.level],
    },
  }));
  const ruleIndex = new Map(rules.map((rule, index) => [rule.id, index]));
  const results = report.findings.map((finding) => ({
    ruleId: finding.checkId,
    ruleIndex: ruleIndex.get(finding.checkId) ?? 0,
    level: LEVEL[finding.severity],
    message: { text: finding.message },
    // SARIF needs a location; repository-level findings point at the root.
    locations: [
      {
        physicalLocation: {
          artifactLocation: { uri: encodeURI(finding.path ?? '.'), uriBaseId: '%SRCROOT%' },
          ...(finding.line ? { region: { startLine: finding.line } } : {}),
        },
      },
    ],
    partialFingerprints: { 'keelFingerprint/v1': finding.fingerprint },
    baselineState: finding.baselined ? 'unchanged' : 'new',
  }));
  const sarif = {
    $schema: 'https://json.schemastore.org/sarif-2.1.0.json',
    version: '2.1.0',
    runs: [
      {
        tool: { driver: { name: 'keel-audit', version: report.tool.version, rules } },
        ...(report.target.commit
          ? { properties: { commit: report.target.commit, branch: report.target.branch } }
          : {}),
        results,
      },
    ],
  };
  return JSON.stringify(sarif, null, 2) + '\n';
}
