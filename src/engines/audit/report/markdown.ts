/** @module Markdown report: for a pull request comment, a wiki page or the client's docs. */
import type { AuditReport } from '../report-types.ts';
import { hotspotsCaveat } from './caveats.ts';
import { excludedSummary } from './excluded.ts';
import { ageSince, fileHistoryEntry } from './file-history.ts';

/** Findings written out in full; the rest are counted (JSON and SARIF hold them all). */
const MD_FINDINGS = 200;

const cell = (value: string): string => value.replace(/\|/g, '\\|').replace(/\n/g, ' ');

export function renderMarkdown(report: AuditReport): string {
  const out: string[] = [];
  out.push(`# Keel audit: ${cell(report.target.input)}`, '');
  out.push(
    `**Score ${report.score === null ? 'n/a' : report.score.toFixed(1)}/10** · level **${report.level ?? 'none'}** · ${report.totals.code} lines of code in ${report.totals.countedFiles} files · history ${report.history.status} (${report.history.commitsInWindow} commits in ${report.history.since})`,
    '',
  );
  const excluded = excludedSummary(report.excluded);
  if (excluded) out.push(`${excluded} (listed in the JSON report, \`excluded\`).`, '');
  out.push('## Checks', '', '| Check | Level | Risk | Score | Result |', '|---|---|---|---|---|');
  for (const check of report.checks) {
    out.push(
      `| ${cell(check.title)} | ${check.level} | ${check.risk} | ${check.score === null ? 'n/a' : check.score.toFixed(1)} | ${cell(check.summary)} |`,
    );
  }
  const open = report.findings.filter((finding) => !finding.baselined);
  out.push('', `## Findings (${open.length} new)`, '');
  for (const finding of open.slice(0, MD_FINDINGS)) {
    const where = finding.path
      ? ` \`${cell(finding.path)}${finding.line ? `:${finding.line}` : ''}\``
      : '';
    out.push(`- **${finding.severity}**${where}: ${cell(finding.message)}`);
    out.push(`  - Why it matters: ${finding.whyItMatters}`, `  - How to fix: ${finding.howToFix}`);
  }
  if (open.length > MD_FINDINGS)
    out.push(
      '',
      `… and ${open.length - MD_FINDINGS} more (every finding is in the JSON and SARIF reports).`,
    );
  const caveat = hotspotsCaveat(report);
  if (report.hotspots.length > 0 || caveat) {
    out.push(
      '',
      `## Hotspots`,
      '',
      ...(caveat ? [`> ${caveat}`, ''] : []),
      `The top ${report.hotspots.length} files take ${report.history.hotspotShare}% of all changes.`,
      '',
      '| File | Changes | Complexity | Main author |',
      '|---|---|---|---|',
    );
    for (const hotspot of report.hotspots)
      out.push(
        `| \`${cell(hotspot.path)}\` | ${hotspot.revisions} | ${hotspot.complexity} | ${cell(hotspot.mainAuthor ?? '')} |`,
      );
  }
  const changed = report.history.files.rows.slice(0, 20).map(fileHistoryEntry);
  if (changed.length > 0) {
    out.push(
      '',
      '## Most changed files',
      '',
      `${changed.length} of the ${report.history.files.total} files changed in the last ${report.history.since}; every file is in the JSON report (\`history.files\`).`,
      '',
      '| File | Changes | Churn | Authors | Main author share | Age | First change | Last change |',
      '|---|---|---|---|---|---|---|---|',
    );
    for (const file of changed)
      out.push(
        `| \`${cell(file.path)}\` | ${file.revisions} | ${file.churn} | ${file.authors} | ${file.mainAuthorShare}% | ${ageSince(file.firstChange, report.generatedAt)} | ${file.firstChange} | ${file.lastChange} |`,
      );
  }
  if (report.history.coupling.length > 0) {
    out.push(
      '',
      '## Change coupling',
      '',
      '| File | Changes with | Shared | Degree |',
      '|---|---|---|---|',
    );
    for (const pair of report.history.coupling.slice(0, 20))
      out.push(`| \`${cell(pair.a)}\` | \`${cell(pair.b)}\` | ${pair.shared} | ${pair.degree}% |`);
  }
  out.push(
    '',
    '## Languages',
    '',
    '| Language | Files | Code | Comment | Blank |',
    '|---|---|---|---|---|',
  );
  for (const language of report.languages)
    out.push(
      `| ${cell(language.language)} | ${language.files} | ${language.code} | ${language.comment} | ${language.blank} |`,
    );
  out.push(
    '',
    `## Duplication`,
    '',
    `${report.duplication.percentage}% duplicated (${report.duplication.duplicatedLines} of ${report.duplication.totalLines} lines, ${report.duplication.detector}).`,
  );
  if (report.skipped.length > 0) {
    out.push('', '## Skipped', '');
    for (const note of report.skipped.slice(0, 100))
      out.push(
        `- ${note.stage}: ${note.path ? `\`${cell(note.path)}\`: ` : ''}${cell(note.reason)}`,
      );
  }
  return out.join('\n') + '\n';
}
