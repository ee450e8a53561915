/** @module Plain-text and Markdown reports for terminals and pull-request comments. */
import type { Finding, ScanResult } from '../types.ts';
import { FOUNDER_NOTE, REMEDIATION_STEPS } from './remediation.ts';

const where = (f: Finding): string => `${f.file}:${f.line}`;
const provenance = (f: Finding): string =>
  f.commit
    ? `commit ${f.commit.slice(0, 12)} by ${f.author ?? '?'} on ${(f.date ?? '').slice(0, 10)}, ${f.presence}`
    : f.presence;

function summary(result: ScanResult): string {
  const blocking = result.findings.filter((f) => f.isBlocking).length;
  const s = result.stats;
  return (
    `${result.findings.length} finding(s), ${blocking} blocking · mode ${result.mode} · ` +
    `${s.files} file(s)${s.commits ? `, ${s.commits} commit(s)` : ''}, ${(s.bytes / 1048576).toFixed(1)} MiB in ${s.durationMs} ms · ` +
    `suppressed: ${result.suppressed.baseline} by baseline, ${result.suppressed.inline} inline`
  );
}

export function renderText(result: ScanResult): string {
  const lines: string[] = [];
  for (const f of result.findings) {
    lines.push(`${f.isBlocking ? 'BLOCK' : 'note '} ${f.ruleId} (${f.confidence}) ${where(f)}`);
    lines.push(
      `      ${f.description}; secret ${f.secretMasked} (${f.secretLength} chars); ${provenance(f)}; fingerprint ${f.fingerprint}`,
    );
  }
  for (const w of result.warnings) lines.push(`warning: ${w}`);
  lines.push(summary(result));
  if (result.findings.some((f) => f.isBlocking)) {
    lines.push('', 'What to do:', ...REMEDIATION_STEPS.map((step, i) => `  ${i + 1}. ${step}`));
  }
  return lines.join('\n') + '\n';
}

const cell = (text: string): string => text.replace(/\|/g, '\\|').replace(/\n/g, ' ');

export function renderMarkdown(result: ScanResult): string {
  const lines = ['# Secrets scan', '', summary(result), ''];
  if (result.findings.length > 0) {
    lines.push(
      '| | rule | location | secret | where it lives | fingerprint |',
      '|---|---|---|---|---|---|',
    );
    for (const f of result.findings) {
      lines.push(
        `| ${f.isBlocking ? '🛑' : 'ℹ️'} | ${cell(f.ruleId)} (${f.confidence}) | \`${cell(where(f))}\` | \`${cell(f.secretMasked)}\` (${f.secretLength}) | ${cell(provenance(f))} | \`${f.fingerprint}\` |`,
      );
    }
    lines.push(
      '',
      '## Why it matters',
      '',
      FOUNDER_NOTE,
      '',
      '## What to do',
      '',
      ...REMEDIATION_STEPS.map((s, i) => `${i + 1}. ${s}`),
    );
  }
  if (result.warnings.length > 0)
    lines.push('', '## Warnings', '', ...result.warnings.map((w) => `- ${cell(w)}`));
  return lines.join('\n') + '\n';
}
