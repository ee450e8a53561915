/** @module The portfolio home: what needs attention today, and each client's status this week. */
import { portfolioSchema } from '../../shared/portfolio.ts';
import { defineRoute } from '../http/route.ts';
import { buildPortfolio } from './portfolio.service.ts';

export const portfolioRoutes = [
  defineRoute({
    method: 'GET',
    path: '/api/v1/portfolio',
    access: 'user',
    tag: 'clients',
    summary: 'What needs attention across the clients you can see, most urgent first',
    response: portfolioSchema,
    handler: async ({ ctx, principal }) => buildPortfolio(ctx, principal),
  }),
];
