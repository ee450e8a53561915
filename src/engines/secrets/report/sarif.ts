/** @module SARIF 2.1.0 output for code-scanning dashboards. */
import type { Finding, ScanResult } from '../types.ts';
import { REMEDIATION_STEPS } from './remediation.ts';

const level = (f: Finding): 'error' | 'warning' | 'note' =>
  f.isBlocking ? (f.confidence === 'high' ? 'error' : 'warning') : 'note';

export function renderSarif(result: ScanResult): string {
  const ruleIds = [...new Set(result.findings.map((f) => f.ruleId))].sort();
  const descriptions = new Map(result.findings.map((f) => [f.ruleId, f.description]));
  const sarif = {
    $schema: 'https://json.schemastore.org/sarif-2.1.0.json',
    version: '2.1.0',
    runs: [
      {
        tool: {
          driver: {
            name: 'keel-secrets',
            informationUri: 'https://keel.invalid/docs/secrets',
            rules: ruleIds.map((id) => ({
              id,
              shortDescription: { text: descriptions.get(id) ?? id },
              help: { text: REMEDIATION_STEPS.join(' ') },
            })),
          },
        },
        results: result.findings.map((f) => ({
          ruleId: f.ruleId,
          ruleIndex: ruleIds.indexOf(f.ruleId),
          level: level(f),
          message: {
            text: `${f.description}: ${f.secretMasked} (${f.secretLength} chars), ${f.presence}. Revoke and rotate it first, then clean history.`,
          },
          locations: [
            {
              physicalLocation: {
                artifactLocation: { uri: f.file },
                region: { startLine: f.line, startColumn: f.column },
              },
            },
          ],
          partialFingerprints: { 'keelSecret/v1': f.fingerprint },
          properties: {
            confidence: f.confidence,
            presence: f.presence,
            commit: f.commit,
            author: f.author,
            date: f.date,
          },
        })),
      },
    ],
  };
  return JSON.stringify(sarif, null, 2) + '\n';
}
