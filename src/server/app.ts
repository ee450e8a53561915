/**
 * @module Builds the Fastify server: security headers, cookies, every registered route, the
 * error handler, metrics, and the built web app with its single-page fallback.
 */
import { existsSync, readFileSync } from 'node:fs';
import { fileURLToPath } from 'node:url';
import fastifyCookie from '@fastify/cookie';
import fastifyStatic from '@fastify/static';
import Fastify, { type FastifyInstance } from 'fastify';
import type { AppContext } from './context.ts';
import { createErrorHandler, errorBody } from './http/error-handler.ts';
import { registerRoutes } from './http/register-routes.ts';
import type { AnyRoute } from './http/route.ts';
import { allRoutes } from './http/routes.ts';

export const webDistDir = fileURLToPath(new URL('../../dist/web', import.meta.url));

const securityHeaders = {
  'x-content-type-options': 'nosniff',
  'x-frame-options': 'DENY',
  'referrer-policy': 'no-referrer',
  'content-security-policy':
    "default-src 'self'; img-src 'self' data:; style-src 'self' 'unsafe-inline'; script-src 'self'; connect-src 'self'; frame-ancestors 'none'; base-uri 'none'; form-action 'self'",
};

export async function buildApp(
  ctx: AppContext,
  routes: AnyRoute[] = allRoutes,
): Promise<FastifyInstance> {
  const app = Fastify({
    // Requests are logged once, by the onResponse hook below, with redaction.
    logger: false,
    bodyLimit: ctx.config.bodyLimitBytes,
    trustProxy: ctx.config.trustProxy,
    routerOptions: { ignoreTrailingSlash: true },
  });
  app.setErrorHandler(createErrorHandler(ctx.logger));
  await app.register(fastifyCookie);

  app.addHook('onSend', async (_request, reply, payload) => {
    void reply.headers(securityHeaders);
    return payload;
  });
  app.addHook('onResponse', async (request, reply) => {
    const route = request.routeOptions.url ?? 'unmatched';
    const labels = { method: request.method, route };
    ctx.metrics.httpRequests.inc({ ...labels, status: String(reply.statusCode) });
    ctx.metrics.httpDuration.observe(labels, reply.elapsedTime / 1000);
    const level = reply.statusCode >= 500 ? 'error' : 'debug';
    ctx.logger[level](
      { req: request, status: reply.statusCode, ms: Math.round(reply.elapsedTime) },
      'request',
    );
  });

  registerRoutes(app, ctx, routes);

  const indexFile = `${webDistDir}/index.html`;
  const hasWeb = existsSync(indexFile);
  if (hasWeb) {
    await app.register(fastifyStatic, { root: webDistDir, wildcard: false, index: false });
  }
  const indexHtml = hasWeb ? readFileSync(indexFile, 'utf8') : undefined;

  app.setNotFoundHandler((request, reply) => {
    const isApi = request.url.startsWith('/api/') || request.url === '/api';
    if (!isApi && request.method === 'GET' && indexHtml) {
      return reply
        .type('text/html; charset=utf-8')
        .header('cache-control', 'no-cache')
        .send(indexHtml);
    }
    if (!isApi && request.method === 'GET') {
      return reply
        .type('text/plain; charset=utf-8')
        .status(503)
        .send(
          'The Keel web app is not built yet. Run `npm run build` (npm start does this for you).',
        );
    }
    return reply
      .status(404)
      .send(errorBody('not_found', `no route for ${request.method} ${request.url.split('?')[0]}`));
  });

  return app;
}
