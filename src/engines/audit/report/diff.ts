/** @module `keel audit diff OLD.json NEW.json`: what improved and what got worse between two reports. */
import { readFile } from 'node:fs/promises';
import type { AuditReport } from '../report-types.ts';
import { err, messageOf, ok, type Result } from '../result.ts';

export interface AuditDiff {
  score: { before: number | null; after: number | null; delta: number | null };
  level: { before: string | null; after: string | null };
  improved: { id: string; title: string; before: number | null; after: number | null }[];
  worsened: { id: string; title: string; before: number | null; after: number | null }[];
  newFindings: AuditReport['findings'];
  fixedFindings: AuditReport['findings'];
}

export async function readReport(file: string): Promise<Result<AuditReport>> {
  try {
    const parsed = JSON.parse(await readFile(file, 'utf8')) as Partial<AuditReport>;
    if (
      parsed.schemaVersion !== 1 ||
      !Array.isArray(parsed.checks) ||
      !Array.isArray(parsed.findings)
    )
      return err(`${file}: not a keel audit JSON report (schemaVersion 1)`);
    return ok(parsed as AuditReport);
  } catch (error) {
    return err(`cannot read ${file}: ${messageOf(error)}`);
  }
}

export function diffReports(before: AuditReport, after: AuditReport): AuditDiff {
  const beforeChecks = new Map(before.checks.map((check) => [check.id, check]));
  const improved: AuditDiff['improved'] = [];
  const worsened: AuditDiff['worsened'] = [];
  for (const check of after.checks) {
    const old = beforeChecks.get(check.id);
    const entry = {
      id: check.id,
      title: check.title,
      before: old?.score ?? null,
      after: check.score,
    };
    if ((entry.before ?? -1) < (entry.after ?? -1)) improved.push(entry);
    else if ((entry.before ?? -1) > (entry.after ?? -1)) worsened.push(entry);
  }
  const beforePrints = new Set(before.findings.map((finding) => finding.fingerprint));
  const afterPrints = new Set(after.findings.map((finding) => finding.fingerprint));
  const delta =
    before.score !== null && after.score !== null
      ? Math.round((after.score - before.score) * 10) / 10
      : null;
  return {
    score: { before: before.score, after: after.score, delta },
    level: { before: before.level, after: after.level },
    improved,
    worsened,
    newFindings: after.findings.filter((finding) => !beforePrints.has(finding.fingerprint)),
    fixedFindings: before.findings.filter((finding) => !afterPrints.has(finding.fingerprint)),
  };
}

export function renderDiffText(diff: AuditDiff): string {
  const fmt = (value: number | null): string => (value === null ? 'n/a' : value.toFixed(1));
  const out = [
    `Score ${fmt(diff.score.before)} → ${fmt(diff.score.after)}${diff.score.delta === null ? '' : ` (${diff.score.delta >= 0 ? '+' : ''}${diff.score.delta})`} · level ${diff.level.before ?? 'none'} → ${diff.level.after ?? 'none'}`,
  ];
  out.push(
    '',
    `Improved (${diff.improved.length})`,
    ...diff.improved.map(
      (check) => `  + ${check.title}: ${fmt(check.before)} → ${fmt(check.after)}`,
    ),
  );
  out.push(
    '',
    `Worse (${diff.worsened.length})`,
    ...diff.worsened.map(
      (check) => `  - ${check.title}: ${fmt(check.before)} → ${fmt(check.after)}`,
    ),
  );
  out.push(
    '',
    `New findings (${diff.newFindings.length})`,
    ...diff.newFindings
      .slice(0, 30)
      .map(
        (finding) =>
          `  + [${finding.severity}] ${finding.path ? `${finding.path}: ` : ''}${finding.message}`,
      ),
  );
  out.push(
    '',
    `Fixed findings (${diff.fixedFindings.length})`,
    ...diff.fixedFindings
      .slice(0, 30)
      .map(
        (finding) =>
          `  - [${finding.severity}] ${finding.path ? `${finding.path}: ` : ''}${finding.message}`,
      ),
  );
  return out.join('\n') + '\n';
}
