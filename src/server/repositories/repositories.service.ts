/**
 * @module Repositories connected to a client: a folder on Keel's machine (owner only) or a git
 * URL with an optional access token. The token is sealed in `credentials` (row id as associated
 * data) and only its last four characters are ever shown. Jobs open a repository through
 * `checkoutRepository`, which clones or refreshes git URLs into the data folder's cache.
 */
import { randomUUID } from 'node:crypto';
import { stat } from 'node:fs/promises';
import { isAbsolute, join, resolve } from 'node:path';
import { and, desc, eq, inArray } from 'drizzle-orm';
import type { z } from 'zod';
import {
  fetchSource,
  hostOf,
  redact,
  refuseGitUrl,
  refuseTokenUser,
} from '../../engines/git-source/git-source.ts';
import type { Repository, repositoryInput, repositoryPatch } from '../../shared/scans.ts';
import type { Principal } from '../auth/principal.ts';
import { recordAudit } from '../audit-log/audit-log.service.ts';
import type { AppContext } from '../context.ts';
import type { Db } from '../db/database.ts';
import { auditRuns, credentials, repositories, scanRuns } from '../db/schema.ts';
import { AppError, conflict, forbidden, invalid, notFound } from '../http/app-error.ts';
import { checkHost } from '../net/ssrf.ts';
import { CloneLockTimeoutError, withCloneLock } from './clone-lock.ts';
import { presentAuditSummary, presentScanRun } from './present.ts';

type RepositoryRow = typeof repositories.$inferSelect;

const tokenHint = (token: string) => token.slice(-4);

/** The repository, or 404 when it is not this client's. */
export async function findRepository(db: Db, clientId: string, repositoryId: string) {
  const [row] = await db
    .select()
    .from(repositories)
    .where(and(eq(repositories.id, repositoryId), eq(repositories.clientId, clientId)));
  if (!row) throw notFound('repository');
  return row;
}

export async function listRepositories(ctx: AppContext, clientId: string): Promise<Repository[]> {
  const rows = await ctx.db
    .select()
    .from(repositories)
    .where(eq(repositories.clientId, clientId))
    .orderBy(repositories.name);
  return presentRepositories(ctx.db, rows);
}

async function presentRepositories(db: Db, rows: RepositoryRow[]): Promise<Repository[]> {
  if (rows.length === 0) return [];
  const ids = rows.map((r) => r.id);
  const audits = await db
    .select()
    .from(auditRuns)
    .where(inArray(auditRuns.repositoryId, ids))
    .orderBy(desc(auditRuns.createdAt));
  const scans = await db
    .select()
    .from(scanRuns)
    .where(inArray(scanRuns.repositoryId, ids))
    .orderBy(desc(scanRuns.createdAt));
  return rows.map((row) => {
    const audit = audits.find((a) => a.repositoryId === row.id);
    const latestScans = (['secrets', 'deps'] as const)
      .map((kind) => scans.find((s) => s.repositoryId === row.id && s.kind === kind))
      .filter((s) => s !== undefined)
      .map(presentScanRun);
    return {
      id: row.id,
      clientId: row.clientId,
      name: row.name,
      kind: row.kind,
      location: row.location,
      hasToken: row.credentialId !== null,
      tokenHint: row.credentialId && row.tokenHint ? `…${row.tokenHint}` : null,
      tokenUser: row.tokenUser,
      allowPrivateNetwork: row.allowPrivateNetwork,
      createdAt: row.createdAt.toISOString(),
      latestAudit: audit ? presentAuditSummary(audit) : null,
      latestScans,
    };
  });
}

export async function presentRepository(db: Db, row: RepositoryRow): Promise<Repository> {
  const [presented] = await presentRepositories(db, [row]);
  return presented!;
}

/** Checks a location before anything is saved; every problem names its field. */
async function checkLocation(
  ctx: AppContext,
  actor: Principal,
  input: z.output<typeof repositoryInput>,
): Promise<string> {
  if (input.kind === 'path') {
    if (actor.role !== 'owner')
      throw forbidden('only the owner can connect a folder on the Keel server');
    if (input.token) throw invalid('body.token', 'a folder needs no token; leave it out');
    if (input.tokenUser !== undefined)
      throw invalid('body.tokenUser', 'a folder needs no user name; leave it out');
    if (!isAbsolute(input.location))
      throw invalid('body.location', 'give the full path of the folder, starting with /');
    const folder = resolve(input.location);
    const info = await stat(folder).catch(() => null);
    if (!info) throw invalid('body.location', 'no such folder on the Keel server');
    if (!info.isDirectory()) throw invalid('body.location', 'this is a file; give its folder');
    return folder;
  }
  const refusal = refuseGitUrl(input.location, { allowFileUrls: ctx.config.gitAllowFileUrls });
  if (refusal) throw invalid('body.location', refusal);
  if (input.tokenUser !== undefined) checkTokenUser(input.tokenUser, Boolean(input.token));
  if (input.allowPrivateNetwork && actor.role !== 'owner')
    throw invalid('body.allowPrivateNetwork', 'only the owner can allow private networks');
  const host = hostOf(input.location);
  if (host) {
    const verdict = await checkHost(host, { allowPrivate: input.allowPrivateNetwork });
    if (!verdict.ok) throw invalid('body.location', verdict.error);
  }
  return input.location;
}

