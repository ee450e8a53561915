/** @module HTTP routes for scoping (constraints, user paths, risks) and milestones. */
import { z } from 'zod';
import { uuidSchema } from '../../shared/api.ts';
import {
  milestoneInput,
  milestoneListSchema,
  milestonePatch,
  milestoneSchema,
  riskInput,
  riskPatch,
  riskSchema,
  scopingInput,
  scopingSchema,
  userPathInput,
  userPathPatch,
  userPathSchema,
} from '../../shared/roadmap.ts';
import { defineRoute } from '../http/route.ts';
import {
  createMilestone,
  deleteMilestone,
  listMilestones,
  updateMilestone,
} from './milestones.service.ts';
import {
  createRisk,
  createUserPath,
  deleteRisk,
  deleteUserPath,
  getScoping,
  saveScoping,
  updateRisk,
  updateUserPath,
} from './scoping.service.ts';

const client = z.strictObject({ clientId: uuidSchema });
const userPath = z.strictObject({ clientId: uuidSchema, userPathId: uuidSchema });
const risk = z.strictObject({ clientId: uuidSchema, riskId: uuidSchema });
const milestone = z.strictObject({ clientId: uuidSchema, milestoneId: uuidSchema });
const base = '/api/v1/clients/:clientId';

export const roadmapRoutes = [
  defineRoute({
    method: 'GET',
    path: `${base}/scoping`,
    access: 'client-read',
    tag: 'roadmap',
    summary: "The client's scoping record: constraints, user paths and risks",
    params: client,
    response: scopingSchema,
    handler: async ({ ctx, params }) => getScoping(ctx, params.clientId),
  }),
  defineRoute({
    method: 'PUT',
    path: `${base}/scoping`,
    access: 'client-write',
    tag: 'roadmap',
    summary: 'Save the scoping workshop record (date, summary, constraints)',
    params: client,
    body: scopingInput,
    response: scopingSchema,
    handler: async ({ ctx, params, body }) =>
      saveScoping({ ctx, clientId: params.clientId, input: body }),
  }),
  defineRoute({
    method: 'POST',
    path: `${base}/user-paths`,
    access: 'client-write',
    tag: 'roadmap',
    summary: 'Add a user path (who, goal, steps, priority)',
    params: client,
    body: userPathInput,
    response: userPathSchema,
    status: 201,
    handler: async ({ ctx, params, body }) =>
      createUserPath({ ctx, clientId: params.clientId, input: body }),
  }),
  defineRoute({
    method: 'PATCH',
    path: `${base}/user-paths/:userPathId`,
    access: 'client-write',
    tag: 'roadmap',
    summary: 'Edit a user path',
    params: userPath,
    body: userPathPatch,
    response: userPathSchema,
    handler: async ({ ctx, params, body }) =>
      updateUserPath({
        ctx,
        clientId: params.clientId,
        userPathId: params.userPathId,
        patch: body,
      }),
  }),
  defineRoute({
    method: 'DELETE',
    path: `${base}/user-paths/:userPathId`,
    access: 'client-write',
    tag: 'roadmap',
    summary: 'Delete a user path (and unlink it from milestones)',
    params: userPath,
    status: 204,
    handler: async ({ ctx, params }) =>
      deleteUserPath({ ctx, clientId: params.clientId, userPathId: params.userPathId }),
  }),
  defineRoute({
    method: 'POST',
    path: `${base}/risks`,
    access: 'client-write',
    tag: 'roadmap',
    summary: 'Add a risk, in business terms, with its mitigation',
    params: client,
    body: riskInput,
    response: riskSchema,
    status: 201,
    handler: async ({ ctx, params, body }) =>
      createRisk({ ctx, clientId: params.clientId, input: body }),
  }),
  defineRoute({
    method: 'PATCH',
    path: `${base}/risks/:riskId`,
    access: 'client-write',
    tag: 'roadmap',
    summary: 'Edit a risk',
    params: risk,
    body: riskPatch,
    response: riskSchema,
    handler: async ({ ctx, params, body }) =>
      updateRisk({ ctx, clientId: params.clientId, riskId: params.riskId, patch: body }),
  }),
  defineRoute({
    method: 'DELETE',
    path: `${base}/risks/:riskId`,
    access: 'client-write',
    tag: 'roadmap',
    summary: 'Delete a risk',
    params: risk,
    status: 204,
    handler: async ({ ctx, params }) =>
      deleteRisk({ ctx, clientId: params.clientId, riskId: params.riskId }),
  }),
  defineRoute({
    method: 'GET',
    path: `${base}/milestones`,
    access: 'client-read',
    tag: 'roadmap',
    summary: 'Milestones with their slip, and the share delivered on time',
    params: client,
    response: milestoneListSchema,
    handler: async ({ ctx, params }) => listMilestones(ctx, params.clientId),
  }),
  defineRoute({
    method: 'POST',
    path: `${base}/milestones`,
    access: 'client-write',
    tag: 'roadmap',
    summary: 'Add a milestone (acceptance criteria, due date, price share, linked user paths)',
    params: client,
    body: milestoneInput,
    response: milestoneSchema,
    status: 201,
    handler: async ({ ctx, params, body }) =>
      createMilestone({ ctx, clientId: params.clientId, input: body }),
  }),
  defineRoute({
    method: 'PATCH',
    path: `${base}/milestones/:milestoneId`,
    access: 'client-write',
    tag: 'roadmap',
    summary:
      'Edit a milestone, tick acceptance criteria, mark it done; `replan: true` (owner) re-baselines',
    params: milestone,
    body: milestonePatch,
    response: milestoneSchema,
    handler: async ({ ctx, principal, params, body }) =>
      updateMilestone({
        ctx,
        actor: principal,
        clientId: params.clientId,
        milestoneId: params.milestoneId,
        patch: body,
      }),
  }),
  defineRoute({
    method: 'DELETE',
    path: `${base}/milestones/:milestoneId`,
    access: 'client-write',
    tag: 'roadmap',
    summary: 'Delete a milestone',
    params: milestone,
    status: 204,
    handler: async ({ ctx, params }) =>
      deleteMilestone({ ctx, clientId: params.clientId, milestoneId: params.milestoneId }),
  }),
];
