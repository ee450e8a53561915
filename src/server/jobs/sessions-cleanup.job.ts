/** @module Hourly clean-up: ended sessions, and invites that expired more than 30 days ago. */
import { lt, sql } from 'drizzle-orm';
import { z } from 'zod';
import { invites, sessions } from '../db/schema.ts';
import { defineJob } from './job.ts';

export const sessionsCleanupJob = defineJob({
  name: 'sessions.cleanup',
  description: 'Deletes ended sessions and long-expired invites.',
  payload: z.object({}),
  schedule: { cron: '17 * * * *', tz: 'UTC' },
  retry: { limit: 2, delaySeconds: 60, backoff: true },
  expireInSeconds: 300,
  async handler(_payload, { ctx }) {
    const ended = await ctx.db
      .delete(sessions)
      .where(lt(sessions.expiresAt, sql`now()`))
      .returning({ id: sessions.idHash });
    const stale = await ctx.db
      .delete(invites)
      .where(lt(invites.expiresAt, sql`now() - interval '30 days'`))
      .returning({ id: invites.id });
    return { sessionsDeleted: ended.length, invitesDeleted: stale.length };
  },
});
