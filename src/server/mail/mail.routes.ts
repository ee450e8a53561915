/** @module The outbox on the System page: what was sent, what failed and why; send again. */
import { z } from 'zod';
import { outboxMessageSchema, uuidSchema } from '../../shared/api.ts';
import { defineRoute } from '../http/route.ts';
import { listOutbox, retryMessage } from './outbox.ts';

export const mailRoutes = [
  defineRoute({
    method: 'GET',
    path: '/api/v1/outbox',
    access: 'owner-read',
    tag: 'system',
    summary: 'Recent outgoing email with its delivery state and last error',
    query: z.strictObject({ limit: z.coerce.number().int().min(1).max(500).default(100) }),
    response: z.object({ messages: z.array(outboxMessageSchema) }),
    handler: async ({ ctx, query }) => ({ messages: await listOutbox(ctx, query.limit) }),
  }),
  defineRoute({
    method: 'POST',
    path: '/api/v1/outbox/:messageId/retry',
    access: 'owner',
    tag: 'system',
    summary: 'Send a failed message again',
    params: z.strictObject({ messageId: uuidSchema }),
    status: 202,
    response: z.object({ status: z.literal('queued') }),
    handler: async ({ ctx, params }) => {
      await retryMessage(ctx, params.messageId);
      return { status: 'queued' as const };
    },
  }),
];
