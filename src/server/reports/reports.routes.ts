/** @module The weekly founder report: this week's (JSON, Markdown), its schedule, sending, history. */
import { z } from 'zod';
import { idParams, uuidSchema } from '../../shared/api.ts';
import {
  reportScheduleInput,
  reportScheduleSchema,
  sentReportSchema,
  weeklyReportSchema,
} from '../../shared/reports.ts';
import { defineRoute } from '../http/route.ts';
import { reportMarkdown } from './render.ts';
import {
  findSentReport,
  getSchedule,
  listSentReports,
  publicBaseUrl,
  saveSchedule,
  sendReportNow,
} from './reports.service.ts';
import { buildWeeklyReport } from './weekly-report.ts';

const weekQuery = z.strictObject({
  week: z.iso.date({ message: 'must be a date such as 2026-03-02' }).optional(),
});

const build = async (ctx: Parameters<typeof getSchedule>[0], clientId: string, week?: string) => {
  const schedule = await getSchedule(ctx, clientId);
  return buildWeeklyReport(ctx, { clientId, timeZone: schedule.timeZone, weekOf: week });
};

export const reportsRoutes = [
  defineRoute({
    method: 'GET',
    path: '/api/v1/clients/:clientId/reports/weekly',
    access: 'client-read',
    tag: 'reports',
    summary: 'The weekly founder report for this week (or the week of `week`)',
    params: idParams.client,
    query: weekQuery,
    response: weeklyReportSchema,
    handler: async ({ ctx, params, query }) => build(ctx, params.clientId, query.week),
  }),
  defineRoute({
    method: 'GET',
    path: '/api/v1/clients/:clientId/reports/weekly.md',
    access: 'client-read',
    tag: 'reports',
    summary: 'The weekly founder report as Markdown',
    params: idParams.client,
    query: weekQuery,
    handler: async ({ ctx, params, query, reply }) => {
      const report = await build(ctx, params.clientId, query.week);
      return reply
        .type('text/markdown; charset=utf-8')
        .header(
          'content-disposition',
          `attachment; filename="weekly-report-${report.week.start}.md"`,
        )
        .send(reportMarkdown(report, publicBaseUrl(ctx)));
    },
  }),
  defineRoute({
    method: 'GET',
    path: '/api/v1/clients/:clientId/reports/schedule',
    access: 'client-read',
    tag: 'reports',
    summary: 'When the weekly report is emailed, and to whom',
    params: idParams.client,
    response: reportScheduleSchema,
    handler: async ({ ctx, params }) => getSchedule(ctx, params.clientId),
  }),
  defineRoute({
    method: 'PUT',
    path: '/api/v1/clients/:clientId/reports/schedule',
    access: 'client-write',
    tag: 'reports',
    summary: 'Set the weekday, hour, time zone and recipients of the weekly report',
    params: idParams.client,
    body: reportScheduleInput,
    response: reportScheduleSchema,
    handler: async ({ ctx, params, body }) =>
      saveSchedule(ctx, { clientId: params.clientId, input: body }),
  }),
  defineRoute({
    method: 'POST',
    path: '/api/v1/clients/:clientId/reports/weekly/send',
    access: 'client-write',
    tag: 'reports',
    summary: 'Email this week’s report now',
    params: idParams.client,
    body: z.strictObject({
      recipients: z
        .array(z.email({ message: 'must be an email address' }))
        .max(20)
        .optional(),
    }),
    status: 202,
    response: z.object({ id: z.string() }),
    handler: async ({ ctx, params, body, principal }) =>
      sendReportNow(ctx, {
        clientId: params.clientId,
        recipients: body.recipients,
        sentBy: principal.userId,
      }),
  }),
  defineRoute({
    method: 'GET',
    path: '/api/v1/clients/:clientId/reports',
    access: 'client-read',
    tag: 'reports',
    summary: 'Reports sent for this client, with their delivery state',
    params: idParams.client,
    response: z.object({ reports: z.array(sentReportSchema) }),
    handler: async ({ ctx, params }) => ({ reports: await listSentReports(ctx, params.clientId) }),
  }),
  defineRoute({
    method: 'GET',
    path: '/api/v1/clients/:clientId/reports/:reportId',
    access: 'client-read',
    tag: 'reports',
    summary: 'A report as it was sent',
    params: z.strictObject({ clientId: uuidSchema, reportId: uuidSchema }),
    response: weeklyReportSchema,
    handler: async ({ ctx, params }) =>
      (await findSentReport(ctx, params.clientId, params.reportId)).content,
  }),
];
