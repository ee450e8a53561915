/**
 * @module The weekly report as Markdown (export, and the email's text part) and as the email's
 * HTML. Every value is escaped: lines carry text people typed. Links are absolute, built from
 * `KEEL_PUBLIC_URL` (or the local address) so they work from a mail client.
 */
import { escapeHtml as esc } from '../../shared/escape-html.ts';
import type { WeeklyReport } from '../../shared/reports.ts';

const statusWord = { red: 'Red', amber: 'Amber', green: 'Green' } as const;
const statusMeaning = {
  red: 'needs your attention',
  amber: 'some things to watch',
  green: 'on track',
} as const;

/** Markdown-escapes text so a typed `*`, `[` or `<` renders as itself. */
function md(text: string): string {
  return text.replace(/([\\`*_{}[\]()#+!|<>~])/g, '\\$1').replace(/\r?\n/g, ' ');
}

function link(base: string, href: string): string {
  return href.startsWith('/') ? `${base}${href}` : href;
}

export function reportMarkdown(report: WeeklyReport, baseUrl: string): string {
  const out: string[] = [
    `# Weekly report: ${md(report.client.name)}`,
    '',
    `Week of ${md(report.week.label)} (${md(report.week.timeZone)})`,
    '',
    `**Status: ${statusWord[report.status]}** (${statusMeaning[report.status]}). ${md(report.headline)}`,
    '',
  ];
  for (const section of report.sections) {
    out.push(`## ${section.title}`, '');
    if (section.lines.length === 0) {
      out.push(section.empty, '');
      continue;
    }
    for (const line of section.lines) {
      const mitigation = line.mitigation ? ` What we do about it: ${md(line.mitigation)}` : '';
      const mark = line.signal && line.signal !== 'green' ? `(${statusWord[line.signal]}) ` : '';
      out.push(
        `- ${mark}${md(line.text)}${mitigation} ([${md(line.evidence.label)}](<${link(baseUrl, line.evidence.href)}>))`,
      );
    }
    out.push('');
  }
  for (const problem of report.problems) out.push(`> ${md(problem)}`, '');
  return `${out.join('\n').trimEnd()}\n`;
}

const color = { red: '#b42318', amber: '#b54708', green: '#067647' } as const;

export function reportEmailHtml(report: WeeklyReport, baseUrl: string): string {
  const sections = report.sections
    .map((section) => {
      const body =
        section.lines.length === 0
          ? `<p style="color:#555">${esc(section.empty)}</p>`
          : `<ul>${section.lines
              .map((line) => {
                const mark =
                  line.signal && line.signal !== 'green'
                    ? `<strong style="color:${color[line.signal]}">${statusWord[line.signal]}:</strong> `
                    : '';
                const mitigation = line.mitigation
                  ? ` <em>What we do about it:</em> ${esc(line.mitigation)}`
                  : '';
                return `<li>${mark}${esc(line.text)}${mitigation} <a href="${esc(link(baseUrl, line.evidence.href))}">${esc(line.evidence.label)}</a></li>`;
              })
              .join('')}</ul>`;
      return `<h2 style="font-size:17px;margin:20px 0 6px">${esc(section.title)}</h2>${body}`;
    })
    .join('');
  return `<!doctype html><html lang="en"><head><meta charset="utf-8"><title>${esc(`Weekly report: ${report.client.name}`)}</title></head>
<body style="font-family:system-ui,sans-serif;max-width:640px;margin:0 auto;padding:16px;color:#111;line-height:1.5">
<h1 style="font-size:22px">Weekly report: ${esc(report.client.name)}</h1>
<p style="color:#555">Week of ${esc(report.week.label)}</p>
<p style="border-left:6px solid ${color[report.status]};padding:8px 12px;background:#f6f6f6"><strong style="color:${color[report.status]}">${statusWord[report.status]}</strong> (${statusMeaning[report.status]}). ${esc(report.headline)}</p>
${sections}
${report.problems.map((p) => `<p style="color:#555"><em>${esc(p)}</em></p>`).join('')}
<p style="color:#777;font-size:13px">Sent by Keel. <a href="${esc(`${baseUrl}/clients/${report.client.id}/report?week=${report.week.start}`)}">Open this report</a>.</p>
</body></html>`;
}
