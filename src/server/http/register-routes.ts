/**
 * @module Mounts route definitions on Fastify. Each request goes: who is asking (session cookie
 * or bearer token) → may they (access + CSRF) → validate (zod) → handler → JSON. Access is
 * checked before the body is read, so a founder learns nothing from validation messages.
 */
import type { FastifyInstance, FastifyRequest } from 'fastify';
import type { AppContext } from '../context.ts';
import {
  assertClientFounderWrite,
  assertClientRead,
  assertClientWrite,
  assertOwner,
  assertTokenScope,
  type Principal,
} from '../auth/principal.ts';
import { principalFromSession, principalFromToken, SESSION_COOKIE } from '../auth/sessions.ts';
import { safeEqual } from '../auth/tokens.ts';
import { invalidateClientStatus } from '../portfolio/status-cache.ts';
import { AppError } from './app-error.ts';
import type { AnyRoute } from './route.ts';
import { validate } from './validation.ts';

export const CSRF_HEADER = 'x-csrf-token';

interface Identity {
  principal?: Principal;
  sessionExpired?: boolean;
}

async function identify(ctx: AppContext, request: FastifyRequest): Promise<Identity> {
  const authorization = request.headers.authorization;
  if (authorization) {
    const match = /^Bearer\s+(\S+)$/i.exec(authorization);
    const principal = match?.[1] ? await principalFromToken(ctx, match[1]) : undefined;
    if (!principal)
      throw new AppError('unauthenticated', 'the API token is invalid, revoked or expired');
    return { principal };
  }
  const cookie = request.cookies[SESSION_COOKIE];
  if (!cookie) return {};
  const found = await principalFromSession(ctx, cookie);
  if (!found) return {};
  if ('expired' in found) return { sessionExpired: true };
  return { principal: found.principal };
}

function checkCsrf(request: FastifyRequest, principal: Principal): void {
  if (principal.via !== 'session' || request.method === 'GET' || request.method === 'HEAD') return;
  const sent = request.headers[CSRF_HEADER];
  if (typeof sent !== 'string' || !principal.csrfToken || !safeEqual(sent, principal.csrfToken)) {
    throw new AppError(
      'csrf_failed',
      `missing or wrong ${CSRF_HEADER} header; reload the page and try again`,
    );
  }
}

function authorize(route: AnyRoute, principal: Principal, params: Record<string, unknown>): void {
  const isWrite = route.method !== 'GET';
  // Whatever the rule, a client out of reach is 404 first: its existence is not revealed.
  if (typeof params.clientId === 'string') assertClientRead(principal, params.clientId);
  assertTokenScope(principal, route.tokenScopes);
  switch (route.access) {
    case 'owner':
    case 'owner-read':
      assertOwner(principal, { write: route.access === 'owner' && isWrite });
      return;
    case 'client-read':
      assertClientRead(principal, String(params.clientId));
      return;
    case 'client-write':
      assertClientWrite(principal, String(params.clientId));
      return;
    case 'client-founder-write':
      assertClientFounderWrite(principal, String(params.clientId));
      return;
    default:
      return;
  }
}

export function registerRoutes(app: FastifyInstance, ctx: AppContext, routes: AnyRoute[]): void {
  for (const route of routes) {
    if (route.ignoreBody) {
      const { maxBytes } = route.ignoreBody;
      // A scope of its own: any content type is read up to the cap and dropped, here only.
      void app.register(async (scope) => {
        scope.removeAllContentTypeParsers();
        scope.addContentTypeParser(
          '*',
          { parseAs: 'buffer', bodyLimit: maxBytes },
          (_r, _b, done) => done(null, undefined),
        );
        mountRoute(scope, ctx, route);
      });
    } else mountRoute(app, ctx, route);
  }
}

function mountRoute(app: FastifyInstance, ctx: AppContext, route: AnyRoute): void {
  app.route({
    method: route.method,
    url: route.path,
    handler: async (request, reply) => {
      const { principal, sessionExpired } = await identify(ctx, request);
      if (route.access !== 'public') {
        if (!principal) {
          throw sessionExpired
            ? new AppError('session_expired', 'your session has expired; sign in again')
            : new AppError(
                'unauthenticated',
                'sign in, or send an API token as "Authorization: Bearer …"',
              );
        }
        checkCsrf(request, principal);
      } else if (principal && !route.isSignIn) {
        checkCsrf(request, principal);
      }
      let params: Record<string, unknown> = (request.params ?? {}) as Record<string, unknown>;
      if (route.params) {
        const parsed = route.params.safeParse(params);
        // A malformed id names nothing that exists: the same 404 as an id out of reach.
        if (!parsed.success) throw new AppError('not_found', 'not found');
        params = parsed.data as Record<string, unknown>;
      }
      if (principal && route.access !== 'public') authorize(route, principal, params);
      const query = route.query ? validate(route.query, request.query ?? {}, 'query') : undefined;
      const body = route.body ? validate(route.body, request.body ?? {}, 'body') : undefined;
      const result = await route.handler({
        params,
        query,
        body,
        principal: principal,
        ctx,
        request,
        reply,
      });
      // The portfolio keeps each client's status line; a change to the client drops it.
      if (route.method !== 'GET' && typeof params.clientId === 'string') {
        invalidateClientStatus(ctx, params.clientId);
      }
      if (reply.sent) return reply;
      const status = route.status ?? 200;
      if (status === 204) return reply.status(204).send();
      return reply.status(status).send(result);
    },
  });
}

/** `METHOD /path`: how the authorization test names a route. */
export function routeKey(route: Pick<AnyRoute, 'method' | 'path'>): string {
  return `${route.method} ${route.path}`;
}
