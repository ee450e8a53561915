/**
 * @module HTTP routes for maintenance windows, the status page settings, and the public status
 * page itself (HTML at `/status/:slug`, JSON at `/api/v1/status/:slug`, both cacheable for 30 s;
 * visitors arriving while a page is being built share that build).
 */
import { z } from 'zod';
import { idParams } from '../../shared/api.ts';
import { incidentParams } from '../../shared/monitoring.ts';
import {
  maintenanceInput,
  maintenanceParams,
  maintenanceSchema,
  pageIncidentSchema,
  publicIncidentPatch,
  publicStatusSchema,
  statusPageInput,
  statusPageSchema,
} from '../../shared/status-pages.ts';
import { AppError } from '../http/app-error.ts';
import { defineRoute } from '../http/route.ts';
import { createWindow, deleteWindow, listWindows, updateWindow } from './maintenance.service.ts';
import { renderStatusNotFound, renderStatusPage } from './status-page.render.ts';
import {
  getStatusPage,
  pageIncidents,
  saveStatusPage,
  sharedPublicStatus,
  updatePublicIncident,
} from './status-pages.service.ts';

const base = '/api/v1/clients/:clientId';
const slugParams = z.object({ slug: z.string().min(1).max(100) });
const PUBLIC_CACHE = 'public, max-age=30';

export const statusPagesRoutes = [
  defineRoute({
    method: 'GET',
    path: `${base}/maintenance-windows`,
    access: 'client-read',
    tag: 'monitoring',
    summary: 'Maintenance windows of a client, with the current or next occurrence',
    params: idParams.client,
    response: z.object({ windows: z.array(maintenanceSchema) }),
    handler: async ({ ctx, params }) => ({ windows: await listWindows(ctx, params.clientId) }),
  }),
  defineRoute({
    method: 'POST',
    path: `${base}/maintenance-windows`,
    access: 'client-write',
    tag: 'monitoring',
    summary: 'Add a maintenance window (one-off, weekly or cron, in a time zone): alerts muted',
    params: idParams.client,
    body: maintenanceInput,
    response: maintenanceSchema,
    status: 201,
    handler: async ({ ctx, params, body }) =>
      createWindow({ ctx, clientId: params.clientId, input: body }),
  }),
  defineRoute({
    method: 'PUT',
    path: `${base}/maintenance-windows/:windowId`,
    access: 'client-write',
    tag: 'monitoring',
    summary: 'Replace a maintenance window',
    params: maintenanceParams,
    body: maintenanceInput,
    response: maintenanceSchema,
    handler: async ({ ctx, params, body }) =>
      updateWindow({
        ctx,
        clientId: params.clientId,
        windowId: params.windowId,
        input: body,
      }),
  }),
  defineRoute({
    method: 'DELETE',
    path: `${base}/maintenance-windows/:windowId`,
    access: 'client-write',
    tag: 'monitoring',
    summary: 'Delete a maintenance window',
    params: maintenanceParams,
    status: 204,
    handler: async ({ ctx, params }) => deleteWindow(ctx, params.clientId, params.windowId),
  }),
  defineRoute({
    method: 'GET',
    path: `${base}/status-page`,
    access: 'client-read',
    tag: 'monitoring',
    summary: 'The status page settings (null until first saved)',
    params: idParams.client,
    response: z.object({ page: statusPageSchema.nullable() }),
    handler: async ({ ctx, params }) => ({ page: await getStatusPage(ctx, params.clientId) }),
  }),
  defineRoute({
    method: 'PUT',
    path: `${base}/status-page`,
    access: 'client-write',
    tag: 'monitoring',
    summary: 'Turn the public status page on or off; its slug, title and components',
    params: idParams.client,
    body: statusPageInput,
    response: statusPageSchema,
    handler: async ({ ctx, params, body }) =>
      saveStatusPage({ ctx, clientId: params.clientId, input: body }),
  }),
  defineRoute({
    method: 'GET',
    path: `${base}/status-page/incidents`,
    access: 'client-read',
    tag: 'monitoring',
    summary: "Incidents of the page's components (90 days), with their public title and note",
    params: idParams.client,
    response: z.object({ incidents: z.array(pageIncidentSchema) }),
    handler: async ({ ctx, params }) => ({ incidents: await pageIncidents(ctx, params.clientId) }),
  }),
  defineRoute({
    method: 'PATCH',
    path: `${base}/status-page/incidents/:incidentId`,
    access: 'client-write',
    tag: 'monitoring',
    summary: "An incident's public title and note (the only words of it the status page shows)",
    params: incidentParams,
    body: publicIncidentPatch,
    response: z.object({
      id: z.string(),
      publicTitle: z.string().nullable(),
      publicNote: z.string(),
    }),
    handler: async ({ ctx, params, body }) =>
      updatePublicIncident({
        ctx,
        clientId: params.clientId,
        incidentId: params.incidentId,
        patch: body,
      }),
  }),
  defineRoute({
    method: 'GET',
    path: '/api/v1/status/:slug',
    access: 'public',
    tag: 'monitoring',
    summary: 'A public status page as JSON (404 when disabled or unknown)',
    params: slugParams,
    response: publicStatusSchema,
    handler: async ({ ctx, params, reply }) => {
      const status = await sharedPublicStatus(ctx, params.slug);
      void reply.header('cache-control', PUBLIC_CACHE);
      return status;
    },
  }),
  defineRoute({
    method: 'GET',
    path: '/status/:slug',
    access: 'public',
    tag: 'monitoring',
    summary: 'A public status page (HTML, no sign-in; 404 when disabled or unknown)',
    params: slugParams,
    handler: async ({ ctx, params, reply }) => {
      try {
        const html = renderStatusPage(await sharedPublicStatus(ctx, params.slug));
        return reply
          .type('text/html; charset=utf-8')
          .header('cache-control', PUBLIC_CACHE)
          .send(html);
      } catch (error) {
        if (!(error instanceof AppError) || error.code !== 'not_found') throw error;
        return reply
          .status(404)
          .type('text/html; charset=utf-8')
          .header('cache-control', 'no-cache')
          .send(renderStatusNotFound());
      }
    },
  }),
];
