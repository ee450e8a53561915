/** @module HTTP routes for the public intake form and the owner's leads. */
import { z } from 'zod';
import { clientSchema, uuidSchema } from '../../shared/api.ts';
import {
  intakeAccepted,
  intakeRequest,
  leadConvertRequest,
  leadDeclineRequest,
  leadListQuery,
  leadSchema,
} from '../../shared/intake.ts';
import { defineRoute } from '../http/route.ts';
import { convertLead, declineLead, listLeads, submitIntake } from './intake.service.ts';

const lead = z.strictObject({ leadId: uuidSchema });

export const intakeRoutes = [
  defineRoute({
    method: 'POST',
    path: '/api/v1/intake',
    access: 'public',
    tag: 'intake',
    summary: 'The public "get in touch" form: creates a lead and tells the owners',
    body: intakeRequest,
    response: intakeAccepted,
    status: 202,
    handler: async ({ ctx, request, body }) => submitIntake({ ctx, request, input: body }),
  }),
  defineRoute({
    method: 'GET',
    path: '/api/v1/leads',
    access: 'owner-read',
    tag: 'intake',
    summary: 'Leads from the intake form (new ones unless asked otherwise)',
    query: leadListQuery,
    response: z.object({ leads: z.array(leadSchema) }),
    handler: async ({ ctx, query }) => ({ leads: await listLeads(ctx, query.status) }),
  }),
  defineRoute({
    method: 'POST',
    path: '/api/v1/leads/:leadId/convert',
    access: 'owner',
    tag: 'intake',
    summary: 'Turn a lead into a client (stage, stack, blocker and contact carried over)',
    params: lead,
    body: leadConvertRequest,
    response: z.object({ lead: leadSchema, client: clientSchema }),
    status: 201,
    handler: async ({ ctx, principal, params, body }) =>
      convertLead({ ctx, actor: principal, leadId: params.leadId, name: body.name }),
  }),
  defineRoute({
    method: 'POST',
    path: '/api/v1/leads/:leadId/decline',
    access: 'owner',
    tag: 'intake',
    summary: 'Decline a lead, with the reason',
    params: lead,
    body: leadDeclineRequest,
    response: leadSchema,
    handler: async ({ ctx, principal, params, body }) =>
      declineLead({ ctx, actor: principal, leadId: params.leadId, reason: body.reason }),
  }),
];
