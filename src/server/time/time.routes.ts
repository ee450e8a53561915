/** @module HTTP routes for the time log, retainer usage and the monthly CSV. */
import { eq } from 'drizzle-orm';
import { z } from 'zod';
import { uuidSchema } from '../../shared/api.ts';
import {
  monthQuery,
  timeEntryInput,
  timeEntryPatch,
  timeEntrySchema,
  timeListSchema,
  usageSchema,
} from '../../shared/time.ts';
import { engagements } from '../db/schema.ts';
import { defineRoute } from '../http/route.ts';
import { renderTimeCsv } from './time-csv.ts';
import {
  assertStaff,
  createEntry,
  currentMonth,
  deleteEntry,
  listTime,
  retainerUsage,
  updateEntry,
} from './time.service.ts';

const client = z.strictObject({ clientId: uuidSchema });
const one = z.strictObject({ clientId: uuidSchema, entryId: uuidSchema });
const base = '/api/v1/clients/:clientId';

export const timeRoutes = [
  defineRoute({
    method: 'GET',
    path: `${base}/time`,
    access: 'client-read',
    tag: 'time',
    summary: 'Time entries of a month (this month by default), totals and retainer usage',
    params: client,
    query: monthQuery,
    response: timeListSchema,
    handler: async ({ ctx, principal, params, query }) => {
      assertStaff(principal);
      return listTime(ctx, params.clientId, query.month ?? currentMonth());
    },
  }),
  defineRoute({
    method: 'GET',
    path: `${base}/time/usage`,
    access: 'client-read',
    tag: 'time',
    summary: 'Retainer hours used in a month against the budget, with a level (ok, warning, over)',
    params: client,
    query: monthQuery,
    response: z.object({ usage: z.array(usageSchema) }),
    handler: async ({ ctx, params, query }) => {
      const usage = await retainerUsage(ctx.db, [params.clientId], query.month ?? currentMonth());
      return { usage: usage.map(({ clientId: _c, ...u }) => u) };
    },
  }),
  defineRoute({
    method: 'GET',
    path: `${base}/time.csv`,
    access: 'client-read',
    tag: 'time',
    summary: 'The monthly time summary as CSV',
    params: client,
    query: monthQuery,
    handler: async ({ ctx, principal, params, query, reply }) => {
      assertStaff(principal);
      const month = query.month ?? currentMonth();
      const [list, titles] = await Promise.all([
        listTime(ctx, params.clientId, month),
        ctx.db
          .select({ id: engagements.id, title: engagements.title })
          .from(engagements)
          .where(eq(engagements.clientId, params.clientId)),
      ]);
      return reply
        .type('text/csv; charset=utf-8')
        .header('content-disposition', `attachment; filename="time-${month}.csv"`)
        .send(renderTimeCsv(list, new Map(titles.map((t) => [t.id, t.title]))));
    },
  }),
  defineRoute({
    method: 'POST',
    path: `${base}/time`,
    access: 'client-write',
    tag: 'time',
    summary: 'Log your own time (hours in quarter hours, more than 0 and at most 24)',
    params: client,
    body: timeEntryInput,
    response: timeEntrySchema,
    status: 201,
    handler: async ({ ctx, principal, params, body }) =>
      createEntry({ ctx, actor: principal, clientId: params.clientId, input: body }),
  }),
  defineRoute({
    method: 'PATCH',
    path: `${base}/time/:entryId`,
    access: 'client-write',
    tag: 'time',
    summary: 'Edit a time entry (a member edits only their own; the owner any)',
    params: one,
    body: timeEntryPatch,
    response: timeEntrySchema,
    handler: async ({ ctx, principal, params, body }) =>
      updateEntry({
        ctx,
        actor: principal,
        clientId: params.clientId,
        entryId: params.entryId,
        patch: body,
      }),
  }),
  defineRoute({
    method: 'DELETE',
    path: `${base}/time/:entryId`,
    access: 'client-write',
    tag: 'time',
    summary: 'Delete a time entry (a member deletes only their own; the owner any)',
    params: one,
    status: 204,
    handler: async ({ ctx, principal, params }) =>
      deleteEntry({ ctx, actor: principal, clientId: params.clientId, entryId: params.entryId }),
  }),
];
