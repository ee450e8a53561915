/**
 * @module Security scans of connected repositories: `secrets` (working tree and the whole git
 * history; one finding per engine fingerprint, so a secret in both is one finding) and `deps`
 * (lockfiles matched against the advisories in Keel's database). Queued on demand or by the
 * daily schedule, run by the `security.scan` job; results merged by findings.service.ts.
 */
import { createHash } from 'node:crypto';
import { and, desc, eq } from 'drizzle-orm';
import { scanFolder } from '../../engines/deps/index.ts';
import type { Finding as DepFinding } from '../../engines/deps/index.ts';
import { isGitWorkTree } from '../../engines/secrets/git.ts';
import { scanSecrets } from '../../engines/secrets/index.ts';
import type { Finding as SecretFinding } from '../../engines/secrets/index.ts';
import type { ScanRun, Severity } from '../../shared/scans.ts';
import type { Principal } from '../auth/principal.ts';
import { DbAdvisoryStore } from '../advisories/advisory-store.ts';
import type { AppContext } from '../context.ts';
import { scanRuns } from '../db/schema.ts';
import { presentScanRun } from '../repositories/present.ts';
import { findRepository, withCheckout } from '../repositories/repositories.service.ts';
import { mergeFindings, type IncomingFinding, type MergeOutcome } from './findings.service.ts';
import { notifyNewCritical } from './notify.ts';

export type ScanKind = 'secrets' | 'deps';

export async function requestScans(options: {
  ctx: AppContext;
  clientId: string;
  repositoryId: string;
  kinds: ScanKind[];
  trigger: 'manual' | 'schedule';
  actor?: Principal;
}): Promise<ScanRun[]> {
  const { ctx, clientId, repositoryId } = options;
  await findRepository(ctx.db, clientId, repositoryId);
  const runs = await ctx.db
    .insert(scanRuns)
    .values(
      [...new Set(options.kinds)].map((kind) => ({
        clientId,
        repositoryId,
        kind,
        status: 'queued' as const,
        trigger: options.trigger,
        requestedBy: options.actor?.userId ?? null,
      })),
    )
    .returning();
  for (const run of runs) await ctx.jobs.send('security.scan', { runId: run.id });
  return runs.map(presentScanRun);
}

/**
 * Secrets: blocking rules with high confidence are critical (a live credential), other blocking
 * rules high, generic non-blocking notes low.
 */
function secretSeverity(f: SecretFinding): Severity {
  if (!f.isBlocking) return 'low';
  return f.confidence === 'high' ? 'critical' : 'high';
}

function fromSecret(f: SecretFinding): IncomingFinding {
  return {
    fingerprint: f.fingerprint,
    severity: secretSeverity(f),
    title: `${f.description} in ${f.file}`,
    detail: {
      rule: f.ruleId,
      file: f.file,
      line: f.line,
      ...(f.commit ? { commit: f.commit } : {}),
      ...(f.date ? { date: f.date } : {}),
      presence: f.presence,
      masked: f.secretMasked,
      length: f.secretLength,
      confidence: f.confidence,
      isBlocking: f.isBlocking,
    },
  };
}

function depSeverity(f: DepFinding): Severity {
  const rating = f.severity.rating;
  if (rating === 'none') return 'low';
  return rating;
}

function fromDependency(f: DepFinding): IncomingFinding {
  const fingerprint = createHash('sha256')
    .update([f.lockfile, f.ecosystem, f.package, f.ids[0] ?? f.summary].join('\u0000'))
    .digest('hex');
  return {
    fingerprint,
    severity: depSeverity(f),
    title: `${f.package} ${f.installedVersion}: ${f.summary || f.ids[0]}`,
    detail: {
      ecosystem: f.ecosystem,
      package: f.package,
      installedVersion: f.installedVersion,
      ids: f.ids,
      score: f.severity.score,
      fixedVersions: f.fixedVersions,
      upgradeTo: f.upgradeTo,
      isDirect: f.isDirect,
      path: f.path,
      lockfile: f.lockfile,
      ...(f.line ? { line: f.line } : {}),
      references: f.references.slice(0, 5),
    },
  };
}

