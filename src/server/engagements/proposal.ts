/**
 * @module The proposal for an engagement, built from the scoping: goals (the must and should
 * user paths), every user path, constraints, milestones with their payment, the price and the
 * terms. Also rendered as Markdown, with every piece of user text escaped.
 */
import { eq } from 'drizzle-orm';
import { todayUtc } from '../../shared/dates.ts';
import {
  describePrice,
  engagementKindLabels,
  formatMoney,
  type Proposal,
} from '../../shared/engagements.ts';
import { priorityLabels } from '../../shared/roadmap.ts';
import type { AppContext } from '../context.ts';
import { clients } from '../db/schema.ts';
import { notFound } from '../http/app-error.ts';
import { findMilestones, presentMilestone } from '../roadmap/roadmap.repo.ts';
import { getScoping } from '../roadmap/scoping.service.ts';
import { findEngagement, presentEngagement } from './engagements.service.ts';

export async function buildProposal(
  ctx: AppContext,
  clientId: string,
  engagementId: string,
): Promise<Proposal> {
  const row = await findEngagement(ctx.db, clientId, engagementId);
  if (!row) throw notFound('engagement');
  const engagement = presentEngagement(row);
  const [[client], scoping, milestoneRows] = await Promise.all([
    ctx.db.select({ name: clients.name }).from(clients).where(eq(clients.id, clientId)),
    getScoping(ctx, clientId),
    findMilestones(ctx.db, clientId),
  ]);
  const today = todayUtc();
  // The engagement's own milestones; when none is linked yet, the client's unassigned ones.
  const linked = milestoneRows.filter((m) => m.engagementId === engagementId);
  const chosen = (linked.length ? linked : milestoneRows.filter((m) => m.engagementId === null))
    .filter((m) => m.status !== 'cancelled')
    .sort((a, b) => (a.dueDate < b.dueDate ? -1 : a.dueDate > b.dueDate ? 1 : 0));
  return {
    clientName: client?.name ?? '',
    engagement,
    summary: scoping.summary,
    goals: scoping.userPaths.filter((p) => p.priority === 'must' || p.priority === 'should'),
    userPaths: scoping.userPaths,
    constraints: scoping.constraints,
    milestones: chosen.map((m) => ({
      ...presentMilestone(m, today),
      payment: paymentOf(engagement, m.pricePercent, m.priceAmount),
    })),
    priceText: describePrice(engagement),
  };
}

function paymentOf(
  e: Proposal['engagement'],
  percent: number | null,
  amount: number | null,
): [number, number] | null {
  if (amount !== null) return [amount, amount];
  if (percent === null) return null;
  if (e.kind === 'retainer') {
    const fee = ((e.monthlyFee ?? 0) * percent) / 100;
    return [Math.round(fee), Math.round(fee)];
  }
  if (e.priceMin === null || e.priceMax === null) return null;
  return [Math.round((e.priceMin * percent) / 100), Math.round((e.priceMax * percent) / 100)];
}

/** Escapes one line so Markdown shows it literally: no markup, links, HTML or headings. */
export function escapeMarkdown(text: string): string {
  return text
    .replace(/\s+/g, ' ')
    .trim()
    .replace(/[\\`*_[\]|~]/g, (c) => `\\${c}`)
    .replace(/&/g, '&amp;')
    .replace(/</g, '&lt;')
    .replace(/>/g, '&gt;')
    .replace(/^([#+-])/, '\\$1')
    .replace(/^(\d+)([.)])/, '$1\\$2');
}

/** Escapes text of several lines and paragraphs, keeping its line breaks. */
export function escapeMarkdownBlock(text: string): string {
  return text
    .replace(/\r\n?/g, '\n')
    .split('\n')
    .map((line) => escapeMarkdown(line))
    .join('\n')
    .replace(/\n{3,}/g, '\n\n')
    .trim();
}

function money(p: Proposal, [low, high]: [number, number]): string {
  const c = p.engagement.currency;
  return low === high
    ? formatMoney(c, low)
    : `${formatMoney(c, low)}–${high.toLocaleString('en-US')}`;
}

export function renderProposalMarkdown(p: Proposal): string {
  const e = p.engagement;
  const md = escapeMarkdown;
  const out: string[] = [];
  out.push(`# Proposal: ${md(e.title)}`, '');
  out.push(
    `For **${md(p.clientName)}**. ${engagementKindLabels[e.kind]}, from ${e.startDate}${e.endDate ? ` to ${e.endDate}` : ''}.`,
    '',
  );
  if (p.summary.trim()) out.push(escapeMarkdownBlock(p.summary), '');
  out.push('## Goals', '');
  if (p.goals.length === 0) out.push('No goals agreed yet.', '');
  for (const g of p.goals)
    out.push(`- ${md(g.who)} can ${md(g.goal)} (${priorityLabels[g.priority]})`);
  if (p.goals.length) out.push('');
  out.push('## User paths', '');
  if (p.userPaths.length === 0) out.push('No user paths yet.', '');
  for (const u of p.userPaths) {
    out.push(`### ${md(u.who)}: ${md(u.goal)}`, '', `Priority: ${priorityLabels[u.priority]}`, '');
    u.steps.forEach((s, i) => out.push(`${i + 1}. ${md(s)}`));
    if (u.steps.length) out.push('');
  }
  if (p.constraints.length) {
    out.push('## Constraints', '');
    for (const c of p.constraints) out.push(`- ${c.kind}: ${md(c.text)}`);
    out.push('');
  }
  out.push('## Milestones', '');
  if (p.milestones.length === 0) out.push('No milestones yet.', '');
  p.milestones.forEach((m, i) => {
    const share =
      m.pricePercent !== null
        ? `${m.pricePercent} % of the price`
        : m.priceAmount !== null
          ? 'fixed amount'
          : 'no payment';
    const pay = m.payment ? `, ${money(p, m.payment)}` : '';
    out.push(`### ${i + 1}. ${md(m.title)}`, '', `Due ${m.dueDate}. Payment: ${share}${pay}.`, '');
    if (m.acceptance.length) {
      out.push('Accepted when:', '');
      for (const a of m.acceptance) out.push(`- [${a.met ? 'x' : ' '}] ${md(a.text)}`);
      out.push('');
    }
  });
  out.push('## Price', '', `${p.priceText}.`, '');
  out.push('## Terms', '', e.terms.trim() ? escapeMarkdownBlock(e.terms) : 'Standard terms.', '');
  return out.join('\n');
}
