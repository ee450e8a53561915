/** @module Every ten minutes: queues again outbox messages whose delivery job was lost. */
import { z } from 'zod';
import { defineJob } from '../jobs/job.ts';
import { sweepOutbox } from './outbox.ts';

export const mailSweepJob = defineJob({
  name: 'mail.sweep',
  description: 'Queues again outbox messages whose delivery job was lost.',
  payload: z.object({}),
  schedule: { cron: '*/10 * * * *', tz: 'UTC' },
  retry: { limit: 1, delaySeconds: 60, backoff: false },
  expireInSeconds: 300,
  handler: async (_payload, { ctx }) => ({ requeued: await sweepOutbox(ctx) }),
});
