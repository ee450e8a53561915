/** @module Every minute: send the down alerts that maintenance held back, once it is over. */
import { z } from 'zod';
import { defineJob } from '../jobs/job.ts';
import { releaseMutedAlerts } from './maintenance.service.ts';

export const monitoringMaintenanceJob = defineJob({
  name: 'monitoring.maintenance',
  description:
    'Sends down alerts muted by a maintenance window once it ends with the monitor down.',
  payload: z.object({}),
  schedule: { cron: '* * * * *', tz: 'UTC' },
  retry: { limit: 1, delaySeconds: 30, backoff: false },
  expireInSeconds: 300,
  handler: async (_payload, { ctx }) => releaseMutedAlerts(ctx),
});
