/**
 * @module The weekly founder report's quality line: per repository, the latest audit score and
 * level and the change since the audit before it, in plain words. A failed latest audit says so.
 */
import { and, desc, eq, lt } from 'drizzle-orm';
import type { ReportContributor, ReportLine, Signal } from '../reports/contributor.ts';
import { auditRuns, repositories } from '../db/schema.ts';

const levelWords: Record<string, string> = { bronze: 'Bronze', silver: 'Silver', gold: 'Gold' };

function change(score: number, previous: number | null | undefined): string {
  if (previous === null || previous === undefined) return 'This is the first check.';
  const delta = Math.round((score - previous) * 10) / 10;
  if (delta === 0) return 'No change since the last check.';
  return delta > 0 ? `Up ${delta} since the last check.` : `Down ${-delta} since the last check.`;
}

const signalOf = (score: number): Signal => (score >= 7 ? 'green' : score >= 5 ? 'amber' : 'red');

export const auditsReportContributor: ReportContributor = {
  id: 'audits',
  async lines(ctx, week) {
    const repos = await ctx.db
      .select({ id: repositories.id, name: repositories.name })
      .from(repositories)
      .where(eq(repositories.clientId, week.clientId))
      .orderBy(repositories.name);
    const lines: ReportLine[] = [];
    for (const repo of repos.slice(0, 5)) {
      const runs = await ctx.db
        .select()
        .from(auditRuns)
        .where(and(eq(auditRuns.repositoryId, repo.id), lt(auditRuns.createdAt, week.end)))
        .orderBy(desc(auditRuns.createdAt))
        .limit(10);
      const latest = runs.find((r) => r.status === 'succeeded' || r.status === 'failed');
      if (!latest) continue;
      const href = `/clients/${week.clientId}/audits/${latest.id}`;
      if (latest.status === 'failed') {
        lines.push({
          section: 'quality',
          text: `The last code check of ${repo.name} did not finish. We are looking into it.`,
          evidence: { label: 'Audit run', href },
          signal: 'amber',
        });
        continue;
      }
      if (latest.score === null) continue;
      const previous = runs.find(
        (r) => r.status === 'succeeded' && r.id !== latest.id && r.createdAt < latest.createdAt,
      );
      const level = latest.level ? ` (${levelWords[latest.level] ?? latest.level} level)` : '';
      lines.push({
        section: 'quality',
        text: `Code health of ${repo.name} is ${latest.score} out of 10${level}. ${change(latest.score, previous?.score)}`,
        evidence: { label: 'Audit run', href },
        signal: signalOf(latest.score),
      });
    }
    return lines;
  },
};
