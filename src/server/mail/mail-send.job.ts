/** @module Sends one stored message from the outbox through SMTP (retried with backoff). */
import { z } from 'zod';
import { defineJob } from '../jobs/job.ts';
import { sendStored } from './outbox.ts';

export const mailSendJob = defineJob({
  name: 'mail.send',
  description: 'Sends one message from the outbox through SMTP.',
  payload: z.object({ outboxId: z.uuid() }),
  retry: { limit: 5, delaySeconds: 30, backoff: true },
  expireInSeconds: 300,
  handler: async ({ outboxId }, { ctx }) => sendStored(ctx, outboxId),
});
