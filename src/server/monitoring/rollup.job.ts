/**
 * @module Every minute: fold raw results into rollups, pack the hours the rollup has covered
 * (pack.ts) and drop what is past its retention.
 */
import { z } from 'zod';
import { defineJob } from '../jobs/job.ts';
import { dropPackedResults, packResults } from './pack.ts';
import { rollUp } from './rollups.ts';

export const monitoringRollupJob = defineJob({
  name: 'monitoring.rollup',
  description:
    'Rolls raw monitor results up per minute, hour and day, packs them per hour; applies retention.',
  payload: z.object({}),
  schedule: { cron: '* * * * *', tz: 'UTC' },
  retry: { limit: 1, delaySeconds: 30, backoff: false },
  expireInSeconds: 300,
  handler: async (_payload, { ctx }) => {
    const rolled = await rollUp(ctx);
    const packed = await packResults(ctx);
    await dropPackedResults(ctx);
    return { ...rolled, packedHours: packed.hours, packedResults: packed.results };
  },
});
