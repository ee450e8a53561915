/**
 * @module The weekly report's SLO lines: an SLO burning its error budget, or with less than a
 * quarter of it left, in plain words ("Checkout is using its reliability budget 6 times too
 * fast. At this pace it runs out in 4 days."), each linking to the SLO. "Reliability budget" is
 * the error budget said for a founder.
 */
import { asc, eq } from 'drizzle-orm';
import type { SloStatus } from '../../shared/slo.ts';
import { slos } from '../db/schema.ts';
import type { ReportContributor, ReportLine } from '../reports/contributor.ts';
import { sloStatus } from './slo.service.ts';

/** Below this share of budget left, an SLO gets a line even when it is not burning. */
export const LOW_BUDGET = 0.25;

const days = (n: number) =>
  n < 1 ? 'less than a day' : `${Math.floor(n)} day${Math.floor(n) === 1 ? '' : 's'}`;

/** The sentence and signal for one SLO, or null when it is fine. */
export function describeSlo(
  status: Pick<
    SloStatus,
    'name' | 'currentLevel' | 'burnRates' | 'budgetLeft' | 'windowDays' | 'targetPercent'
  >,
): { text: string; signal: 'red' | 'amber' } | null {
  const left = status.budgetLeft;
  if (status.currentLevel !== 'ok') {
    // The rate that raised the level: 1 h for a page, 6 h for a warning.
    const rate = status.burnRates[status.currentLevel === 'page' ? '1h' : '6h'] ?? 0;
    const times = Math.max(1, Math.round(rate));
    const signal = status.currentLevel === 'page' ? 'red' : 'amber';
    if (left === null || left <= 0)
      return {
        text: `${status.name} fails ${times} times more often than it should. Its reliability budget is used up.`,
        signal,
      };
    return {
      text: `${status.name} is using its reliability budget ${times} times too fast. At this pace it runs out in ${days((left * status.windowDays) / Math.max(rate, 1))}.`,
      signal,
    };
  }
  if (left === null || left >= LOW_BUDGET) return null;
  if (left <= 0)
    return {
      text: `${status.name} missed its goal of ${status.targetPercent}%. It failed more often than agreed in the last ${status.windowDays} days.`,
      signal: 'amber',
    };
  return {
    text: `${status.name} has only ${Math.floor(left * 100)}% of its reliability budget left. A few more failures and it misses its goal.`,
    signal: 'amber',
  };
}

export const sloContributor: ReportContributor = {
  id: 'slo',
  async lines(ctx, week) {
    const rows = await ctx.db
      .select()
      .from(slos)
      .where(eq(slos.clientId, week.clientId))
      .orderBy(asc(slos.name));
    const lines: ReportLine[] = [];
    // Burn rates read the last hours' minute rollups: the line says how things stand now.
    const now = new Date();
    for (const row of rows) {
      const said = describeSlo(await sloStatus(ctx, row, now));
      if (!said) continue;
      lines.push({
        section: 'uptime',
        text: said.text,
        signal: said.signal,
        evidence: {
          label: 'SLO',
          href: `/clients/${week.clientId}/monitoring/slos#slo-${row.id}`,
        },
        order: 2,
      });
    }
    return lines;
  },
};
