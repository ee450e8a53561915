/**
 * @module Audit runs: one row per run of the audit engine on a connected repository, queued on
 * demand or by the weekly schedule and run by the `audits.run` job. A run keeps the score,
 * level, checks, top findings and hotspots as columns (for the client page and its trend) and
 * the engine's full JSON report, trimmed past `REPORT_MAX_BYTES`.
 */
import { and, desc, eq } from 'drizzle-orm';
import { runAudit } from '../../engines/audit/pipeline.ts';
import type { AuditReport } from '../../engines/audit/report-types.ts';
import type { AuditRun, AuditRunSummary } from '../../shared/scans.ts';
import type { Principal } from '../auth/principal.ts';
import type { AppContext } from '../context.ts';
import { auditRuns, repositories } from '../db/schema.ts';
import { notFound } from '../http/app-error.ts';
import { presentAuditSummary } from '../repositories/present.ts';
import { findRepository, withCheckout } from '../repositories/repositories.service.ts';

/** 2 MiB of JSON per run: a year of weekly runs of a large repository stays around 100 MiB. */
export const REPORT_MAX_BYTES = 2 * 1024 * 1024;
const TOP_FINDINGS = 20;
const TOP_HOTSPOTS = 10;
const riskOrder = ['critical', 'high', 'medium', 'low'];

export async function requestAudit(options: {
  ctx: AppContext;
  clientId: string;
  repositoryId: string;
  trigger: 'manual' | 'schedule';
  actor?: Principal;
}): Promise<AuditRunSummary> {
  const { ctx, clientId, repositoryId } = options;
  await findRepository(ctx.db, clientId, repositoryId);
  const [run] = await ctx.db
    .insert(auditRuns)
    .values({
      clientId,
      repositoryId,
      status: 'queued',
      trigger: options.trigger,
      requestedBy: options.actor?.userId ?? null,
    })
    .returning();
  await ctx.jobs.send('audits.run', { runId: run!.id });
  return presentAuditSummary(run!);
}

/** Drops the bulkiest parts of a report until it fits, and says so. */
export function trimReport(report: AuditReport): {
  report: Record<string, unknown>;
  isTrimmed: boolean;
} {
  const copy = structuredClone(report) as unknown as Record<string, unknown> & AuditReport;
  const fits = () => Buffer.byteLength(JSON.stringify(copy)) <= REPORT_MAX_BYTES;
  if (fits()) return { report: copy, isTrimmed: false };
  const cuts: (() => void)[] = [
    () => keepFileHistory(copy, 2000),
    () => keepFileHistory(copy, 200),
    () => (copy.history.coupling = copy.history.coupling.slice(0, 50)),
    () => (copy.history.knowledge = copy.history.knowledge.slice(0, 100)),
    () => (copy.duplication.clones = copy.duplication.clones.slice(0, 50)),
    () => (copy.complexity.worst = copy.complexity.worst.slice(0, 100)),
    () => (copy.findings = copy.findings.slice(0, 500)),
    () => (copy.history.folders = copy.history.folders.slice(0, 50)),
    () => (copy.findings = copy.findings.slice(0, 100)),
  ];
  for (const cut of cuts) {
    cut();
    if (fits()) return { report: copy, isTrimmed: true };
  }
  const { findings: _f, history: _h, complexity: _c, duplication: _d, ...rest } = copy;
  return { report: { ...rest, trimmedTo: 'summary' }, isTrimmed: true };
}

/** Keeps the most changed files of the per-file history (rows are most changed first). */
function keepFileHistory(report: AuditReport, rows: number): void {
  const files = report.history.files;
  files.omitted += Math.max(0, files.rows.length - rows);
  files.rows = files.rows.slice(0, rows);
}

