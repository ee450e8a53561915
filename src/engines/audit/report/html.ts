/**
 * @module One self-contained HTML file: inline CSS and inline SVG charts (hotspot map, complexity
 * distribution, churn over time), no scripts, no external resources, so it opens offline.
 */
import type { AuditReport } from '../report-types.ts';
import { hotspotsCaveat } from './caveats.ts';
import { excludedSummary } from './excluded.ts';
import { ageSince, fileHistoryEntry } from './file-history.ts';
import { barChart, escapeXml as e, lineChart, scatterChart } from './svg.ts';

const CSS = `body{font:14px/1.5 system-ui,sans-serif;max-width:1100px;margin:2rem auto;padding:0 1rem;color:#1d2430}
h1{font-size:1.6rem}h2{margin-top:2rem;border-bottom:1px solid #ddd}table{border-collapse:collapse;width:100%;margin:.5rem 0}
td,th{border-bottom:1px solid #eee;padding:.3rem .5rem;text-align:left;vertical-align:top}.score{font-size:2.4rem;font-weight:700}
.pass{color:#1a7f37}.fail{color:#c62828}.na{color:#888}code{font-size:12px;word-break:break-all}.sev-critical,.sev-high{color:#c62828;font-weight:600}
.sev-medium{color:#b26a00}.charts{display:grid;grid-template-columns:1fr 1fr;gap:1rem}svg{width:100%;height:auto;background:#fafbfc}
details{margin:.2rem 0}small{color:#667}`;

/** Findings shown in full; the rest are counted (JSON and SARIF hold them all). */
const HTML_FINDINGS = 500;

