/** @module HTTP routes for the repositories connected to a client. */
import { z } from 'zod';
import { idParams } from '../../shared/api.ts';
import {
  repositoryInput,
  repositoryPatch,
  repositorySchema,
  scanIdParams,
} from '../../shared/scans.ts';
import { defineRoute } from '../http/route.ts';
import {
  connectRepository,
  disconnectRepository,
  findRepository,
  listRepositories,
  presentRepository,
  updateRepository,
} from './repositories.service.ts';

const base = '/api/v1/clients/:clientId/repositories';

export const repositoriesRoutes = [
  defineRoute({
    method: 'GET',
    path: base,
    access: 'client-read',
    tag: 'repositories',
    summary: "The client's connected repositories, with their latest audit and scans",
    params: idParams.client,
    response: z.object({ repositories: z.array(repositorySchema) }),
    handler: async ({ ctx, params }) => ({
      repositories: await listRepositories(ctx, params.clientId),
    }),
  }),
  defineRoute({
    method: 'POST',
    path: base,
    access: 'client-write',
    tag: 'repositories',
    summary:
      'Connect a repository: a git URL (optional access token, stored encrypted) or, for the owner, a folder on the Keel server',
    params: idParams.client,
    body: repositoryInput,
    response: repositorySchema,
    status: 201,
    handler: async ({ ctx, principal, params, body }) =>
      connectRepository({ ctx, actor: principal, clientId: params.clientId, input: body }),
  }),
  defineRoute({
    method: 'GET',
    path: `${base}/:repositoryId`,
    access: 'client-read',
    tag: 'repositories',
    summary: 'One connected repository',
    params: scanIdParams.repository,
    response: repositorySchema,
    handler: async ({ ctx, params }) =>
      presentRepository(ctx.db, await findRepository(ctx.db, params.clientId, params.repositoryId)),
  }),
  defineRoute({
    method: 'PATCH',
    path: `${base}/:repositoryId`,
    access: 'client-write',
    tag: 'repositories',
    summary:
      'Rename a repository, replace or remove its token or the user name sent with it, or (owner) allow private networks',
    params: scanIdParams.repository,
    body: repositoryPatch,
    response: repositorySchema,
    handler: async ({ ctx, principal, params, body }) =>
      updateRepository({
        ctx,
        actor: principal,
        clientId: params.clientId,
        repositoryId: params.repositoryId,
        patch: body,
      }),
  }),
  defineRoute({
    method: 'DELETE',
    path: `${base}/:repositoryId`,
    access: 'client-write',
    tag: 'repositories',
    summary: 'Disconnect a repository (its token, runs and findings go with it)',
    params: scanIdParams.repository,
    status: 204,
    handler: async ({ ctx, principal, params }) =>
      disconnectRepository({
        ctx,
        actor: principal,
        clientId: params.clientId,
        repositoryId: params.repositoryId,
      }),
  }),
];