/** The job's work: check out, audit, keep the result. A failure is kept on the run, not thrown. */
export async function executeAuditRun(ctx: AppContext, runId: string): Promise<{ status: string }> {
  const [run] = await ctx.db.select().from(auditRuns).where(eq(auditRuns.id, runId));
  if (!run || run.status === 'succeeded') return { status: run?.status ?? 'gone' };
  await ctx.db
    .update(auditRuns)
    .set({ status: 'running', startedAt: new Date(), error: null })
    .where(eq(auditRuns.id, runId));
  try {
    const report = await withCheckout(ctx, run.repositoryId, async ({ dir }) => {
      const result = await runAudit({ input: dir });
      if (!result.ok) throw new Error(result.error);
      return result.value;
    });
    const findings = [...report.findings]
      .filter((f) => !f.baselined)
      .sort((a, b) => riskOrder.indexOf(a.severity) - riskOrder.indexOf(b.severity));
    const { report: stored, isTrimmed } = trimReport(report);
    await ctx.db
      .update(auditRuns)
      .set({
        status: 'succeeded',
        finishedAt: new Date(),
        score: report.score,
        level: report.level,
        commit: report.target.commit,
        checks: report.checks.map((c) => ({
          id: c.id,
          title: c.title,
          risk: c.risk,
          level: c.level,
          score: c.score,
          passed: c.passed,
          summary: c.summary,
        })),
        topFindings: findings.slice(0, TOP_FINDINGS).map((f) => ({
          checkId: f.checkId,
          severity: f.severity,
          message: f.message,
          ...(f.path ? { path: f.path } : {}),
          ...(f.line ? { line: f.line } : {}),
          whyItMatters: f.whyItMatters,
          howToFix: f.howToFix,
        })),
        findingCount: findings.length,
        hotspots: report.hotspots.slice(0, TOP_HOTSPOTS).map((h) => ({
          path: h.path,
          revisions: h.revisions,
          complexity: h.complexity,
          score: h.score,
        })),
        hotspotShare: report.history.hotspotShare,
        report: stored,
        isReportTrimmed: isTrimmed,
      })
      .where(eq(auditRuns.id, runId));
    return { status: 'succeeded' };
  } catch (error) {
    const message = (error as Error).message.split('\n')[0]!.slice(0, 500);
    await ctx.db
      .update(auditRuns)
      .set({ status: 'failed', finishedAt: new Date(), error: message })
      .where(eq(auditRuns.id, runId));
    ctx.logger.warn({ runId, error: message }, 'audit run failed');
    return { status: 'failed' };
  }
}

export async function listAuditRuns(
  ctx: AppContext,
  clientId: string,
  options: { repositoryId?: string | undefined; limit: number },
): Promise<AuditRunSummary[]> {
  const rows = await ctx.db
    .select()
    .from(auditRuns)
    .where(
      and(
        eq(auditRuns.clientId, clientId),
        options.repositoryId ? eq(auditRuns.repositoryId, options.repositoryId) : undefined,
      ),
    )
    .orderBy(desc(auditRuns.createdAt))
    .limit(options.limit);
  return rows.map(presentAuditSummary);
}

export async function getAuditRun(
  ctx: AppContext,
  clientId: string,
  runId: string,
): Promise<AuditRun> {
  const [row] = await ctx.db
    .select({ run: auditRuns, repositoryName: repositories.name })
    .from(auditRuns)
    .innerJoin(repositories, eq(repositories.id, auditRuns.repositoryId))
    .where(and(eq(auditRuns.id, runId), eq(auditRuns.clientId, clientId)));
  if (!row) throw notFound('audit run');
  const { run } = row;
  return {
    ...presentAuditSummary(run),
    repositoryName: row.repositoryName,
    commit: run.commit,
    checks: run.checks as AuditRun['checks'],
    topFindings: run.topFindings as AuditRun['topFindings'],
    hotspots: run.hotspots as AuditRun['hotspots'],
    hotspotShare: run.hotspotShare,
    isReportTrimmed: run.isReportTrimmed,
    report: run.report ?? null,
  };
}
