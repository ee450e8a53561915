/** @module HTTP routes for engagements, their status moves and their proposal. */
import { z } from 'zod';
import { uuidSchema } from '../../shared/api.ts';
import {
  engagementInput,
  engagementPatch,
  engagementSchema,
  engagementTransition,
  proposalSchema,
} from '../../shared/engagements.ts';
import { notFound } from '../http/app-error.ts';
import { defineRoute } from '../http/route.ts';
import {
  createEngagement,
  findEngagement,
  listEngagements,
  presentEngagement,
  transitionEngagement,
  updateEngagement,
} from './engagements.service.ts';
import { buildProposal, renderProposalMarkdown } from './proposal.ts';

const client = z.strictObject({ clientId: uuidSchema });
const one = z.strictObject({ clientId: uuidSchema, engagementId: uuidSchema });
const base = '/api/v1/clients/:clientId/engagements';

export const engagementsRoutes = [
  defineRoute({
    method: 'GET',
    path: base,
    access: 'client-read',
    tag: 'engagements',
    summary: "The client's engagements (MVP sprints and retainers)",
    params: client,
    response: z.object({ engagements: z.array(engagementSchema) }),
    handler: async ({ ctx, params }) => ({
      engagements: await listEngagements(ctx, params.clientId),
    }),
  }),
  defineRoute({
    method: 'POST',
    path: base,
    access: 'owner',
    tag: 'engagements',
    summary: 'Propose an engagement: an MVP sprint (4–6 weeks, price range) or a retainer',
    params: client,
    body: engagementInput,
    response: engagementSchema,
    status: 201,
    handler: async ({ ctx, principal, params, body }) =>
      createEngagement({ ctx, actor: principal, clientId: params.clientId, input: body }),
  }),
  defineRoute({
    method: 'GET',
    path: `${base}/:engagementId`,
    access: 'client-read',
    tag: 'engagements',
    summary: 'One engagement',
    params: one,
    response: engagementSchema,
    handler: async ({ ctx, params }) => {
      const row = await findEngagement(ctx.db, params.clientId, params.engagementId);
      if (!row) throw notFound('engagement');
      return presentEngagement(row);
    },
  }),
  defineRoute({
    method: 'PATCH',
    path: `${base}/:engagementId`,
    access: 'owner',
    tag: 'engagements',
    summary: 'Edit an engagement (dates, price, terms)',
    params: one,
    body: engagementPatch,
    response: engagementSchema,
    handler: async ({ ctx, params, body }) =>
      updateEngagement({
        ctx,
        clientId: params.clientId,
        engagementId: params.engagementId,
        patch: body,
      }),
  }),
  defineRoute({
    method: 'POST',
    path: `${base}/:engagementId/status`,
    access: 'owner',
    tag: 'engagements',
    summary: 'Move an engagement: proposed → active ⇄ paused → done',
    params: one,
    body: engagementTransition,
    response: engagementSchema,
    handler: async ({ ctx, principal, params, body }) =>
      transitionEngagement({
        ctx,
        actor: principal,
        clientId: params.clientId,
        engagementId: params.engagementId,
        to: body.status,
      }),
  }),
  defineRoute({
    method: 'GET',
    path: `${base}/:engagementId/proposal`,
    access: 'client-read',
    tag: 'engagements',
    summary: 'The proposal built from the scoping: goals, user paths, milestones, price, terms',
    params: one,
    response: proposalSchema,
    handler: async ({ ctx, params }) => buildProposal(ctx, params.clientId, params.engagementId),
  }),
  defineRoute({
    method: 'GET',
    path: `${base}/:engagementId/proposal.md`,
    access: 'client-read',
    tag: 'engagements',
    summary: 'The proposal as Markdown',
    params: one,
    handler: async ({ ctx, params, reply }) => {
      const proposal = await buildProposal(ctx, params.clientId, params.engagementId);
      const name = proposal.engagement.title.replace(/[^\w-]+/g, '-').slice(0, 60) || 'proposal';
      return reply
        .type('text/markdown; charset=utf-8')
        .header('content-disposition', `inline; filename="${name}.md"`)
        .send(renderProposalMarkdown(proposal));
    },
  }),
];
