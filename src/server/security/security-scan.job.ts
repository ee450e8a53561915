/** @module Runs one queued security scan (see scans.service.ts). */
import { z } from 'zod';
import { defineJob } from '../jobs/job.ts';
import { executeScanRun } from './scans.service.ts';

export const securityScanJob = defineJob({
  name: 'security.scan',
  description: 'Scans one connected repository for secrets or vulnerable dependencies.',
  payload: z.object({ runId: z.uuid() }),
  // A failed scan is recorded on its run and shown; the next daily scan tries again.
  retry: { limit: 0, delaySeconds: 60, backoff: false },
  expireInSeconds: 60 * 60,
  handler: async ({ runId }, { ctx }) => executeScanRun(ctx, runId),
});
