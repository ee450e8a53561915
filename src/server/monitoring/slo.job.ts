/** @module Every minute: evaluate every SLO's burn rates and alert once per burn episode. */
import { z } from 'zod';
import { defineJob } from '../jobs/job.ts';
import { evaluateSlos } from './slo.service.ts';

export const monitoringSloJob = defineJob({
  name: 'monitoring.slo',
  description: 'Evaluates SLO burn rates (14.4× over 1 h and 5 min; 6× over 6 h and 30 min).',
  payload: z.object({}),
  schedule: { cron: '* * * * *', tz: 'UTC' },
  retry: { limit: 1, delaySeconds: 30, backoff: false },
  expireInSeconds: 300,
  handler: async (_payload, { ctx }) => evaluateSlos(ctx),
});
