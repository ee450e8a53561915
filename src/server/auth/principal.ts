/**
 * @module Who is asking, and what they may reach. A principal comes from a session cookie or an
 * API token; the checks here are the only place that decides client access.
 */
import type { Role, TokenScope } from '../../shared/domain.ts';
import { forbidden, notFound } from '../http/app-error.ts';

export interface Principal {
  userId: string;
  role: Role;
  email: string;
  name: string;
  via: 'session' | 'token';
  /** Clients this principal can reach: every client, or exactly these. */
  clientScope: 'all' | ReadonlySet<string>;
  /** False for founders and for read-only tokens. */
  canWrite: boolean;
  /** A token's scope; `kpi-readings` reaches only the routes that name it (`route.tokenScopes`). */
  tokenScope?: TokenScope;
  csrfToken?: string;
  sessionIdHash?: string;
  tokenId?: string;
}

export function canSeeClient(principal: Principal, clientId: string): boolean {
  return principal.clientScope === 'all' || principal.clientScope.has(clientId);
}

/** Clients outside the scope answer 404: a founder must not learn that another client exists. */
export function assertClientRead(principal: Principal, clientId: string): void {
  if (!canSeeClient(principal, clientId)) throw notFound('client');
}

export function assertClientWrite(principal: Principal, clientId: string): void {
  assertClientRead(principal, clientId);
  if (!principal.canWrite || principal.role === 'founder') {
    throw forbidden('this account can read this client but not change it');
  }
}

/**
 * The one kind of write a founder makes: their own company's answer to a question put to them,
 * from a signed-in session. Everyone else needs ordinary write access.
 */
export function assertClientFounderWrite(principal: Principal, clientId: string): void {
  assertClientRead(principal, clientId);
  if (principal.role === 'founder' && principal.via === 'session') return;
  assertClientWrite(principal, clientId);
}

/**
 * A narrow token (scope `kpi-readings`) may call only the routes that list its scope; `read` and
 * `write` tokens are held by the ordinary rules.
 */
export function assertTokenScope(
  principal: Principal,
  allowed: readonly TokenScope[] | undefined,
): void {
  const scope = principal.tokenScope;
  if (scope === undefined || scope === 'read' || scope === 'write') return;
  if (allowed?.includes(scope)) return;
  throw forbidden(`this token's scope is ${scope}: it may only ${narrowScopeReach[scope]}`);
}

const narrowScopeReach: Record<Exclude<TokenScope, 'read' | 'write'>, string> = {
  'kpi-readings': "record readings of its client's KPIs and read those KPIs",
};

/** Instance-wide administration: an owner acting with unscoped, writable credentials. */
export function assertOwner(principal: Principal, options: { write: boolean }): void {
  if (principal.role !== 'owner' || principal.clientScope !== 'all') {
    throw forbidden('only the owner can do this');
  }
  if (options.write && !principal.canWrite) throw forbidden('this token is read-only');
}
