/**
 * @module What the security and audit work puts on the portfolio home: new critical findings
 * (urgency 95), failed scans or audits (60), accepted risks that expire within 7 days (55).
 */
import { and, desc, eq, gte, inArray, lte, sql } from 'drizzle-orm';
import type { AttentionItem, AttentionSource } from '../portfolio/attention.ts';
import { auditRuns, repositories, scanRuns, securityFindings } from '../db/schema.ts';

export const securityAttentionSource: AttentionSource = {
  id: 'security',
  async items(ctx, clientIds) {
    if (clientIds.length === 0) return [];
    const items: AttentionItem[] = [];
    const weekAgo = new Date(Date.now() - 7 * 86_400_000);
    const critical = await ctx.db
      .select({ clientId: securityFindings.clientId, n: sql<number>`count(*)::int` })
      .from(securityFindings)
      .where(
        and(
          inArray(securityFindings.clientId, clientIds),
          eq(securityFindings.status, 'open'),
          eq(securityFindings.severity, 'critical'),
          gte(securityFindings.firstSeenAt, weekAgo),
        ),
      )
      .groupBy(securityFindings.clientId);
    for (const row of critical)
      items.push({
        clientId: row.clientId,
        kind: 'security-critical-finding',
        text: `${row.n} new critical security finding${row.n > 1 ? 's' : ''}: rotate or upgrade now.`,
        href: `/clients/${row.clientId}/security`,
        urgency: 95,
      });

    const repos = await ctx.db
      .select({ id: repositories.id, name: repositories.name, clientId: repositories.clientId })
      .from(repositories)
      .where(inArray(repositories.clientId, clientIds));
    if (repos.length > 0) {
      const ids = repos.map((r) => r.id);
      const scans = await ctx.db
        .select()
        .from(scanRuns)
        .where(
          and(
            inArray(scanRuns.repositoryId, ids),
            inArray(scanRuns.status, ['succeeded', 'failed']),
          ),
        )
        .orderBy(desc(scanRuns.createdAt))
        .limit(500);
      const audits = await ctx.db
        .select()
        .from(auditRuns)
        .where(
          and(
            inArray(auditRuns.repositoryId, ids),
            inArray(auditRuns.status, ['succeeded', 'failed']),
          ),
        )
        .orderBy(desc(auditRuns.createdAt))
        .limit(500);
      for (const repo of repos) {
        const latest = [
          ...(['secrets', 'deps'] as const).map((kind) => {
            const run = scans.find((s) => s.repositoryId === repo.id && s.kind === kind);
            return run && { what: kind === 'secrets' ? 'secrets scan' : 'dependency scan', run };
          }),
          (() => {
            const run = audits.find((a) => a.repositoryId === repo.id);
            return run && { what: 'audit', run };
          })(),
        ];
        for (const entry of latest) {
          if (!entry || entry.run.status !== 'failed') continue;
          items.push({
            clientId: repo.clientId,
            kind: 'security-scan-failed',
            text: `The last ${entry.what} of ${repo.name} failed: ${entry.run.error ?? 'no reason given'}`,
            href: `/clients/${repo.clientId}/security`,
            urgency: 60,
          });
        }
      }
    }

    const today = new Date().toISOString().slice(0, 10);
    const soon = new Date(Date.now() + 7 * 86_400_000).toISOString().slice(0, 10);
    const expiring = await ctx.db
      .select()
      .from(securityFindings)
      .where(
        and(
          inArray(securityFindings.clientId, clientIds),
          eq(securityFindings.status, 'accepted'),
          gte(securityFindings.acceptedUntil, today),
          lte(securityFindings.acceptedUntil, soon),
        ),
      );
    for (const f of expiring)
      items.push({
        clientId: f.clientId,
        kind: 'security-acceptance-expiring',
        text: `An accepted risk expires on ${f.acceptedUntil}: ${f.title}`,
        href: `/clients/${f.clientId}/security`,
        urgency: 55,
        due: f.acceptedUntil!,
        dateLabel: 'expires',
      });
    return items;
  },
};
