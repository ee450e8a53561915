/**
 * @module Tells the owners about new critical findings, once per finding: the findings not yet
 * notified are marked in the same statement that selects them, so two scans finishing together
 * cannot both send. Until the mail module lands this only logs (without any secret).
 */
import { and, eq, isNull } from 'drizzle-orm';
import type { AppContext } from '../context.ts';
import { securityFindings } from '../db/schema.ts';

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
      id: securityFindings.id,
      title: securityFindings.title,
      kind: securityFindings.kind,
    });
  if (claimed.length > 0)
    ctx.logger.info({ clientId, count: claimed.length }, 'new critical security findings');
  return claimed.length;
}
