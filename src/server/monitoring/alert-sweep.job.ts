/** @module Every minute: queues again alerts stored with their incident whose send job was lost. */
import { z } from 'zod';
import { defineJob } from '../jobs/job.ts';
import { sweepAlerts } from './alerts.ts';

export const monitoringAlertSweepJob = defineJob({
  name: 'monitoring.alert-sweep',
  description: 'Queues again monitoring alerts whose delivery job was lost (a worker died).',
  payload: z.object({}),
  schedule: { cron: '* * * * *', tz: 'UTC' },
  retry: { limit: 1, delaySeconds: 30, backoff: false },
  expireInSeconds: 120,
  handler: async (_payload, { ctx }) => ({ requeued: await sweepAlerts(ctx) }),
});
