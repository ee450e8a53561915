/** @module Routes for first-run setup, sign-in, sign-out, the current session and one's password. */
import {
  changePasswordRequest,
  loginRequest,
  sessionResponse,
  setupRequest,
  setupStatusResponse,
} from '../../shared/api.ts';
import { recordAudit } from '../audit-log/audit-log.service.ts';
import { defineRoute } from '../http/route.ts';
import {
  changePassword,
  clientIdsOf,
  needsSetup,
  presentUser,
  setupOwner,
  signIn,
  startSession,
} from './auth.service.ts';
import { deleteSession, SESSION_COOKIE } from './sessions.ts';
import { users } from '../db/schema.ts';
import { eq } from 'drizzle-orm';
import { AppError } from '../http/app-error.ts';

export const authRoutes = [
  defineRoute({
    method: 'GET',
    path: '/api/v1/setup',
    access: 'public',
    tag: 'auth',
    summary: 'Whether Keel still needs its owner account',
    response: setupStatusResponse,
    handler: async ({ ctx }) => ({ needsSetup: await needsSetup(ctx) }),
  }),
  defineRoute({
    method: 'POST',
    path: '/api/v1/setup',
    access: 'public',
    isSignIn: true,
    tag: 'auth',
    summary: 'Create the owner account (first run only) and sign in',
    body: setupRequest,
    response: sessionResponse,
    status: 201,
    handler: async ({ ctx, body, request, reply }) => {
      const owner = await setupOwner(ctx, body);
      const session = await startSession(ctx, request, reply, owner.id);
      return { user: presentUser(owner, []), csrfToken: session.csrfToken };
    },
  }),
  defineRoute({
    method: 'POST',
    path: '/api/v1/auth/login',
    access: 'public',
    isSignIn: true,
    tag: 'auth',
    summary: 'Sign in with email and password; sets the session cookie',
    body: loginRequest,
    response: sessionResponse,
    handler: async ({ ctx, body, request, reply }) => {
      const user = await signIn(ctx, request, body);
      const session = await startSession(ctx, request, reply, user.id);
      return {
        user: presentUser(user, await clientIdsOf(ctx, user.id)),
        csrfToken: session.csrfToken,
      };
    },
  }),
  defineRoute({
    method: 'POST',
    path: '/api/v1/auth/logout',
    access: 'user',
    tag: 'auth',
    summary: 'Sign out: ends this session',
    status: 204,
    handler: async ({ ctx, principal, reply }) => {
      if (principal.sessionIdHash) await deleteSession(ctx, principal.sessionIdHash);
      void reply.clearCookie(SESSION_COOKIE, { path: '/' });
      await recordAudit(ctx.db, { action: 'auth.logout', actor: principal });
    },
  }),
  defineRoute({
    method: 'GET',
    path: '/api/v1/session',
    access: 'user',
    tag: 'auth',
    summary: 'The signed-in person and the CSRF token for writes',
    response: sessionResponse,
    handler: async ({ ctx, principal }) => {
      const [row] = await ctx.db.select().from(users).where(eq(users.id, principal.userId));
      if (!row) throw new AppError('unauthenticated', 'this account no longer exists');
      return {
        user: presentUser(row, await clientIdsOf(ctx, row.id)),
        csrfToken: principal.csrfToken ?? '',
      };
    },
  }),
  defineRoute({
    method: 'POST',
    path: '/api/v1/account/password',
    access: 'user',
    tag: 'auth',
    summary: 'Change your own password (needs the current one)',
    body: changePasswordRequest,
    status: 204,
    handler: async ({ ctx, principal, body }) => {
      if (principal.via === 'token')
        throw new AppError('forbidden', 'passwords can only be changed from a signed-in session');
      await changePassword(ctx, principal.userId, body.currentPassword, body.newPassword);
    },
  }),
];
