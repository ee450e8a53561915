/** @module Weekly: one audit per connected repository of every active client. */
import { eq, isNull } from 'drizzle-orm';
import { z } from 'zod';
import { clients, repositories } from '../db/schema.ts';
import { defineJob } from '../jobs/job.ts';
import { requestAudit } from './audits.service.ts';

export const auditsScheduleJob = defineJob({
  name: 'audits.schedule',
  description: 'Queues the weekly audit of every connected repository (Mondays, 03:00 UTC).',
  payload: z.object({}),
  schedule: { cron: '0 3 * * 1', tz: 'UTC' },
  retry: { limit: 2, delaySeconds: 300, backoff: true },
  handler: async (_payload, { ctx }) => {
    const rows = await ctx.db
      .select({ id: repositories.id, clientId: repositories.clientId })
      .from(repositories)
      .innerJoin(clients, eq(clients.id, repositories.clientId))
      .where(isNull(clients.archivedAt));
    for (const row of rows)
      await requestAudit({
        ctx,
        clientId: row.clientId,
        repositoryId: row.id,
        trigger: 'schedule',
      });
    return { queued: rows.length };
  },
});
