/**
 * @module Security findings: one row per (repository, kind, engine fingerprint), so a secret or
 * a vulnerable package is one finding however many scans see it. A scan's results are merged
 * in one transaction: new → open (first seen), seen again → last seen moves (a fixed one
 * reopens), not seen by a successful scan of that kind → fixed. Accepted risks keep their
 * status until their expiry date, then reopen (a daily job, and again on every read).
 * Findings hold the masked secret only, never the secret.
 */
import { and, desc, eq, inArray, lt, notInArray, sql } from 'drizzle-orm';
import type { z } from 'zod';
import type {
  acceptRiskRequest,
  findingListQuery,
  SecurityFinding,
  Severity,
} from '../../shared/scans.ts';
import { severities } from '../../shared/scans.ts';
import type { Principal } from '../auth/principal.ts';
import { recordAudit } from '../audit-log/audit-log.service.ts';
import type { AppContext } from '../context.ts';
import type { Db } from '../db/database.ts';
import { repositories, securityFindings } from '../db/schema.ts';
import { invalid, notFound } from '../http/app-error.ts';

export interface IncomingFinding {
  fingerprint: string;
  severity: Severity;
  title: string;
  detail: Record<string, unknown>;
}

export interface MergeOutcome {
  found: number;
  new: number;
  reopened: number;
  fixed: number;
  /** Ids of findings seen for the first time at critical severity (for the owners' email). */
  newCritical: string[];
}

export async function mergeFindings(options: {
  db: Db;
  clientId: string;
  repositoryId: string;
  kind: 'secret' | 'dependency';
  findings: IncomingFinding[];
  /**
   * When set, an incoming finding whose fingerprint matches no row takes over a row of the same
   * group sharing an id with it (its fingerprint is updated; status, acceptance and first seen
   * are kept): a vulnerability whose alias set grew after an advisory import, or rows
   * fingerprinted by an older rule, stay one finding.
   */
  aliasesOf?: (detail: Record<string, unknown>) => { group: string; ids: string[] } | undefined;
  now?: Date;
}): Promise<MergeOutcome> {
  const { clientId, repositoryId, kind } = options;
  const now = options.now ?? new Date();
  const unique = new Map(options.findings.map((f) => [f.fingerprint, f]));
  return options.db.transaction(async (tx) => {
    const existing = await tx
      .select()
      .from(securityFindings)
      .where(and(eq(securityFindings.repositoryId, repositoryId), eq(securityFindings.kind, kind)));
    const byPrint = new Map(existing.map((row) => [row.fingerprint, row]));
    const outcome: MergeOutcome = {
      found: unique.size,
      new: 0,
      reopened: 0,
      fixed: 0,
      newCritical: [],
    };
    const seen = new Set<string>();
    const aliasMatch = (finding: IncomingFinding) => {
      const wanted = options.aliasesOf?.(finding.detail);
      if (!wanted) return undefined;
      const ids = new Set(wanted.ids);
      const candidates = existing.filter((row) => {
        if (seen.has(row.id) || unique.has(row.fingerprint)) return false;
        const have = options.aliasesOf!(row.detail);
        return have?.group === wanted.group && have.ids.some((id) => ids.has(id));
      });
      // An open or accepted row carries state worth keeping; a fixed one is reopened otherwise.
      return candidates.find((row) => row.status !== 'fixed') ?? candidates[0];
    };
    for (const finding of unique.values()) {
      const row = byPrint.get(finding.fingerprint) ?? aliasMatch(finding);
      if (row) seen.add(row.id);
      if (!row) {
        const [inserted] = await tx
          .insert(securityFindings)
          .values({
            clientId,
            repositoryId,
            kind,
            fingerprint: finding.fingerprint,
            severity: finding.severity,
            title: finding.title,
            detail: finding.detail,
            status: 'open',
            firstSeenAt: now,
            lastSeenAt: now,
          })
          .returning({ id: securityFindings.id });
        outcome.new++;
        if (finding.severity === 'critical') outcome.newCritical.push(inserted!.id);
        continue;
      }
      const isReopened = row.status === 'fixed';
      if (isReopened) outcome.reopened++;
      await tx
        .update(securityFindings)
        .set({
          fingerprint: finding.fingerprint,
          severity: finding.severity,
          title: finding.title,
          detail: finding.detail,
          lastSeenAt: now,
          updatedAt: now,
          ...(isReopened ? { status: 'open' as const, fixedAt: null } : {}),
        })
        .where(eq(securityFindings.id, row.id));
    }
    const gone = existing.filter((row) => row.status !== 'fixed' && !seen.has(row.id));
    if (gone.length > 0) {
      await tx
        .update(securityFindings)
        .set({ status: 'fixed', fixedAt: now, updatedAt: now })
        .where(
          inArray(
            securityFindings.id,
            gone.map((row) => row.id),
          ),
        );
      outcome.fixed = gone.length;
    }
    return outcome;
  });
}

/** Accepted risks whose date has passed are open again; returns how many reopened. */
export async function reopenExpired(db: Db, clientIds?: string[]): Promise<number> {
  const rows = await db
    .update(securityFindings)
    .set({ status: 'open', updatedAt: new Date() })
    .where(
      and(
        eq(securityFindings.status, 'accepted'),
        lt(securityFindings.acceptedUntil, sql`current_date`),
        clientIds ? inArray(securityFindings.clientId, clientIds) : undefined,
      ),
    )
    .returning({ id: securityFindings.id });
  return rows.length;
}

