/** @module Sends one stored alert (email or webhook); pg-boss retries it with backoff. */
import { z } from 'zod';
import { defineJob } from '../jobs/job.ts';
import { ALERT_JOB, deliverAlert } from './alerts.ts';

export const monitoringAlertJob = defineJob({
  name: ALERT_JOB,
  description: 'Sends a monitoring alert to one channel (email or signed webhook).',
  payload: z.object({ deliveryId: z.string() }),
  retry: { limit: 5, delaySeconds: 5, backoff: true },
  expireInSeconds: 120,
  handler: async ({ deliveryId }, { ctx }) => deliverAlert(ctx, deliveryId),
});
