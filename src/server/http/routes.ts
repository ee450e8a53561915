/** @module The registry of every HTTP route. A new domain adds its routes array here. */
import { auditsRoutes } from '../audits/audits.routes.ts';
import { authRoutes } from '../auth/auth.routes.ts';
import { clientsRoutes } from '../clients/clients.routes.ts';
import { decisionsRoutes } from '../decisions/decisions.routes.ts';
import { demoRoutes } from '../demo/demo.routes.ts';
import { engagementsRoutes } from '../engagements/engagements.routes.ts';
import { intakeRoutes } from '../intake/intake.routes.ts';
import { mailRoutes } from '../mail/mail.routes.ts';
import { roadmapRoutes } from '../roadmap/roadmap.routes.ts';
import { portfolioRoutes } from '../portfolio/portfolio.routes.ts';
import { reportsRoutes } from '../reports/reports.routes.ts';
import { kpisRoutes } from '../kpis/kpis.routes.ts';
import { monitoringRoutes } from '../monitoring/monitoring.routes.ts';
import { statusPagesRoutes } from '../monitoring/status-pages.routes.ts';
import { sloRoutes } from '../monitoring/slo.routes.ts';
import { monitorImportRoutes } from '../monitoring/import/import.routes.ts';
import { peopleRoutes } from '../people/people.routes.ts';
import { repositoriesRoutes } from '../repositories/repositories.routes.ts';
import { securityRoutes } from '../security/security.routes.ts';
import { systemRoutes } from '../system/system.routes.ts';
import { timeRoutes } from '../time/time.routes.ts';
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
  ...roadmapRoutes,
  ...engagementsRoutes,
  ...timeRoutes,
  ...intakeRoutes,
  ...repositoriesRoutes,
  ...auditsRoutes,
  ...securityRoutes,
  ...monitoringRoutes,
  ...statusPagesRoutes,
  ...sloRoutes,
  ...monitorImportRoutes,
  ...mailRoutes,
  ...reportsRoutes,
  ...portfolioRoutes,
  ...decisionsRoutes,
  ...kpisRoutes,
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