async function scanSecretsIn(dir: string) {
  const tree = await scanSecrets({ root: dir, mode: 'tree' });
  if (!tree.ok) throw new Error(tree.error.messages.join('; '));
  const findings = new Map(tree.value.findings.map((f) => [f.fingerprint, f]));
  let commits = 0;
  if (await isGitWorkTree(dir)) {
    const history = await scanSecrets({ root: dir, mode: 'history' });
    if (!history.ok) throw new Error(history.error.messages.join('; '));
    commits = history.value.stats.commits;
    for (const f of history.value.findings)
      if (!findings.has(f.fingerprint)) findings.set(f.fingerprint, f);
  }
  return {
    findings: [...findings.values()].map(fromSecret),
    extra: { files: tree.value.stats.files, commits, warnings: tree.value.warnings.slice(0, 5) },
  };
}

async function scanDepsIn(ctx: AppContext, dir: string) {
  const store = new DbAdvisoryStore(ctx.db);
  const scanned = await scanFolder({ root: dir, store });
  if (!scanned.ok) throw new Error(scanned.error);
  const report = scanned.value;
  return {
    findings: report.findings.map(fromDependency),
    extra: {
      lockfiles: report.lockfiles.length,
      packages: report.packages.length,
      lockfileErrors: report.errors
        .slice(0, 10)
        .map((e) => `${e.file}${e.line ? `:${e.line}` : ''}: ${e.message}`),
      advisoryImports: report.advisorySources.length,
    },
  };
}

/** The job's work. A failure is kept on the run (status and a message without secrets). */
export async function executeScanRun(ctx: AppContext, runId: string): Promise<{ status: string }> {
  const [run] = await ctx.db.select().from(scanRuns).where(eq(scanRuns.id, runId));
  if (!run || run.status === 'succeeded') return { status: run?.status ?? 'gone' };
  await ctx.db
    .update(scanRuns)
    .set({ status: 'running', startedAt: new Date(), error: null })
    .where(eq(scanRuns.id, runId));
  try {
    const scanned = await withCheckout(ctx, run.repositoryId, async ({ dir, notes }) => {
      const result = run.kind === 'secrets' ? await scanSecretsIn(dir) : await scanDepsIn(ctx, dir);
      return { ...result, notes };
    });
    const merged: MergeOutcome = await mergeFindings({
      db: ctx.db,
      clientId: run.clientId,
      repositoryId: run.repositoryId,
      kind: run.kind === 'secrets' ? 'secret' : 'dependency',
      findings: scanned.findings,
    });
    const { newCritical, ...counts } = merged;
    await ctx.db
      .update(scanRuns)
      .set({
        status: 'succeeded',
        finishedAt: new Date(),
        summary: {
          ...counts,
          newCritical: newCritical.length,
          ...scanned.extra,
          notes: scanned.notes,
        },
      })
      .where(eq(scanRuns.id, runId));
    if (newCritical.length > 0) await notifyNewCritical(ctx, run.clientId);
    return { status: 'succeeded' };
  } catch (error) {
    const message = (error as Error).message.split('\n')[0]!.slice(0, 500);
    await ctx.db
      .update(scanRuns)
      .set({ status: 'failed', finishedAt: new Date(), error: message })
      .where(eq(scanRuns.id, runId));
    ctx.logger.warn({ runId, kind: run.kind, error: message }, 'security scan failed');
    return { status: 'failed' };
  }
}

export async function listScanRuns(ctx: AppContext, clientId: string, limit: number) {
  const rows = await ctx.db
    .select()
    .from(scanRuns)
    .where(and(eq(scanRuns.clientId, clientId)))
    .orderBy(desc(scanRuns.createdAt))
    .limit(limit);
  return rows.map(presentScanRun);
}
