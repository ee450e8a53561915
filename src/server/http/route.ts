/**
 * @module Route definitions. Every HTTP route of Keel is declared with `defineRoute`: method,
 * path, who may call it, its zod schemas and a thin handler. The registry of all routes drives
 * the server, the OpenAPI document and the authorization test alike.
 */
import type { FastifyReply, FastifyRequest } from 'fastify';
import type { z } from 'zod';
import type { TokenScope } from '../../shared/domain.ts';
import type { Principal } from '../auth/principal.ts';
import type { AppContext } from '../context.ts';

export type HttpMethod = 'GET' | 'POST' | 'PATCH' | 'PUT' | 'DELETE';

/**
 * - public: anyone, signed in or not.
 * - user: any signed-in person or token.
 * - owner / owner-read: the owner with unscoped credentials (writes need a writable token).
 * - client-read / client-write: the path has :clientId and the principal must reach that client.
 * - client-founder-write: a client write its founders may also make from their own session
 *   (answering a decision needed); members and tokens still need write access.
 */
export type Access =
  | 'public'
  | 'user'
  | 'owner'
  | 'owner-read'
  | 'client-read'
  | 'client-write'
  | 'client-founder-write';

type Schema = z.ZodType;
type Infer<S> = S extends z.ZodType ? z.output<S> : undefined;

export interface HandlerInput<P, Q, B, A extends Access> {
  params: P;
  query: Q;
  body: B;
  principal: A extends 'public' ? Principal | undefined : Principal;
  ctx: AppContext;
  request: FastifyRequest;
  reply: FastifyReply;
}

export interface RouteDef<
  PS extends Schema | undefined = Schema | undefined,
  QS extends Schema | undefined = Schema | undefined,
  BS extends Schema | undefined = Schema | undefined,
  A extends Access = Access,
> {
  method: HttpMethod;
  path: string;
  access: A;
  summary: string;
  tag: string;
  params?: PS;
  query?: QS;
  body?: BS;
  /** Documented response body (OpenAPI); not enforced at run time. */
  response?: Schema;
  /** Success status; 204 sends no body. */
  status?: number;
  /**
   * Narrow token scopes (beyond `read` and `write`) that may call this route; a token with such
   * a scope gets 403 on every route that does not list it. The access rule still applies.
   */
  tokenScopes?: readonly Exclude<TokenScope, 'read' | 'write'>[];
  /** Set for routes that sign in (they create the session the CSRF token belongs to). */
  isSignIn?: boolean;
  /**
   * Accept a body of any content type (or none) up to `maxBytes` and ignore it: for endpoints
   * called by scripts (`curl -d`), where a 415 would lose the call. Larger bodies get 413.
   */
  ignoreBody?: { maxBytes: number };
  handler(input: HandlerInput<Infer<PS>, Infer<QS>, Infer<BS>, A>): Promise<unknown>;
}

export type AnyRoute = RouteDef<Schema | undefined, Schema | undefined, Schema | undefined, Access>;

export function defineRoute<
  PS extends Schema | undefined = undefined,
  QS extends Schema | undefined = undefined,
  BS extends Schema | undefined = undefined,
  A extends Access = Access,
>(def: RouteDef<PS, QS, BS, A>): AnyRoute {
  return def;
}
