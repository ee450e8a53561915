/** @module The JSON report: the stable, documented output schema (version 1). */
import type { Finding, ScanResult } from '../types.ts';
import { FOUNDER_NOTE, REMEDIATION_STEPS } from './remediation.ts';

export interface JsonReport {
  version: 1;
  tool: 'keel-secrets';
  mode: ScanResult['mode'];
  target: string;
  summary: {
    total: number;
    blocking: number;
    current: number;
    historyOnly: number;
    byConfidence: Record<string, number>;
  };
  findings: Finding[];
  suppressed: ScanResult['suppressed'];
  stats: ScanResult['stats'];
  warnings: string[];
  remediation: { founder: string; steps: string[] };
}

export function toJsonReport(result: ScanResult): JsonReport {
  const byConfidence: Record<string, number> = { high: 0, medium: 0, low: 0 };
  for (const f of result.findings)
    byConfidence[f.confidence] = (byConfidence[f.confidence] ?? 0) + 1;
  return {
    version: 1,
    tool: 'keel-secrets',
    mode: result.mode,
    target: result.target,
    summary: {
      total: result.findings.length,
      blocking: result.findings.filter((f) => f.isBlocking).length,
      current: result.findings.filter((f) => f.presence === 'current').length,
      historyOnly: result.findings.filter((f) => f.presence === 'history-only').length,
      byConfidence,
    },
    findings: result.findings,
    suppressed: result.suppressed,
    stats: result.stats,
    warnings: result.warnings,
    remediation: { founder: FOUNDER_NOTE, steps: REMEDIATION_STEPS },
  };
}

export const renderJson = (result: ScanResult): string =>
  JSON.stringify(toJsonReport(result), null, 2) + '\n';