function present(
  row: typeof securityFindings.$inferSelect,
  repositoryName: string,
): SecurityFinding {
  return {
    id: row.id,
    repositoryId: row.repositoryId,
    repositoryName,
    kind: row.kind,
    severity: row.severity,
    title: row.title,
    detail: row.detail,
    status: row.status,
    acceptedReason: row.acceptedReason,
    acceptedUntil: row.acceptedUntil,
    firstSeenAt: row.firstSeenAt.toISOString(),
    lastSeenAt: row.lastSeenAt.toISOString(),
    fixedAt: row.fixedAt ? row.fixedAt.toISOString() : null,
  };
}

const severityRank = sql`case ${securityFindings.severity} when 'critical' then 0 when 'high' then 1 when 'medium' then 2 when 'low' then 3 else 4 end`;

export async function openCounts(db: Db, clientId: string) {
  const rows = await db
    .select({
      severity: securityFindings.severity,
      status: securityFindings.status,
      n: sql<number>`count(*)::int`,
    })
    .from(securityFindings)
    .where(
      and(eq(securityFindings.clientId, clientId), notInArray(securityFindings.status, ['fixed'])),
    )
    .groupBy(securityFindings.severity, securityFindings.status);
  const openBySeverity = Object.fromEntries(severities.map((s) => [s, 0])) as Record<
    Severity,
    number
  >;
  let acceptedCount = 0;
  for (const row of rows) {
    if (row.status === 'open') openBySeverity[row.severity] += row.n;
    else acceptedCount += row.n;
  }
  return { openBySeverity, acceptedCount };
}

export async function listFindings(
  ctx: AppContext,
  clientId: string,
  query: z.output<typeof findingListQuery>,
) {
  await reopenExpired(ctx.db, [clientId]);
  const rows = await ctx.db
    .select({ finding: securityFindings, repositoryName: repositories.name })
    .from(securityFindings)
    .innerJoin(repositories, eq(repositories.id, securityFindings.repositoryId))
    .where(
      and(
        eq(securityFindings.clientId, clientId),
        query.status === 'all' ? undefined : eq(securityFindings.status, query.status),
        query.kind ? eq(securityFindings.kind, query.kind) : undefined,
        query.severity ? eq(securityFindings.severity, query.severity) : undefined,
      ),
    )
    .orderBy(severityRank, desc(securityFindings.lastSeenAt))
    .limit(query.limit);
  return {
    ...(await openCounts(ctx.db, clientId)),
    findings: rows.map((r) => present(r.finding, r.repositoryName)),
  };
}

async function findFinding(db: Db, clientId: string, findingId: string) {
  const [row] = await db
    .select({ finding: securityFindings, repositoryName: repositories.name })
    .from(securityFindings)
    .innerJoin(repositories, eq(repositories.id, securityFindings.repositoryId))
    .where(and(eq(securityFindings.id, findingId), eq(securityFindings.clientId, clientId)));
  if (!row) throw notFound('finding');
  return row;
}

export async function acceptRisk(options: {
  ctx: AppContext;
  actor: Principal;
  clientId: string;
  findingId: string;
  input: z.output<typeof acceptRiskRequest>;
}): Promise<SecurityFinding> {
  const { ctx, actor, clientId, findingId, input } = options;
  const { finding, repositoryName } = await findFinding(ctx.db, clientId, findingId);
  if (finding.status === 'fixed')
    throw invalid('findingId', 'this finding is fixed; there is no risk left to accept');
  const today = new Date().toISOString().slice(0, 10);
  if (input.until <= today) throw invalid('body.until', 'must be a date after today');
  const maxDate = new Date(Date.now() + 366 * 86_400_000).toISOString().slice(0, 10);
  if (input.until > maxDate)
    throw invalid(
      'body.until',
      'must be within a year: accepted risks are reviewed at least yearly',
    );
  const updated = await ctx.db.transaction(async (tx) => {
    const [row] = await tx
      .update(securityFindings)
      .set({
        status: 'accepted',
        acceptedReason: input.reason,
        acceptedUntil: input.until,
        acceptedBy: actor.userId,
        updatedAt: new Date(),
      })
      .where(eq(securityFindings.id, findingId))
      .returning();
    await recordAudit(tx, {
      action: 'finding.accepted',
      actor,
      targetType: 'security-finding',
      targetId: findingId,
      clientId,
      details: { until: input.until, title: finding.title },
    });
    return row!;
  });
  return present(updated, repositoryName);
}

export async function reopenFinding(options: {
  ctx: AppContext;
  actor: Principal;
  clientId: string;
  findingId: string;
}): Promise<SecurityFinding> {
  const { ctx, actor, clientId, findingId } = options;
  const { finding, repositoryName } = await findFinding(ctx.db, clientId, findingId);
  if (finding.status !== 'accepted')
    throw invalid('findingId', 'only an accepted risk can be reopened');
  const updated = await ctx.db.transaction(async (tx) => {
    const [row] = await tx
      .update(securityFindings)
      .set({ status: 'open', acceptedUntil: null, acceptedReason: null, updatedAt: new Date() })
      .where(eq(securityFindings.id, findingId))
      .returning();
    await recordAudit(tx, {
      action: 'finding.reopened',
      actor,
      targetType: 'security-finding',
      targetId: findingId,
      clientId,
    });
    return row!;
  });
  return present(updated, repositoryName);
}
