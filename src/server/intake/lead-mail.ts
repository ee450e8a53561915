/** @module The "new lead" email to the owners: plain text, and HTML with every field escaped. */
import { stageLabels } from '../../shared/domain.ts';
import { escapeHtml } from '../../shared/escape-html.ts';
import type { Lead } from '../../shared/intake.ts';

export function leadMail(lead: Lead, publicUrl: string | undefined) {
  const link = `${publicUrl ?? ''}/leads`;
  const rows: [string, string][] = [
    ['Name', lead.name],
    ['Email', lead.email],
    ['Company', lead.company],
    ['Stage', stageLabels[lead.stage]],
    ['Stack', lead.stack.join(', ') || '—'],
    ['What is blocking them', lead.blocker],
    ['Budget', lead.budget ?? '—'],
    ['Timeline', lead.timeline ?? '—'],
  ];
  // The subject is one line of user text: line breaks go (the outbox also strips them).
  const subject = `New lead: ${lead.company} (${lead.name})`.replace(/\s+/g, ' ').slice(0, 200);
  const text = [
    'A new lead came in through the intake page.',
    '',
    ...rows.map(([k, v]) => `${k}: ${v}`),
    '',
    `Answer it: ${link}`,
  ].join('\n');
  const html = [
    '<p>A new lead came in through the intake page.</p>',
    '<table>',
    ...rows.map(
      ([k, v]) => `<tr><th align="left">${escapeHtml(k)}</th><td>${escapeHtml(v)}</td></tr>`,
    ),
    '</table>',
    `<p><a href="${escapeHtml(link)}">Open the leads page</a></p>`,
  ].join('\n');
  return { subject, text, html };
}
