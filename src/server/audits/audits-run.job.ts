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
  handler: async ({ runId }, { ctx }) => executeAuditRun(ctx, runId),
});
