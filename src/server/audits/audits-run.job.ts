/** @module Runs one queued audit (see audits.service.ts). */
import { z } from 'zod';
import { defineJob } from '../jobs/job.ts';
import { executeAuditRun } from './audits.service.ts';

export const auditsRunJob = defineJob({
  name: 'audits.run',
  description: 'Audits one connected repository and keeps the result as a run.',
  payload: z.object({ runId: z.uuid() }),
  // A failed audit is recorded on its run; retrying would only repeat it.
  retry: { limit: 0, delaySeconds: 60, backoff: false },
  expireInSeconds: 60 * 60,
  // An audit takes a core and up to 1 GB for a large repository: one at a time per process, so
  // the weekly schedule queueing every repository does not run them side by side.
  concurrency: 1,
  handler: async ({ runId }, { ctx }) => executeAuditRun(ctx, runId),
});
