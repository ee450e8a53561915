/**
 * @module The weekly founder report's security lines: new serious problems this week, what is
 * still open, and a plain "all clear" when the scans ran and found nothing.
 */
import { and, eq, gte, lt, inArray, sql } from 'drizzle-orm';
import type { ReportContributor, ReportLine } from '../reports/contributor.ts';
import { scanRuns, securityFindings } from '../db/schema.ts';

const plural = (n: number, one: string, many: string) => `${n} ${n === 1 ? one : many}`;

export const securityReportContributor: ReportContributor = {
  id: 'security',
  async lines(ctx, week) {
    const href = `/clients/${week.clientId}/security`;
    const [scanned] = await ctx.db
      .select({ n: sql<number>`count(*)::int` })
      .from(scanRuns)
      .where(
        and(
          eq(scanRuns.clientId, week.clientId),
          eq(scanRuns.status, 'succeeded'),
          lt(scanRuns.createdAt, week.end),
        ),
      );
    if (!scanned?.n) return [];
    const fresh = await ctx.db
      .select({ severity: securityFindings.severity })
      .from(securityFindings)
      .where(
        and(
          eq(securityFindings.clientId, week.clientId),
          inArray(securityFindings.severity, ['critical', 'high']),
          gte(securityFindings.firstSeenAt, week.start),
          lt(securityFindings.firstSeenAt, week.end),
        ),
      );
    const open = await ctx.db
      .select({ severity: securityFindings.severity })
      .from(securityFindings)
      .where(
        and(eq(securityFindings.clientId, week.clientId), eq(securityFindings.status, 'open')),
      );
    const lines: ReportLine[] = [];
    const freshCritical = fresh.filter((f) => f.severity === 'critical').length;
    if (fresh.length > 0)
      lines.push({
        section: 'security',
        text: `We found ${plural(fresh.length, 'new serious security problem', 'new serious security problems')} this week${freshCritical > 0 ? `, ${freshCritical} of them urgent` : ''}. We are fixing them first.`,
        evidence: { label: 'Security findings', href },
        signal: freshCritical > 0 ? 'red' : 'amber',
        mitigation: 'Leaked keys are changed first; weak packages get the fixed version.',
        order: 0,
      });
    const critical = open.filter((f) => f.severity === 'critical').length;
    const high = open.filter((f) => f.severity === 'high').length;
    if (open.length === 0)
      lines.push({
        section: 'security',
        text: 'Our scans for leaked keys and weak packages found no open problems.',
        evidence: { label: 'Security findings', href },
        signal: 'green',
        order: 1,
      });
    else
      lines.push({
        section: 'security',
        text: `${plural(open.length, 'security problem is', 'security problems are')} still open: ${critical} urgent, ${high} serious, ${open.length - critical - high} minor.`,
        evidence: { label: 'Security findings', href },
        signal: critical > 0 ? 'red' : high > 0 ? 'amber' : 'green',
        order: 1,
      });
    return lines;
  },
};
