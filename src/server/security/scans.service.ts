/**
 * @module Security scans of connected repositories: `secrets` (working tree and the whole git
 * history; one finding per engine fingerprint, so a secret in both is one finding) and `deps`
 * (lockfiles matched against the advisories in Keel's database). Queued on demand or by the
 * daily schedule, run by the `security.scan` job; results merged by findings.service.ts.
 */
import { createHash } from 'node:crypto';
import { stat } from 'node:fs/promises';
import { join, sep } from 'node:path';
import { and, desc, eq } from 'drizzle-orm';
import { scanFolder } from '../../engines/deps/index.ts';
import type { Finding as DepFinding } from '../../engines/deps/index.ts';
import { isGitWorkTree } from '../../engines/secrets/git.ts';
import {
  isInside,
  prepareRules,
  readBaseline,
  scanSecrets,
  severityOf,
} from '../../engines/secrets/index.ts';
import type { Finding as SecretFinding } from '../../engines/secrets/index.ts';
import type { ScanRun, Severity } from '../../shared/scans.ts';
import type { Principal } from '../auth/principal.ts';
import { advisoryStatus, DbAdvisoryStore } from '../advisories/advisory-store.ts';
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

function fromSecret(f: SecretFinding): IncomingFinding {
  return {
    fingerprint: f.fingerprint,
    // The CLI's severity (`keel secrets --fail-on`): a finding reads the same in both places.
    severity: severityOf(f),
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

const cve = /^CVE-(\d+)-(\d+)$/;

/**
 * The id a vulnerability is known by whatever records are imported: its lowest CVE id (CVEs are
 * shared by every database's record), else the smallest of its ids. `ids[0]` was not stable: an
 * import adding a GHSA record for a PYSEC one put the GHSA id first.
 */
export function stableVulnerabilityId(ids: readonly string[]): string | undefined {
  const cves = ids
    .map((id) => ({ id, m: cve.exec(id) }))
    .filter((c) => c.m)
    .sort((a, b) => Number(a.m![1]) - Number(b.m![1]) || Number(a.m![2]) - Number(b.m![2]));
  return cves[0]?.id ?? [...ids].sort()[0];
}

/** Same lockfile and package, and at least one id or alias in common: the same finding. */
export function dependencyAliases(detail: Record<string, unknown>) {
  const ids = Array.isArray(detail.ids)
    ? detail.ids.filter((id): id is string => typeof id === 'string')
    : [];
  if (ids.length === 0) return undefined;
  const group = [detail.lockfile, detail.ecosystem, detail.package].map(String).join('\u0000');
  return { group, ids };
}

function fromDependency(f: DepFinding): IncomingFinding {
  const fingerprint = createHash('sha256')
    .update(
      [f.lockfile, f.ecosystem, f.package, stableVulnerabilityId(f.ids) ?? f.summary].join(
        '\u0000',
      ),
    )
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

/** Where gitleaks looks for a repository's own config, and the baseline `keel secrets` documents. */
export const repoConfigFile = '.gitleaks.toml';
export const repoBaselineFile = '.keel-secrets-baseline.json';

/**
 * The repository's own config and baseline, as the CLI would use them. One that cannot be used
 * (invalid, or a symlink out of the repository) is left out and named in `problems`, so the scan
 * still runs, with the default rules or without a baseline, and the run says why.
 */
/** A message about a file in the checkout, with the checkout's temporary path taken out. */
const inCheckout = (dir: string, text: string) => text.split(dir + sep).join('');

async function repoSecretsSettings(dir: string) {
  const problems: string[] = [];
  const relativeTo = (text: string) => inCheckout(dir, text);
  const present = async (name: string) =>
    (await stat(join(dir, name)).catch(() => undefined))?.isFile() ? join(dir, name) : undefined;
  let configFile = await present(repoConfigFile);
  if (configFile) {
    const prepared = await prepareRules({ configFile, configRoot: dir });
    if (!prepared.ok) {
      problems.push(
        ...prepared.error.messages.slice(0, 10).map(relativeTo),
        `${repoConfigFile} not used: the default rules ran instead`,
      );
      configFile = undefined;
    }
  }
  let baselineFile = await present(repoBaselineFile);
  if (baselineFile) {
    const read = (await isInside(dir, baselineFile))
      ? await readBaseline(baselineFile)
      : {
          ok: false as const,
          error: `baseline ${baselineFile}: the file is outside the repository`,
        };
    if (!read.ok) {
      problems.push(
        relativeTo(read.error),
        `${repoBaselineFile} not used: nothing was suppressed by it`,
      );
      baselineFile = undefined;
    }
  }
  return {
    options: {
      ...(configFile ? { configFile, configRoot: dir } : {}),
      ...(baselineFile ? { baselineFile } : {}),
    },
    summary: {
      config: configFile ? repoConfigFile : null,
      baseline: baselineFile ? repoBaselineFile : null,
      configProblems: problems,
    },
  };
}

async function scanSecretsIn(dir: string) {
  const settings = await repoSecretsSettings(dir);
  const tree = await scanSecrets({ root: dir, mode: 'tree', ...settings.options });
  if (!tree.ok) throw new Error(tree.error.messages.join('; '));
  const findings = new Map(tree.value.findings.map((f) => [f.fingerprint, f]));
  let commits = 0;
  let suppressedByBaseline = tree.value.suppressed.baseline;
  if (await isGitWorkTree(dir)) {
    const history = await scanSecrets({ root: dir, mode: 'history', ...settings.options });
    if (!history.ok) throw new Error(history.error.messages.join('; '));
    commits = history.value.stats.commits;
    suppressedByBaseline += history.value.suppressed.baseline;
    // The same secret at an older path (before a `git mv`) is the tree finding already kept.
    for (const f of history.value.findings)
      if (!findings.has(f.fingerprint) && !f.currentFingerprints?.some((fp) => findings.has(fp)))
        findings.set(f.fingerprint, f);
  }
  return {
    findings: [...findings.values()].map(fromSecret),
    extra: {
      files: tree.value.stats.files,
      commits,
      // Rules the repository's config names but no rule has (shown with the run, like problems).
      warnings: tree.value.warnings.slice(0, 5).map((w) => inCheckout(dir, w)),
      ...settings.summary,
      suppressedByBaseline,
    },
  };
}

async function scanDepsIn(ctx: AppContext, dir: string) {
  const store = new DbAdvisoryStore(ctx.db);
  const scanned = await scanFolder({ root: dir, store });
  if (!scanned.ok) throw new Error(scanned.error);
  const report = scanned.value;
  const { advisories } = await advisoryStatus(ctx.db);
  return {
    findings: report.findings.map(fromDependency),
    extra: {
      // Lockfiles parsed; `lockfileErrorCount` more could not be read (the first 10 are kept).
      lockfiles: report.lockfiles.length,
      packages: report.packages.length,
      lockfileErrorCount: report.errors.length,
      lockfileErrors: report.errors
        .slice(0, 10)
        .map((e) => `${e.file}${e.line ? `:${e.line}` : ''}: ${e.message}`),
      advisoryImports: report.advisorySources.length,
      // Without advisories nothing was checked: the posture item and the page must say so.
      advisories,
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
      ...(run.kind === 'deps' ? { aliasesOf: dependencyAliases } : {}),
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
