/**
 * @module The posture checklist of a client (area 8). Items are fixed (below); an item's answer
 * is the manual one when someone gave it, else the one Keel derives from evidence it holds
 * (secret and dependency findings, the latest audit's checks), else none. A manual answer
 * overrides evidence and the response says so: the evidence stays visible beside it.
 */
import { and, desc, eq } from 'drizzle-orm';
import type { z } from 'zod';
import type { PostureItem, postureAnswerRequest } from '../../shared/scans.ts';
import type { Principal } from '../auth/principal.ts';
import { recordAudit } from '../audit-log/audit-log.service.ts';
import type { AppContext } from '../context.ts';
import { auditRuns, postureAnswers, scanRuns, securityFindings } from '../db/schema.ts';
import { notFound } from '../http/app-error.ts';

type Status = PostureItem['status'];

export const postureItems = [
  {
    key: 'encryption-in-transit',
    group: 'Encryption',
    title: 'Encryption in transit (HTTPS/TLS everywhere, HSTS)',
  },
  {
    key: 'encryption-at-rest',
    group: 'Encryption',
    title: 'Encryption at rest (databases, backups, disks)',
  },
  {
    key: 'secrets-management',
    group: 'Secrets',
    title: 'Secrets kept out of code, in a vault or the platform, rotated',
  },
  {
    key: 'dependencies-patched',
    group: 'Secrets',
    title: 'Dependencies kept free of known critical and high vulnerabilities',
  },
  {
    key: 'mfa',
    group: 'Authentication',
    title: 'MFA on every admin, cloud, code host and email account',
  },
  { key: 'sso', group: 'Authentication', title: 'Single sign-on for staff tools' },
  {
    key: 'least-privilege',
    group: 'Access',
    title: 'Least privilege: reviewed roles, no shared admin accounts, offboarding',
  },
  {
    key: 'backups-tested',
    group: 'Resilience',
    title: 'Backups taken and a restore tested in the last quarter',
  },
  {
    key: 'logging-monitoring',
    group: 'Resilience',
    title: 'Logging and monitoring with alerts someone answers',
  },
  {
    key: 'privacy-by-design',
    group: 'Privacy and GDPR',
    title: 'Privacy by design: data minimised, personal data identified in new features',
  },
  {
    key: 'gdpr-data-inventory',
    group: 'Privacy and GDPR',
    title: 'Data inventory (record of processing)',
  },
  {
    key: 'gdpr-processors',
    group: 'Privacy and GDPR',
    title: 'Processors listed, with signed DPAs',
  },
  { key: 'gdpr-retention', group: 'Privacy and GDPR', title: 'Retention periods set and applied' },
  {
    key: 'gdpr-subject-requests',
    group: 'Privacy and GDPR',
    title: 'Data-subject requests (access, deletion) handled within a month',
  },
  {
    key: 'gdpr-eu-hosting',
    group: 'Privacy and GDPR',
    title: 'EU hosting, or transfers covered (SCCs, adequacy)',
  },
  {
    key: 'incident-response',
    group: 'Incidents',
    title: 'Incident response plan and a way to report vulnerabilities (SECURITY.md)',
  },
  {
    key: 'release-staging',
    group: 'Release discipline',
    title: 'A staging environment that mirrors production',
  },
  {
    key: 'release-checks',
    group: 'Release discipline',
    title: 'Automated checks (CI) on critical paths before release',
  },
  {
    key: 'release-rollout',
    group: 'Release discipline',
    title: 'Controlled rollout: feature flags, canaries or quick rollback',
  },
] as const;

const itemKeys = new Set<string>(postureItems.map((i) => i.key));

interface Evidence {
  /** null: Keel looked but could not check (no advisories, no lockfiles): no answer implied. */
  status: Status;
  text: string;
  url: string;
}

type CheckRow = { id: string; passed: boolean | null; summary: string };

