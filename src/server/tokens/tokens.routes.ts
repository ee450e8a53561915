/** @module HTTP routes for API tokens. */
import { z } from 'zod';
import { tokenCreated, tokenRequest, tokenSchema, uuidSchema } from '../../shared/api.ts';
import { defineRoute } from '../http/route.ts';
import { createToken, listTokens, revokeToken } from './tokens.service.ts';

export const tokensRoutes = [
  defineRoute({
    method: 'GET',
    path: '/api/v1/tokens',
    access: 'user',
    tag: 'tokens',
    summary: 'Your API tokens (the owner sees all)',
    response: z.object({ tokens: z.array(tokenSchema) }),
    handler: async ({ ctx, principal }) => ({ tokens: await listTokens(ctx, principal) }),
  }),
  defineRoute({
    method: 'POST',
    path: '/api/v1/tokens',
    access: 'user',
    tag: 'tokens',
    summary: 'Create an API token; its value is shown once',
    body: tokenRequest,
    response: tokenCreated,
    status: 201,
    handler: async ({ ctx, principal, body }) =>
      createToken({ ctx, actor: principal, input: body }),
  }),
  defineRoute({
    method: 'DELETE',
    path: '/api/v1/tokens/:tokenId',
    access: 'user',
    tag: 'tokens',
    summary: 'Revoke an API token',
    params: z.strictObject({ tokenId: uuidSchema }),
    status: 204,
    handler: async ({ ctx, principal, params }) => revokeToken(ctx, principal, params.tokenId),
  }),
];
