/**
 * @module Emails the owners about new critical findings, once per finding: the findings not yet
 * notified are claimed (marked) in the same statement that selects them, so two scans finishing
 * together cannot both send, and a later scan that sees them again sends nothing. The email
 * names the finding, its repository and where it is (masked for secrets): never the secret.
 */
import { and, eq, isNull } from 'drizzle-orm';
import type { AppContext } from '../context.ts';
import { clients, repositories, securityFindings } from '../db/schema.ts';
import { enqueueMail, ownerEmails } from '../mail/outbox.ts';

function publicLink(ctx: AppContext, path: string): string {
  return ctx.config.publicUrl ? `${ctx.config.publicUrl}${path}` : path;
}

const text = (value: unknown): string =>
  typeof value === 'string' || typeof value === 'number' ? String(value) : '';

export async function notifyNewCritical(ctx: AppContext, clientId: string): Promise<number> {
  const claimed = await ctx.db
    .update(securityFindings)
    .set({ notifiedAt: new Date() })
    .where(
      and(
        eq(securityFindings.clientId, clientId),
        eq(securityFindings.severity, 'critical'),
        eq(securityFindings.status, 'open'),
        isNull(securityFindings.notifiedAt),
      ),
    )
    .returning({
      title: securityFindings.title,
      kind: securityFindings.kind,
      repositoryId: securityFindings.repositoryId,
      detail: securityFindings.detail,
    });
  if (claimed.length === 0) return 0;
  const to = await ownerEmails(ctx);
  if (to.length === 0) return claimed.length;
  const [client] = await ctx.db
    .select({ name: clients.name })
    .from(clients)
    .where(eq(clients.id, clientId));
  const repos = await ctx.db
    .select({ id: repositories.id, name: repositories.name })
    .from(repositories)
    .where(eq(repositories.clientId, clientId));
  const repoName = (id: string) => repos.find((r) => r.id === id)?.name ?? 'a repository';
  const lines = claimed.map((f) => {
    const where =
      f.kind === 'secret'
        ? ` (${text(f.detail.masked)}, ${f.detail.presence === 'history-only' ? 'in history only' : 'still in the code'})`
        : f.detail.upgradeTo
          ? ` (upgrade to ${text(f.detail.upgradeTo)})`
          : '';
    return `- ${f.kind === 'secret' ? 'Secret' : 'Vulnerable dependency'} in ${repoName(f.repositoryId)}: ${f.title}${where}`;
  });
  const link = publicLink(ctx, `/clients/${clientId}/security`);
  const name = client?.name ?? 'a client';
  await enqueueMail(ctx, {
    to,
    kind: 'security.critical',
    clientId,
    subject: `${claimed.length} new critical security finding${claimed.length > 1 ? 's' : ''} for ${name}`,
    text: [
      `Keel's latest scan of ${name} found ${claimed.length} new critical finding${claimed.length > 1 ? 's' : ''}:`,
      '',
      ...lines,
      '',
      'For a secret: revoke and rotate it first, then clean the history.',
      'For a dependency: upgrade to the fixed version named above.',
      '',
      `Details: ${link}`,
    ].join('\n'),
  });
  return claimed.length;
}