/** What Keel can say from its own data, per item key. */
async function collectEvidence(ctx: AppContext, clientId: string): Promise<Map<string, Evidence>> {
  const evidence = new Map<string, Evidence>();
  const securityUrl = `/clients/${clientId}/security`;
  const lastScan = async (kind: 'secrets' | 'deps') =>
    (
      await ctx.db
        .select({ id: scanRuns.id })
        .from(scanRuns)
        .where(
          and(
            eq(scanRuns.clientId, clientId),
            eq(scanRuns.kind, kind),
            eq(scanRuns.status, 'succeeded'),
          ),
        )
        .orderBy(desc(scanRuns.finishedAt))
        .limit(1)
    )[0];
  const [secretRows, depRuns] = await Promise.all([
    lastScan('secrets'),
    latestDepRuns(ctx, clientId),
  ]);
  if (secretRows) {
    const open = await countOpen(ctx, clientId, 'secret');
    evidence.set('secrets-management', {
      status: open.total === 0 ? 'yes' : open.critical > 0 ? 'no' : 'partial',
      text:
        open.total === 0
          ? 'The latest secrets scan (code and history) found no open secret.'
          : `${open.total} open secret finding(s), ${open.critical} critical.`,
      url: securityUrl,
    });
  }
  if (depRuns.length > 0) {
    const open = await countOpen(ctx, clientId, 'dependency');
    evidence.set('dependencies-patched', dependencyEvidence(depRuns, open, securityUrl));
  }
  const [audit] = await ctx.db
    .select({ id: auditRuns.id, checks: auditRuns.checks })
    .from(auditRuns)
    .where(and(eq(auditRuns.clientId, clientId), eq(auditRuns.status, 'succeeded')))
    .orderBy(desc(auditRuns.finishedAt))
    .limit(1);
  if (audit) {
    const checks = audit.checks as CheckRow[];
    const check = (id: string) => checks.find((c) => c.id === id);
    const url = `/clients/${clientId}/audits/${audit.id}`;
    const policy = check('security-policy');
    if (policy)
      evidence.set('incident-response', {
        status: policy.passed ? 'partial' : 'no',
        text: policy.passed
          ? 'SECURITY.md is present (a way to report issues); a tested response plan is still a manual answer.'
          : 'No SECURITY.md in the latest audit.',
        url,
      });
    const ci = check('ci-configured');
    const tests = check('tests-present');
    if (ci)
      evidence.set('release-checks', {
        status: ci.passed ? (tests?.passed ? 'yes' : 'partial') : 'no',
        text: ci.passed
          ? `CI is configured${tests?.passed ? ' and tests are present' : ', but tests are thin'} (latest audit).`
          : 'No CI configuration found in the latest audit.',
        url,
      });
  }
  return evidence;
}

interface DepRunSummary {
  lockfiles: number;
  unreadable: number;
  advisories: number;
}

/** The summary of the latest succeeded dependency scan of each of the client's repositories. */
async function latestDepRuns(ctx: AppContext, clientId: string): Promise<DepRunSummary[]> {
  const rows = await ctx.db
    .select({ repositoryId: scanRuns.repositoryId, summary: scanRuns.summary })
    .from(scanRuns)
    .where(
      and(
        eq(scanRuns.clientId, clientId),
        eq(scanRuns.kind, 'deps'),
        eq(scanRuns.status, 'succeeded'),
      ),
    )
    .orderBy(desc(scanRuns.finishedAt))
    .limit(500);
  const latest = new Map<string, DepRunSummary>();
  for (const row of rows) {
    if (latest.has(row.repositoryId)) continue;
    const summary = row.summary ?? {};
    const num = (v: unknown) => (typeof v === 'number' ? v : 0);
    latest.set(row.repositoryId, {
      lockfiles: num(summary.lockfiles),
      unreadable:
        typeof summary.lockfileErrorCount === 'number'
          ? summary.lockfileErrorCount
          : Array.isArray(summary.lockfileErrors)
            ? summary.lockfileErrors.length
            : 0,
      // Runs stored before `advisories` was recorded only know how many imports there were.
      advisories:
        typeof summary.advisories === 'number' ? summary.advisories : num(summary.advisoryImports),
    });
  }
  return [...latest.values()];
}

const plural = (n: number, word: string) => `${n} ${word}${n === 1 ? '' : 's'}`;

/**
 * "No known vulnerability" is only said when something was checked: advisories were loaded and
 * at least one lockfile parsed. Otherwise the item says what was missing and implies no answer.
 */
