/** @module Text summary for a terminal: score, level, checks, top findings and hotspots, what was skipped. */
import type { AuditReport } from '../report-types.ts';
import { hotspotsCaveat } from './caveats.ts';
import { excludedSummary } from './excluded.ts';
import { ageSince, fileHistoryEntry } from './file-history.ts';

const pad = (value: string, width: number): string =>
  value.length >= width ? value : value + ' '.repeat(width - value.length);

export function renderText(report: AuditReport): string {
  const out: string[] = [];
  const score = report.score === null ? 'n/a' : report.score.toFixed(1);
  out.push(
    `Keel audit of ${report.target.input}${report.target.commit ? ` @ ${report.target.commit.slice(0, 12)}` : ''}`,
  );
  out.push(
    `Score ${score}/10 · level ${report.level ? report.level[0]?.toUpperCase() + report.level.slice(1) : 'none'}`,
  );
  out.push(
    `${report.totals.countedFiles} files counted of ${report.totals.files} · ${report.totals.code} lines of code · history: ${report.history.status} (${report.history.commitsInWindow} commits in ${report.history.since})`,
  );
  const excluded = excludedSummary(report.excluded);
  if (excluded) out.push(excluded);
  out.push('', 'Checks');
  for (const check of report.checks) {
    const mark = check.passed === null ? '  -' : check.passed ? ' ok' : ' !!';
    out.push(
      `${mark} ${pad(check.score === null ? 'n/a' : check.score.toFixed(1), 5)}${pad(check.title, 42)}${check.summary}`,
    );
  }
  const open = report.findings.filter((finding) => !finding.baselined);
  out.push(
    '',
    `Findings: ${open.length} new${report.findings.length > open.length ? `, ${report.findings.length - open.length} accepted by the baseline` : ''}`,
  );
  for (const finding of open.slice(0, 15)) {
    const where = finding.path ? ` ${finding.path}${finding.line ? `:${finding.line}` : ''}` : '';
    out.push(`  [${finding.severity}]${where} ${finding.message}`);
  }
  if (open.length > 15)
    out.push(`  … ${open.length - 15} more (every finding is in --format json or sarif)`);
  const caveat = hotspotsCaveat(report);
  if (report.hotspots.length > 0 || caveat) {
    out.push(
      '',
      `Hotspots (top ${report.hotspots.length} take ${report.history.hotspotShare}% of changes)`,
    );
    if (caveat) out.push(`  ${caveat}`);
    for (const hotspot of report.hotspots.slice(0, 10))
      out.push(
        `  ${pad(String(hotspot.revisions), 5)} changes × ${pad(String(hotspot.complexity), 6)} complexity  ${hotspot.path}`,
      );
  }
  const changed = report.history.files.rows.slice(0, 10).map(fileHistoryEntry);
  if (changed.length > 0) {
    out.push(
      '',
      `Most changed files (top ${changed.length} of ${report.history.files.total} changed in ${report.history.since})`,
      '  changes  churn    authors  main   age     last change',
    );
    for (const file of changed)
      out.push(
        `  ${pad(String(file.revisions), 9)}${pad(String(file.churn), 9)}${pad(String(file.authors), 9)}${pad(`${file.mainAuthorShare}%`, 7)}${pad(ageSince(file.firstChange, report.generatedAt), 8)}${pad(file.lastChange, 12)}${file.path}`,
      );
  }
  out.push('', 'Languages');
  for (const language of report.languages.slice(0, 8))
    out.push(
      `  ${pad(language.language, 20)}${pad(String(language.files), 7)} files ${pad(String(language.code), 9)} code ${language.comment} comment`,
    );
  out.push('', `Duplication: ${report.duplication.percentage}% (${report.duplication.detector})`);
  if (report.skipped.length > 0) {
    out.push('', `Skipped or partial (${report.skipped.length})`);
    for (const note of report.skipped.slice(0, 10))
      out.push(
        `  ${note.stage}: ${note.path ? `${JSON.stringify(note.path)}: ` : ''}${note.reason}`,
      );
    if (report.skipped.length > 10)
      out.push(`  … ${report.skipped.length - 10} more in the JSON report`);
  }
  return out.join('\n') + '\n';
}