/**
 * A user name to send with the token: a plain one (the engine's rule), and only beside a token,
 * as git sends none without one.
 */
function checkTokenUser(tokenUser: string, hasToken: boolean): void {
  const refusal = refuseTokenUser(tokenUser);
  if (refusal) throw invalid('body.tokenUser', refusal);
  if (!hasToken)
    throw invalid(
      'body.tokenUser',
      'a user name is only sent with an access token; give the token too, or leave it out',
    );
}

function nameFrom(location: string): string {
  const last =
    location
      .replace(/[/\\]+$/, '')
      .split(/[/\\:]/)
      .pop() ?? location;
  return last.replace(/\.git$/, '') || location;
}

export async function connectRepository(options: {
  ctx: AppContext;
  actor: Principal;
  clientId: string;
  input: z.output<typeof repositoryInput>;
}): Promise<Repository> {
  const { ctx, actor, clientId, input } = options;
  const location = await checkLocation(ctx, actor, input);
  const row = await ctx.db.transaction(async (tx) => {
    const [existing] = await tx
      .select({ id: repositories.id })
      .from(repositories)
      .where(and(eq(repositories.clientId, clientId), eq(repositories.location, location)));
    if (existing)
      throw conflict('this repository is already connected to this client', [
        { path: 'body.location', message: 'already connected' },
      ]);
    let credentialId: string | null = null;
    if (input.token && input.kind === 'git') {
      credentialId = randomUUID();
      await tx.insert(credentials).values({
        id: credentialId,
        clientId,
        kind: 'git-token',
        label: `git token for ${nameFrom(location)}`,
        ciphertext: ctx.secretBox.seal(input.token, credentialId),
      });
    }
    const [inserted] = await tx
      .insert(repositories)
      .values({
        clientId,
        name: input.name ?? nameFrom(location),
        kind: input.kind,
        location,
        credentialId,
        tokenHint: input.token && input.kind === 'git' ? tokenHint(input.token) : null,
        tokenUser: input.kind === 'git' ? (input.tokenUser ?? null) : null,
        allowPrivateNetwork: input.kind === 'git' && input.allowPrivateNetwork,
        createdBy: actor.userId,
      })
      .returning();
    await recordAudit(tx, {
      action: 'repository.connected',
      actor,
      targetType: 'repository',
      targetId: inserted!.id,
      clientId,
      details: { name: inserted!.name, kind: input.kind, hasToken: credentialId !== null },
    });
    return inserted!;
  });
  return presentRepository(ctx.db, row);
}

export async function updateRepository(options: {
  ctx: AppContext;
  actor: Principal;
  clientId: string;
  repositoryId: string;
  patch: z.output<typeof repositoryPatch>;
}): Promise<Repository> {
  const { ctx, actor, clientId, repositoryId, patch } = options;
  const current = await findRepository(ctx.db, clientId, repositoryId);
  if (current.kind === 'path' && actor.role !== 'owner')
    throw forbidden('only the owner can change a folder repository');
  if (patch.token !== undefined && current.kind !== 'git')
    throw invalid('body.token', 'a folder needs no token');
  if (patch.tokenUser !== undefined && current.kind !== 'git')
    throw invalid('body.tokenUser', 'a folder needs no user name');
  const willHaveToken = patch.token !== undefined ? Boolean(patch.token) : !!current.credentialId;
  if (typeof patch.tokenUser === 'string') checkTokenUser(patch.tokenUser, willHaveToken);
  // Removing the token removes the user name sent with it, unless a new one comes along.
  const tokenUser =
    patch.tokenUser !== undefined ? patch.tokenUser : willHaveToken ? current.tokenUser : null;
  if (patch.allowPrivateNetwork !== undefined && actor.role !== 'owner')
    throw invalid('body.allowPrivateNetwork', 'only the owner can allow private networks');
  const row = await ctx.db.transaction(async (tx) => {
    let credentialId = current.credentialId;
    let hint = current.tokenHint;
    if (patch.token !== undefined) {
      if (credentialId) await tx.delete(credentials).where(eq(credentials.id, credentialId));
      credentialId = null;
      hint = null;
      if (patch.token) {
        credentialId = randomUUID();
        await tx.insert(credentials).values({
          id: credentialId,
          clientId,
          kind: 'git-token',
          label: `git token for ${current.name}`,
          ciphertext: ctx.secretBox.seal(patch.token, credentialId),
        });
        hint = tokenHint(patch.token);
      }
    }
    const [updated] = await tx
      .update(repositories)
      .set({
        ...(patch.name !== undefined ? { name: patch.name } : {}),
        ...(patch.allowPrivateNetwork !== undefined
          ? { allowPrivateNetwork: current.kind === 'git' && patch.allowPrivateNetwork }
          : {}),
        credentialId,
        tokenHint: hint,
        tokenUser,
        updatedAt: new Date(),
      })
      .where(eq(repositories.id, repositoryId))
      .returning();
    await recordAudit(tx, {
      action: 'repository.updated',
      actor,
      targetType: 'repository',
      targetId: repositoryId,
      clientId,
      details: {
        fields: Object.keys(patch),
        ...(patch.token !== undefined ? { token: patch.token ? 'replaced' : 'removed' } : {}),
      },
    });
    return updated!;
  });
  return presentRepository(ctx.db, row);
}