function dependencyEvidence(
  runs: DepRunSummary[],
  open: { total: number; critical: number; high: number },
  url: string,
): Evidence {
  const lockfiles = runs.reduce((n, r) => n + r.lockfiles, 0);
  const unreadable = runs.reduce((n, r) => n + r.unreadable, 0);
  const hasAdvisories = runs.some((r) => r.advisories > 0);
  const unreadableNote =
    unreadable > 0 ? ` ${plural(unreadable, 'lockfile')} could not be read.` : '';
  if (open.total > 0)
    return {
      status: open.critical + open.high === 0 ? 'partial' : 'no',
      text: `${open.total} open vulnerable dependency finding(s): ${open.critical} critical, ${open.high} high.${unreadableNote}`,
      url,
    };
  if (!hasAdvisories)
    return {
      status: null,
      text: 'Not checked: no advisories imported (keel advisories import).',
      url,
    };
  if (lockfiles === 0)
    return {
      status: null,
      text:
        unreadable > 0
          ? `Not checked: ${plural(unreadable, 'lockfile')} could not be read.`
          : 'Not checked: no lockfiles in the connected repositories.',
      url,
    };
  return {
    status: unreadable > 0 ? 'partial' : 'yes',
    text: `The latest dependency scan found no known vulnerability in ${plural(lockfiles, 'lockfile')}.${unreadableNote}`,
    url,
  };
}

async function countOpen(ctx: AppContext, clientId: string, kind: 'secret' | 'dependency') {
  const rows = await ctx.db
    .select({ severity: securityFindings.severity })
    .from(securityFindings)
    .where(
      and(
        eq(securityFindings.clientId, clientId),
        eq(securityFindings.kind, kind),
        eq(securityFindings.status, 'open'),
      ),
    );
  return {
    total: rows.length,
    critical: rows.filter((r) => r.severity === 'critical').length,
    high: rows.filter((r) => r.severity === 'high').length,
  };
}

export async function getPosture(ctx: AppContext, clientId: string): Promise<PostureItem[]> {
  const [answers, evidence] = await Promise.all([
    ctx.db.select().from(postureAnswers).where(eq(postureAnswers.clientId, clientId)),
    collectEvidence(ctx, clientId),
  ]);
  return postureItems.map((item) => {
    const manual = answers.find((a) => a.itemKey === item.key);
    const seen = evidence.get(item.key);
    return {
      key: item.key,
      group: item.group,
      title: item.title,
      status: manual?.status ?? seen?.status ?? null,
      source: manual ? 'manual' : seen ? 'evidence' : 'none',
      evidence: seen?.text ?? null,
      evidenceStatus: seen?.status ?? null,
      evidenceUrl: manual?.evidenceUrl ?? seen?.url ?? null,
      owner: manual?.owner ?? null,
      dueDate: manual?.dueDate ?? null,
      note: manual?.note ?? '',
    };
  });
}

export async function answerPostureItem(options: {
  ctx: AppContext;
  actor: Principal;
  clientId: string;
  itemKey: string;
  input: z.output<typeof postureAnswerRequest>;
}): Promise<PostureItem> {
  const { ctx, actor, clientId, itemKey, input } = options;
  if (!itemKeys.has(itemKey)) throw notFound('checklist item');
  await ctx.db.transaction(async (tx) => {
    const values = {
      status: input.status,
      evidenceUrl: input.evidenceUrl,
      owner: input.owner || null,
      dueDate: input.dueDate,
      note: input.note,
      updatedBy: actor.userId,
      updatedAt: new Date(),
    };
    await tx
      .insert(postureAnswers)
      .values({ clientId, itemKey, ...values })
      .onConflictDoUpdate({
        target: [postureAnswers.clientId, postureAnswers.itemKey],
        set: values,
      });
    await recordAudit(tx, {
      action: 'posture.answered',
      actor,
      targetType: 'posture-item',
      targetId: itemKey,
      clientId,
      details: { status: input.status },
    });
  });
  return (await getPosture(ctx, clientId)).find((i) => i.key === itemKey)!;
}

/** Removes the manual answer: the item falls back to evidence, or to unanswered. */
export async function clearPostureAnswer(options: {
  ctx: AppContext;
  actor: Principal;
  clientId: string;
  itemKey: string;
}): Promise<PostureItem> {
  const { ctx, actor, clientId, itemKey } = options;
  if (!itemKeys.has(itemKey)) throw notFound('checklist item');
  await ctx.db.transaction(async (tx) => {
    await tx
      .delete(postureAnswers)
      .where(and(eq(postureAnswers.clientId, clientId), eq(postureAnswers.itemKey, itemKey)));
    await recordAudit(tx, {
      action: 'posture.cleared',
      actor,
      targetType: 'posture-item',
      targetId: itemKey,
      clientId,
    });
  });
  return (await getPosture(ctx, clientId)).find((i) => i.key === itemKey)!;
}
