/** @module HTTP routes for a client's SLOs: list with status (budget left, burn rates), CRUD. */
import { z } from 'zod';
import { idParams } from '../../shared/api.ts';
import { sloInput, sloParams, sloPatch, sloSchema, sloStatusSchema } from '../../shared/slo.ts';
import { defineRoute } from '../http/route.ts';
import {
  createSlo,
  deleteSlo,
  findSlo,
  listSloStatuses,
  sloStatus,
  updateSlo,
} from './slo.service.ts';

const base = '/api/v1/clients/:clientId/slos';

export const sloRoutes = [
  defineRoute({
    method: 'GET',
    path: base,
    access: 'client-read',
    tag: 'monitoring',
    summary: "A client's SLOs with error budget left and burn rates over 5 min, 30 min, 1 h, 6 h",
    params: idParams.client,
    response: z.object({ slos: z.array(sloStatusSchema) }),
    handler: async ({ ctx, params }) => ({ slos: await listSloStatuses(ctx, params.clientId) }),
  }),
  defineRoute({
    method: 'POST',
    path: base,
    access: 'client-write',
    tag: 'monitoring',
    summary: 'Create an SLO over one monitor or a group (target %, rolling window in days)',
    params: idParams.client,
    body: sloInput,
    response: sloSchema,
    status: 201,
    handler: async ({ ctx, params, body }) =>
      createSlo({ ctx, clientId: params.clientId, input: body }),
  }),
  defineRoute({
    method: 'GET',
    path: `${base}/:sloId`,
    access: 'client-read',
    tag: 'monitoring',
    summary: 'One SLO with its error budget and burn rates',
    params: sloParams,
    response: sloStatusSchema,
    handler: async ({ ctx, params }) =>
      sloStatus(ctx, await findSlo(ctx, params.clientId, params.sloId)),
  }),
  defineRoute({
    method: 'PATCH',
    path: `${base}/:sloId`,
    access: 'client-write',
    tag: 'monitoring',
    summary: 'Change an SLO',
    params: sloParams,
    body: sloPatch,
    response: sloSchema,
    handler: async ({ ctx, params, body }) =>
      updateSlo({ ctx, clientId: params.clientId, sloId: params.sloId, patch: body }),
  }),
  defineRoute({
    method: 'DELETE',
    path: `${base}/:sloId`,
    access: 'client-write',
    tag: 'monitoring',
    summary: 'Delete an SLO',
    params: sloParams,
    status: 204,
    handler: async ({ ctx, params }) => deleteSlo(ctx, params.clientId, params.sloId),
  }),
];
