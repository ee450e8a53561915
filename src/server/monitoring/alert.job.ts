/**
 * @module Sends stored alerts (email or webhook), one job per delivery; a worker claims up to 25
 * at once and sends them concurrently, and pg-boss retries each failed one with backoff.
 */
import { z } from 'zod';
import { defineJob } from '../jobs/job.ts';
import { ALERT_ATTEMPTS, ALERT_JOB, deliverAlert } from './alerts.ts';

export const monitoringAlertJob = defineJob({
  name: ALERT_JOB,
  description: 'Sends a monitoring alert to one channel (email or signed webhook).',
  payload: z.object({ deliveryId: z.string() }),
  // Exponential from 5 s over 3–6 hours in all (see ALERT_ATTEMPTS).
  retry: { limit: ALERT_ATTEMPTS - 1, delaySeconds: 5, backoff: true },
  expireInSeconds: 120,
  // Alert latency: a down alert should leave within a second or two of the state change.
  pollingIntervalSeconds: 0.5,
  // A burst (a shared dependency down: hundreds of monitors at once) goes out in parallel:
  // 4 workers × 25 deliveries in flight instead of 4.
  batchSize: 25,
  handler: async ({ deliveryId }, { ctx }) => deliverAlert(ctx, deliveryId),
});
