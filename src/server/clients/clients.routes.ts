/** @module HTTP routes for client companies. */
import { z } from 'zod';
import {
  clientInput,
  clientListQuery,
  clientPatch,
  clientSchema,
  idParams,
} from '../../shared/api.ts';
import { notFound } from '../http/app-error.ts';
import { defineRoute } from '../http/route.ts';
import { findClient, findClients, presentClient } from './clients.repo.ts';
import { createClient, setArchived, updateClient } from './clients.service.ts';

export const clientsRoutes = [
  defineRoute({
    method: 'GET',
    path: '/api/v1/clients',
    access: 'user',
    tag: 'clients',
    summary: 'The clients you can see (active ones unless asked otherwise)',
    query: clientListQuery,
    response: z.object({ clients: z.array(clientSchema) }),
    handler: async ({ ctx, principal, query }) => {
      const rows = await findClients(ctx.db, {
        scope: principal.clientScope,
        archived: query.archived,
      });
      return { clients: rows.map(presentClient) };
    },
  }),
  defineRoute({
    method: 'POST',
    path: '/api/v1/clients',
    access: 'owner',
    tag: 'clients',
    summary: 'Create a client company',
    body: clientInput,
    response: clientSchema,
    status: 201,
    handler: async ({ ctx, principal, body }) =>
      createClient({ ctx, actor: principal, input: body }),
  }),
  defineRoute({
    method: 'GET',
    path: '/api/v1/clients/:clientId',
    access: 'client-read',
    tag: 'clients',
    summary: 'One client company',
    params: idParams.client,
    response: clientSchema,
    handler: async ({ ctx, params }) => {
      const row = await findClient(ctx.db, params.clientId);
      if (!row) throw notFound('client');
      return presentClient(row);
    },
  }),
  defineRoute({
    method: 'PATCH',
    path: '/api/v1/clients/:clientId',
    access: 'client-write',
    tag: 'clients',
    summary: 'Edit a client company',
    params: idParams.client,
    body: clientPatch,
    response: clientSchema,
    handler: async ({ ctx, principal, params, body }) =>
      updateClient({ ctx, actor: principal, clientId: params.clientId, patch: body }),
  }),
  defineRoute({
    method: 'POST',
    path: '/api/v1/clients/:clientId/archive',
    access: 'owner',
    tag: 'clients',
    summary: 'Archive a client (kept, hidden from the portfolio)',
    params: idParams.client,
    response: clientSchema,
    handler: async ({ ctx, principal, params }) =>
      setArchived({ ctx, actor: principal, clientId: params.clientId, archived: true }),
  }),
  defineRoute({
    method: 'POST',
    path: '/api/v1/clients/:clientId/restore',
    access: 'owner',
    tag: 'clients',
    summary: 'Bring an archived client back',
    params: idParams.client,
    response: clientSchema,
    handler: async ({ ctx, principal, params }) =>
      setArchived({ ctx, actor: principal, clientId: params.clientId, archived: false }),
  }),
];
