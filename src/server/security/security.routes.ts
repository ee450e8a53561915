/** @module HTTP routes for security scans, findings and the posture checklist (area 8). */
import { z } from 'zod';
import { idParams } from '../../shared/api.ts';
import {
  acceptRiskRequest,
  advisoryStatusSchema,
  findingListQuery,
  findingListResponse,
  findingSchema,
  postureAnswerRequest,
  postureItemSchema,
  scanIdParams,
  scanRequest,
  scanRunSchema,
} from '../../shared/scans.ts';
import { advisoryStatus } from '../advisories/advisory-store.ts';
import { defineRoute } from '../http/route.ts';
import { acceptRisk, listFindings, reopenFinding } from './findings.service.ts';
import { answerPostureItem, clearPostureAnswer, getPosture } from './posture.service.ts';
import { listScanRuns, requestScans } from './scans.service.ts';

const client = '/api/v1/clients/:clientId';

export const securityRoutes = [
  defineRoute({
    method: 'POST',
    path: `${client}/repositories/:repositoryId/scans`,
    access: 'client-write',
    tag: 'security',
    summary: 'Queue secrets and/or dependency scans of the repository now',
    params: scanIdParams.repository,
    body: scanRequest,
    response: z.object({ runs: z.array(scanRunSchema) }),
    status: 202,
    handler: async ({ ctx, principal, params, body }) => ({
      runs: await requestScans({
        ctx,
        actor: principal,
        clientId: params.clientId,
        repositoryId: params.repositoryId,
        kinds: body.kinds,
        trigger: 'manual',
      }),
    }),
  }),
  defineRoute({
    method: 'GET',
    path: `${client}/scans`,
    access: 'client-read',
    tag: 'security',
    summary: "The client's security scan runs, newest first",
    params: idParams.client,
    query: z.strictObject({ limit: z.coerce.number().int().min(1).max(200).default(50) }),
    response: z.object({ runs: z.array(scanRunSchema) }),
    handler: async ({ ctx, params, query }) => ({
      runs: await listScanRuns(ctx, params.clientId, query.limit),
    }),
  }),
  defineRoute({
    method: 'GET',
    path: `${client}/security/findings`,
    access: 'client-read',
    tag: 'security',
    summary: 'Security findings (masked), with open counts by severity',
    params: idParams.client,
    query: findingListQuery,
    response: findingListResponse,
    handler: async ({ ctx, params, query }) => listFindings(ctx, params.clientId, query),
  }),
  defineRoute({
    method: 'POST',
    path: `${client}/security/findings/:findingId/accept`,
    access: 'client-write',
    tag: 'security',
    summary: 'Accept the risk of a finding, with a reason and a date when it reopens',
    params: scanIdParams.finding,
    body: acceptRiskRequest,
    response: findingSchema,
    handler: async ({ ctx, principal, params, body }) =>
      acceptRisk({
        ctx,
        actor: principal,
        clientId: params.clientId,
        findingId: params.findingId,
        input: body,
      }),
  }),
  defineRoute({
    method: 'POST',
    path: `${client}/security/findings/:findingId/reopen`,
    access: 'client-write',
    tag: 'security',
    summary: 'Withdraw an accepted risk: the finding is open again',
    params: scanIdParams.finding,
    response: findingSchema,
    handler: async ({ ctx, principal, params }) =>
      reopenFinding({
        ctx,
        actor: principal,
        clientId: params.clientId,
        findingId: params.findingId,
      }),
  }),
  defineRoute({
    method: 'GET',
    path: `${client}/posture`,
    access: 'client-read',
    tag: 'security',
    summary: 'The posture checklist: manual answers, or what Keel knows from evidence',
    params: idParams.client,
    response: z.object({ items: z.array(postureItemSchema) }),
    handler: async ({ ctx, params }) => ({ items: await getPosture(ctx, params.clientId) }),
  }),
  defineRoute({
    method: 'PUT',
    path: `${client}/posture/:itemKey`,
    access: 'client-write',
    tag: 'security',
    summary: 'Answer a checklist item (overrides evidence)',
    params: scanIdParams.postureItem,
    body: postureAnswerRequest,
    response: postureItemSchema,
    handler: async ({ ctx, principal, params, body }) =>
      answerPostureItem({
        ctx,
        actor: principal,
        clientId: params.clientId,
        itemKey: params.itemKey,
        input: body,
      }),
  }),
  defineRoute({
    method: 'DELETE',
    path: `${client}/posture/:itemKey`,
    access: 'client-write',
    tag: 'security',
    summary: 'Remove the manual answer: the item falls back to evidence',
    params: scanIdParams.postureItem,
    response: postureItemSchema,
    handler: async ({ ctx, principal, params }) =>
      clearPostureAnswer({
        ctx,
        actor: principal,
        clientId: params.clientId,
        itemKey: params.itemKey,
      }),
  }),
  defineRoute({
    method: 'GET',
    path: '/api/v1/advisories',
    access: 'user',
    tag: 'security',
    summary: 'How many advisories Keel holds for dependency scans, and the latest imports',
    response: advisoryStatusSchema,
    handler: async ({ ctx }) => advisoryStatus(ctx.db),
  }),
];