export function renderHtml(report: AuditReport): string {
  const score = report.score === null ? 'n/a' : report.score.toFixed(1);
  const checks = report.checks.map((check) => {
    const state = check.passed === null ? 'na' : check.passed ? 'pass' : 'fail';
    return `<tr><td class="${state}">${check.score === null ? 'n/a' : check.score.toFixed(1)}</td><td>${e(check.title)}<br><small>${e(check.whyItMatters)}</small></td><td>${check.level}</td><td>${check.risk}</td><td>${e(check.summary)}</td></tr>`;
  });
  const open = report.findings.filter((finding) => !finding.baselined);
  const findings = open
    .slice(0, HTML_FINDINGS)
    .map(
      (finding) =>
        `<tr><td class="sev-${finding.severity}">${finding.severity}</td><td><code>${e(finding.path ?? '')}${finding.line ? `:${finding.line}` : ''}</code></td><td>${e(finding.message)}<details><summary>Why it matters / how to fix</summary><p>${e(finding.whyItMatters)}</p><p><b>Fix:</b> ${e(finding.howToFix)}</p></details></td></tr>`,
    );
  const hotspots = report.hotspots.map(
    (hotspot) =>
      `<tr><td><code>${e(hotspot.path)}</code></td><td>${hotspot.revisions}</td><td>${hotspot.complexity}</td><td>${hotspot.churn}</td><td>${e(hotspot.mainAuthor ?? '')}</td></tr>`,
  );
  const changed = report.history.files.rows
    .slice(0, 20)
    .map(fileHistoryEntry)
    .map(
      (file) =>
        `<tr><td><code>${e(file.path)}</code></td><td>${file.revisions}</td><td>${file.churn}</td><td>${file.authors}</td><td>${file.mainAuthorShare}%</td><td>${ageSince(file.firstChange, report.generatedAt)}</td><td>${file.firstChange}</td><td>${file.lastChange}</td></tr>`,
    );
  const languages = report.languages.map(
    (language) =>
      `<tr><td>${e(language.language)}</td><td>${language.files}</td><td>${language.code}</td><td>${language.comment}</td><td>${language.blank}</td></tr>`,
  );
  const coupling = report.history.coupling
    .slice(0, 20)
    .map(
      (pair) =>
        `<tr><td><code>${e(pair.a)}</code></td><td><code>${e(pair.b)}</code></td><td>${pair.shared}</td><td>${pair.degree}%</td></tr>`,
    );
  const caveat = hotspotsCaveat(report);
  const excludedLine = excludedSummary(report.excluded);
  const excluded = excludedLine
    ? `<details><summary>${e(excludedLine)}</summary><ul>${report.excluded.files
        .map((file) => `<li><code>${e(file.path)}</code>: ${e(file.reason)}</li>`)
        .join(
          '',
        )}${report.excluded.omitted > 0 ? `<li>… and ${report.excluded.omitted} more</li>` : ''}</ul></details>`
    : '';
  const skipped = report.skipped
    .slice(0, 200)
    .map(
      (note) =>
        `<li>${e(note.stage)}: ${note.path ? `<code>${e(note.path)}</code>: ` : ''}${e(note.reason)}</li>`,
    );
  const charts = [
    scatterChart(
      report.hotspots.map((hotspot) => ({
        label: hotspot.path,
        x: hotspot.revisions,
        y: hotspot.complexity,
      })),
      'Hotspot map',
      'changes in window',
      'complexity',
    ),
    barChart(
      report.complexity.distribution.map((bucket) => ({
        label: bucket.bucket,
        value: bucket.count,
      })),
      'Functions by cyclomatic complexity',
    ),
    lineChart(
      [
        {
          name: 'lines added',
          color: '#1a7f37',
          values: report.history.monthly.map((month) => month.added),
        },
        {
          name: 'lines deleted',
          color: '#c62828',
          values: report.history.monthly.map((month) => month.deleted),
        },
      ],
      report.history.monthly.map((month) => month.month),
      'Churn over time',
    ),
    lineChart(
      [
        {
          name: 'commits',
          color: '#3b6ea5',
          values: report.history.monthly.map((month) => month.commits),
        },
      ],
      report.history.monthly.map((month) => month.month),
      'Commits per month',
    ),
  ];
  return `<!doctype html><html lang="en"><head><meta charset="utf-8"><meta name="viewport" content="width=device-width,initial-scale=1">
<meta http-equiv="Content-Security-Policy" content="default-src 'none'; style-src 'unsafe-inline'; img-src data:">
<title>Keel audit: ${e(report.target.input)}</title><style>${CSS}</style></head><body>
<h1>Keel audit: ${e(report.target.input)}</h1>
<p><span class="score">${score}</span>/10 · level <b>${report.level ?? 'none'}</b> · ${report.totals.code} lines of code in ${report.totals.countedFiles} files · history ${e(report.history.status)} (${report.history.commitsInWindow} commits in ${e(report.history.since)}) · bus factor ${report.history.busFactor ?? 'n/a'} · duplication ${report.duplication.percentage}%</p>
${excluded}
<p><small>Generated ${e(report.generatedAt)}${report.target.commit ? ` at commit ${e(report.target.commit)}` : ''} · schema v${report.schemaVersion}</small></p>
<h2>Charts</h2><div class="charts">${charts.join('\n')}</div>
<h2>Checks</h2><table><tr><th>Score</th><th>Check</th><th>Level</th><th>Risk</th><th>Result</th></tr>${checks.join('')}</table>
<h2>Findings (${open.length} new)</h2><table><tr><th>Severity</th><th>Where</th><th>What</th></tr>${findings.join('')}</table>${open.length > HTML_FINDINGS ? `<p>… and ${open.length - HTML_FINDINGS} more: every finding is in the JSON and SARIF reports.</p>` : ''}
<h2>Hotspots</h2>${caveat ? `<p class="notice"><b>${e(caveat).replace(/`([^`]+)`/g, '<code>$1</code>')}</b></p>` : ''}<p>The top ${report.hotspots.length} files take ${report.history.hotspotShare}% of all changes in the window.</p><table><tr><th>File</th><th>Changes</th><th>Complexity</th><th>Churn</th><th>Main author</th></tr>${hotspots.join('')}</table>
<h2>Most changed files</h2><p>${changed.length} of the ${report.history.files.total} files changed in the last ${e(report.history.since)}; every file is in the JSON report.</p><table><tr><th>File</th><th>Changes</th><th>Churn</th><th>Authors</th><th>Main author share</th><th>Age</th><th>First change</th><th>Last change</th></tr>${changed.join('')}</table>
<h2>Change coupling</h2><table><tr><th>File</th><th>Changes with</th><th>Shared</th><th>Degree</th></tr>${coupling.join('')}</table>
<h2>Languages</h2><table><tr><th>Language</th><th>Files</th><th>Code</th><th>Comment</th><th>Blank</th></tr>${languages.join('')}</table>
<h2>Skipped</h2><ul>${skipped.join('')}</ul>
</body></html>
`;
}
