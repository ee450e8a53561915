/** @module Every five minutes: sends the weekly founder reports whose time has come. */
import { z } from 'zod';
import { defineJob } from '../jobs/job.ts';
import { dispatchDueReports } from './reports.service.ts';

export const reportsDispatchJob = defineJob({
  name: 'reports.dispatch',
  description: 'Sends each client’s weekly founder report on its day, hour and time zone.',
  payload: z.object({}),
  schedule: { cron: '*/5 * * * *', tz: 'UTC' },
  retry: { limit: 2, delaySeconds: 60, backoff: true },
  expireInSeconds: 600,
  handler: async (_payload, { ctx }) => dispatchDueReports(ctx),
});