export async function disconnectRepository(options: {
  ctx: AppContext;
  actor: Principal;
  clientId: string;
  repositoryId: string;
}): Promise<void> {
  const { ctx, actor, clientId, repositoryId } = options;
  const current = await findRepository(ctx.db, clientId, repositoryId);
  if (current.kind === 'path' && actor.role !== 'owner')
    throw forbidden('only the owner can remove a folder repository');
  await ctx.db.transaction(async (tx) => {
    await tx.delete(repositories).where(eq(repositories.id, repositoryId));
    if (current.credentialId)
      await tx.delete(credentials).where(eq(credentials.id, current.credentialId));
    await recordAudit(tx, {
      action: 'repository.disconnected',
      actor,
      targetType: 'repository',
      targetId: repositoryId,
      clientId,
      details: { name: current.name },
    });
  });
}

/**
 * One clone at a time per repository: in this process (a queue, no polling), and across
 * processes sharing the data directory (a lock file beside the clone, `clone-lock.ts`).
 */
const checkoutLocks = new Map<string, Promise<unknown>>();

async function withCheckoutLock<T>(key: string, work: () => Promise<T>): Promise<T> {
  const previous = checkoutLocks.get(key) ?? Promise.resolve();
  const next = previous.catch(() => undefined).then(work);
  checkoutLocks.set(key, next);
  try {
    return await next;
  } finally {
    if (checkoutLocks.get(key) === next) checkoutLocks.delete(key);
  }
}

export interface Checkout {
  dir: string;
  notes: string[];
}

/**
 * Runs `work` on the repository's files: the folder itself, or a clone refreshed from the URL
 * (kept in `<data>/cache/repos/<id>` between runs). Errors are AppErrors with no secret in them.
 */
export async function withCheckout<T>(
  ctx: AppContext,
  repositoryId: string,
  work: (checkout: Checkout) => Promise<T>,
): Promise<T> {
  const [repo] = await ctx.db.select().from(repositories).where(eq(repositories.id, repositoryId));
  if (!repo) throw notFound('repository');
  if (repo.kind === 'path') {
    const info = await stat(repo.location).catch(() => null);
    if (!info?.isDirectory())
      throw new AppError('bad_request', `the folder ${repo.location} is gone or unreadable`);
    return work({ dir: repo.location, notes: [] });
  }
  let token: string | undefined;
  if (repo.credentialId) {
    const [credential] = await ctx.db
      .select()
      .from(credentials)
      .where(eq(credentials.id, repo.credentialId));
    if (credential) token = ctx.secretBox.open(credential.ciphertext, credential.id);
  }
  const dir = join(ctx.config.dataDir, 'cache', 'repos', repo.id);
  return withCheckoutLock(repo.id, () =>
    withCloneLockOrFail(dir, async () => {
      const fetched = await fetchSource({
        url: repo.location,
        dir,
        token,
        tokenUser: repo.tokenUser ?? undefined,
        allowFileUrls: ctx.config.gitAllowFileUrls,
        checkHost: (host) => checkHost(host, { allowPrivate: repo.allowPrivateNetwork }),
        timeoutMs: ctx.config.gitTimeoutSeconds * 1000,
      });
      if (!fetched.ok) throw new AppError('bad_request', redact(fetched.error, token));
      return work({ dir: fetched.value.dir, notes: fetched.value.notes });
    }),
  );
}

async function withCloneLockOrFail<T>(dir: string, work: () => Promise<T>): Promise<T> {
  try {
    return await withCloneLock(dir, work);
  } catch (error) {
    if (error instanceof CloneLockTimeoutError)
      throw new AppError(
        'conflict',
        'another Keel process is still using this repository; try again later',
      );
    throw error;
  }
}
