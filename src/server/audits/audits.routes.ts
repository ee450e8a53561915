/** @module HTTP routes for audit runs (area 3: tech debt and quality). */
import { z } from 'zod';
import { idParams, uuidSchema } from '../../shared/api.ts';
import { auditRunSchema, auditRunSummarySchema, scanIdParams } from '../../shared/scans.ts';
import { defineRoute } from '../http/route.ts';
import { getAuditRun, listAuditRuns, requestAudit } from './audits.service.ts';

export const auditsRoutes = [
  defineRoute({
    method: 'POST',
    path: '/api/v1/clients/:clientId/repositories/:repositoryId/audits',
    access: 'client-write',
    tag: 'audits',
    summary: 'Queue an audit of the repository now',
    params: scanIdParams.repository,
    response: auditRunSummarySchema,
    status: 202,
    handler: async ({ ctx, principal, params }) =>
      requestAudit({
        ctx,
        actor: principal,
        clientId: params.clientId,
        repositoryId: params.repositoryId,
        trigger: 'manual',
      }),
  }),
  defineRoute({
    method: 'GET',
    path: '/api/v1/clients/:clientId/audits',
    access: 'client-read',
    tag: 'audits',
    summary: "The client's audit runs, newest first (for the trend)",
    params: idParams.client,
    query: z.strictObject({
      repositoryId: uuidSchema.optional(),
      limit: z.coerce.number().int().min(1).max(200).default(52),
    }),
    response: z.object({ runs: z.array(auditRunSummarySchema) }),
    handler: async ({ ctx, params, query }) => ({
      runs: await listAuditRuns(ctx, params.clientId, query),
    }),
  }),
  defineRoute({
    method: 'GET',
    path: '/api/v1/clients/:clientId/audits/:runId',
    access: 'client-read',
    tag: 'audits',
    summary: 'One audit run: score, level, checks, findings, hotspots and the full report',
    params: scanIdParams.auditRun,
    response: auditRunSchema,
    handler: async ({ ctx, params }) => getAuditRun(ctx, params.clientId, params.runId),
  }),
];
