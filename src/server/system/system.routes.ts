/** @module Health, readiness, Prometheus metrics, background jobs and the audit log. */
import { z } from 'zod';
import { auditEntrySchema, jobSchema, pageQuery } from '../../shared/api.ts';
import { listAudit } from '../audit-log/audit-log.service.ts';
import { AppError } from '../http/app-error.ts';
import { defineRoute } from '../http/route.ts';
import { monitoringStatus } from '../monitoring/scheduler-health.ts';

const monitoringStatusSchema = z.object({
  status: z.enum(['ok', 'degraded', 'off']),
  lastPassAt: z.string().nullable(),
  failingSince: z.string().nullable(),
});

export const systemRoutes = [
  defineRoute({
    method: 'GET',
    path: '/healthz',
    access: 'public',
    tag: 'system',
    summary:
      "The process is alive (200 even when the database is away), with its monitor scheduler's state",
    response: z.object({ status: z.literal('ok'), monitoring: monitoringStatusSchema }),
    handler: async ({ ctx }) => ({ status: 'ok' as const, monitoring: monitoringStatus(ctx) }),
  }),
  defineRoute({
    method: 'GET',
    path: '/readyz',
    access: 'public',
    tag: 'system',
    summary:
      "The database answers (503 otherwise), with this process's monitor scheduler: ok, degraded (no good pass for 10 s) or off",
    response: z.object({
      status: z.literal('ready'),
      database: z.string(),
      monitoring: monitoringStatusSchema,
    }),
    handler: async ({ ctx }) => {
      try {
        await Promise.race([
          ctx.database.ping(),
          new Promise((_, reject) => setTimeout(() => reject(new Error('timeout')), 3_000).unref()),
        ]);
      } catch {
        const { failingSince } = monitoringStatus(ctx);
        const checks = failingSince ? `; monitor checks wait for it (since ${failingSince})` : '';
        throw new AppError('unavailable', `the database is not reachable${checks}`, [], {
          'retry-after': '5',
        });
      }
      return {
        status: 'ready' as const,
        database: ctx.database.kind,
        monitoring: monitoringStatus(ctx),
      };
    },
  }),
  defineRoute({
    method: 'GET',
    path: '/metrics',
    access: 'owner-read',
    tag: 'system',
    summary: 'Prometheus metrics (owner session or token)',
    handler: async ({ ctx, reply }) => {
      const text = await ctx.metrics.registry.metrics();
      return reply.type(ctx.metrics.registry.contentType).send(text);
    },
  }),
  defineRoute({
    method: 'GET',
    path: '/api/v1/jobs',
    access: 'owner-read',
    tag: 'system',
    summary: 'Recent background jobs with their status and last error',
    query: z.strictObject({
      limit: z.coerce.number().int().min(1).max(500).default(100),
      name: z.string().max(100).optional(),
    }),
    response: z.object({ jobs: z.array(jobSchema) }),
    handler: async ({ ctx, query }) => ({
      jobs: await ctx.jobs.list({ limit: query.limit, name: query.name }),
    }),
  }),
  defineRoute({
    method: 'GET',
    path: '/api/v1/audit-log',
    access: 'owner-read',
    tag: 'system',
    summary: 'Sign-ins and changes to people, roles and tokens, newest first',
    query: pageQuery,
    response: z.object({ entries: z.array(auditEntrySchema) }),
    handler: async ({ ctx, query }) => ({
      entries: await listAudit(ctx, { limit: query.limit, before: query.before }),
    }),
  }),
];
