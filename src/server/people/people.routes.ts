/** @module HTTP routes for people, roles, client assignments and invitations. */
import { z } from 'zod';
import {
  inviteAcceptRequest,
  inviteCreated,
  inviteInspectResponse,
  inviteRequest,
  inviteSchema,
  inviteTokenRequest,
  personPatch,
  sessionResponse,
  userSchema,
  uuidSchema,
} from '../../shared/api.ts';
import { defineRoute } from '../http/route.ts';
import {
  acceptInvite,
  createInvite,
  inspectInvite,
  inviteUrl,
  listInvites,
  listPeople,
  removePerson,
  revokeInvite,
  updatePerson,
} from './people.service.ts';

const personParams = z.strictObject({ userId: uuidSchema });
const inviteParams = z.strictObject({ inviteId: uuidSchema });

export const peopleRoutes = [
  defineRoute({
    method: 'GET',
    path: '/api/v1/people',
    access: 'owner-read',
    tag: 'people',
    summary: 'Everyone with an account, with role and client access',
    response: z.object({ people: z.array(userSchema) }),
    handler: async ({ ctx }) => ({ people: await listPeople(ctx) }),
  }),
  defineRoute({
    method: 'PATCH',
    path: '/api/v1/people/:userId',
    access: 'owner',
    tag: 'people',
    summary: "Change a person's role, client access, or disable them",
    params: personParams,
    body: personPatch,
    response: userSchema,
    handler: async ({ ctx, principal, params, body }) =>
      updatePerson({ ctx, actor: principal, userId: params.userId, patch: body }),
  }),
  defineRoute({
    method: 'DELETE',
    path: '/api/v1/people/:userId',
    access: 'owner',
    tag: 'people',
    summary: 'Remove a person and end their sessions and tokens',
    params: personParams,
    status: 204,
    handler: async ({ ctx, principal, params }) => removePerson(ctx, principal, params.userId),
  }),
  defineRoute({
    method: 'GET',
    path: '/api/v1/invites',
    access: 'owner-read',
    tag: 'people',
    summary: 'Invitations not yet accepted',
    response: z.object({ invites: z.array(inviteSchema) }),
    handler: async ({ ctx }) => ({ invites: await listInvites(ctx) }),
  }),
  defineRoute({
    method: 'POST',
    path: '/api/v1/invites',
    access: 'owner',
    tag: 'people',
    summary: 'Invite a member or founder; the one-time link is returned once',
    body: inviteRequest,
    response: inviteCreated,
    status: 201,
    handler: async ({ ctx, principal, body, request }) => {
      const { invite, token } = await createInvite({ ctx, actor: principal, input: body });
      return { invite, token, url: inviteUrl(ctx, request, token) };
    },
  }),
  defineRoute({
    method: 'DELETE',
    path: '/api/v1/invites/:inviteId',
    access: 'owner',
    tag: 'people',
    summary: 'Revoke an invitation',
    params: inviteParams,
    status: 204,
    handler: async ({ ctx, principal, params }) => revokeInvite(ctx, principal, params.inviteId),
  }),
  defineRoute({
    method: 'POST',
    path: '/api/v1/invites/inspect',
    access: 'public',
    tag: 'people',
    summary: 'What an invite link is for (email, role, client names)',
    body: inviteTokenRequest,
    response: inviteInspectResponse,
    handler: async ({ ctx, body }) => inspectInvite(ctx, body.token),
  }),
  defineRoute({
    method: 'POST',
    path: '/api/v1/invites/accept',
    access: 'public',
    isSignIn: true,
    tag: 'people',
    summary: 'Accept an invite: create the account and sign in',
    body: inviteAcceptRequest,
    response: sessionResponse,
    status: 201,
    handler: async ({ ctx, body, request, reply }) =>
      acceptInvite({ ctx, request, reply, input: body }),
  }),
];
