/** @module HTTP routes to load or remove the demo portfolio. */
import { z } from 'zod';
import { defineRoute } from '../http/route.ts';
import { loadDemo, removeDemo } from './demo.service.ts';

export const demoRoutes = [
  defineRoute({
    method: 'POST',
    path: '/api/v1/demo',
    access: 'owner',
    tag: 'demo',
    summary: 'Load the demo portfolio (three client companies, marked as demo)',
    response: z.object({ created: z.number() }),
    handler: async ({ ctx, principal }) => loadDemo(ctx.db, principal.email),
  }),
  defineRoute({
    method: 'DELETE',
    path: '/api/v1/demo',
    access: 'owner',
    tag: 'demo',
    summary: 'Remove every demo client and everything recorded for them',
    response: z.object({ removed: z.number() }),
    handler: async ({ ctx, principal }) => removeDemo(ctx.db, principal.email),
  }),
];
