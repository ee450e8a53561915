/** @module The registry of every HTTP route. A new domain adds its routes array here. */
import { authRoutes } from '../auth/auth.routes.ts';
import { clientsRoutes } from '../clients/clients.routes.ts';
import { demoRoutes } from '../demo/demo.routes.ts';
import { mailRoutes } from '../mail/mail.routes.ts';
import { portfolioRoutes } from '../portfolio/portfolio.routes.ts';
import { reportsRoutes } from '../reports/reports.routes.ts';
import { monitoringRoutes } from '../monitoring/monitoring.routes.ts';
import { peopleRoutes } from '../people/people.routes.ts';
import { systemRoutes } from '../system/system.routes.ts';
import { tokensRoutes } from '../tokens/tokens.routes.ts';
import { buildOpenApi, renderApiReference } from './openapi.ts';
import { defineRoute, type AnyRoute } from './route.ts';

const domainRoutes: AnyRoute[] = [
  ...systemRoutes,
  ...authRoutes,
  ...peopleRoutes,
  ...tokensRoutes,
  ...clientsRoutes,
  ...demoRoutes,
  ...monitoringRoutes,
  ...mailRoutes,
  ...reportsRoutes,
  ...portfolioRoutes,
];

const docsRoutes: AnyRoute[] = [
  defineRoute({
    method: 'GET',
    path: '/api/v1/openapi.json',
    access: 'public',
    tag: 'system',
    summary: 'This API as an OpenAPI 3.1 document',
    handler: async () => openApiDocument,
  }),
  defineRoute({
    method: 'GET',
    path: '/api/docs',
    access: 'public',
    tag: 'system',
    summary: 'Browsable API reference',
    handler: async ({ reply }) => reply.type('text/html; charset=utf-8').send(referencePage),
  }),
];

export const allRoutes: AnyRoute[] = [...domainRoutes, ...docsRoutes];
const openApiDocument = buildOpenApi(allRoutes);
const referencePage = renderApiReference(allRoutes);
