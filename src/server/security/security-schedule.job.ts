/**
 * @module Daily: queues a secrets and a dependency scan of every connected repository of every
 * active client, and reopens accepted risks whose date has passed.
 */
import { eq, isNull } from 'drizzle-orm';
import { z } from 'zod';
import { clients, repositories } from '../db/schema.ts';
import { defineJob } from '../jobs/job.ts';
import { reopenExpired } from './findings.service.ts';
import { requestScans } from './scans.service.ts';

export const securityScheduleJob = defineJob({
  name: 'security.schedule',
  description:
    'Queues the daily secrets and dependency scans (04:00 UTC) and reopens expired accepted risks.',
  payload: z.object({}),
  schedule: { cron: '0 4 * * *', tz: 'UTC' },
  retry: { limit: 2, delaySeconds: 300, backoff: true },
  handler: async (_payload, { ctx }) => {
    const reopened = await reopenExpired(ctx.db);
    const rows = await ctx.db
      .select({ id: repositories.id, clientId: repositories.clientId })
      .from(repositories)
      .innerJoin(clients, eq(clients.id, repositories.clientId))
      .where(isNull(clients.archivedAt));
    for (const row of rows)
      await requestScans({
        ctx,
        clientId: row.clientId,
        repositoryId: row.id,
        kinds: ['secrets', 'deps'],
        trigger: 'schedule',
      });
    return { queued: rows.length * 2, reopened };
  },
});
