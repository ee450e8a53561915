/** @module HTTP routes for KPIs, their readings (also for client scripts with a token) and features. */
import { z } from 'zod';
import { idParams } from '../../shared/api.ts';
import {
  featureInput,
  featureParams,
  featurePatch,
  featureSchema,
  kpiDetailSchema,
  kpiInput,
  kpiListQuery,
  kpiListSchema,
  kpiParams,
  kpiPatch,
  kpiSchema,
  namedReadingInput,
  readingInput,
  readingParams,
  readingSaved,
} from '../../shared/kpis.ts';
import { notFound } from '../http/app-error.ts';
import { defineRoute } from '../http/route.ts';
import { createFeature, deleteFeature, listFeatures, updateFeature } from './features.service.ts';
import {
  clientKpiRows,
  findKpiRow,
  latestReadingsOf,
  presentKpi,
  presentReading,
  readingsOf,
} from './kpis.repo.ts';
import {
  createKpi,
  deleteKpi,
  deleteReading,
  recordNamedReading,
  recordReading,
  updateKpi,
} from './kpis.service.ts';

const base = '/api/v1/clients/:clientId';
const tag = 'kpis';
/** A `kpi-readings` token (a client's own script) reaches these four routes and nothing else. */
const readingsToken = ['kpi-readings'] as const;

export const kpisRoutes = [
  defineRoute({
    method: 'GET',
    path: `${base}/kpis`,
    access: 'client-read',
    tokenScopes: readingsToken,
    tag,
    summary:
      "A client's KPIs with their latest reading and whether they are on target; `?readings=true` adds every reading, newest first",
    params: idParams.client,
    query: kpiListQuery,
    response: kpiListSchema,
    handler: async ({ ctx, params, query }) => {
      const rows = await clientKpiRows(ctx.db, [params.clientId]);
      const ids = rows.map((r) => r.id);
      const isFull = query?.readings === 'true';
      const readings = await (isFull ? readingsOf(ctx.db, ids) : latestReadingsOf(ctx.db, ids));
      return {
        kpis: rows.map((row) => {
          const list = readings.get(row.id) ?? [];
          const kpi = presentKpi(row, list);
          return isFull ? { ...kpi, readings: list.map((r) => presentReading(r, row)) } : kpi;
        }),
      };
    },
  }),
  defineRoute({
    method: 'POST',
    path: `${base}/kpis`,
    access: 'client-write',
    tag,
    summary: 'Define a KPI: name, unit, which direction is better, target, cadence',
    params: idParams.client,
    body: kpiInput,
    response: kpiSchema,
    status: 201,
    handler: async ({ ctx, principal, params, body }) =>
      createKpi({ ctx, actor: principal, clientId: params.clientId, input: body }),
  }),
  defineRoute({
    method: 'GET',
    path: `${base}/kpis/:kpiId`,
    access: 'client-read',
    tokenScopes: readingsToken,
    tag,
    summary: 'One KPI with every reading, newest first',
    params: kpiParams,
    response: kpiDetailSchema,
    handler: async ({ ctx, params }) => {
      const row = await findKpiRow(ctx.db, params.clientId, params.kpiId);
      if (!row) throw notFound('KPI');
      const readings = (await readingsOf(ctx.db, [row.id])).get(row.id) ?? [];
      return {
        ...presentKpi(row, readings),
        readings: readings.map((r) => presentReading(r, row)),
      };
    },
  }),
  defineRoute({
    method: 'PATCH',
    path: `${base}/kpis/:kpiId`,
    access: 'client-write',
    tag,
    summary: 'Change a KPI (the cadence only while it has no readings)',
    params: kpiParams,
    body: kpiPatch,
    response: kpiSchema,
    handler: async ({ ctx, principal, params, body }) =>
      updateKpi({
        ctx,
        actor: principal,
        clientId: params.clientId,
        kpiId: params.kpiId,
        patch: body,
      }),
  }),
  defineRoute({
    method: 'DELETE',
    path: `${base}/kpis/:kpiId`,
    access: 'client-write',
    tag,
    summary: 'Delete a KPI and its readings',
    params: kpiParams,
    status: 204,
    handler: async ({ ctx, principal, params }) =>
      deleteKpi(ctx, principal, params.clientId, params.kpiId),
  }),
  defineRoute({
    method: 'POST',
    path: `${base}/kpis/:kpiId/readings`,
    access: 'client-write',
    tokenScopes: readingsToken,
    tag,
    summary: 'Record a reading; the same period again updates it (idempotent)',
    params: kpiParams,
    body: readingInput,
    response: readingSaved,
    handler: async ({ ctx, principal, params, body }) => {
      const kpi = await findKpiRow(ctx.db, params.clientId, params.kpiId);
      if (!kpi) throw notFound('KPI');
      return recordReading({ ctx, actor: principal, kpi, input: body });
    },
  }),
  defineRoute({
    method: 'POST',
    path: `${base}/kpi-readings`,
    access: 'client-write',
    tokenScopes: readingsToken,
    tag,
    summary:
      'For scripts with a client token: record a reading for the KPI named in `kpi` (name or id)',
    params: idParams.client,
    body: namedReadingInput,
    response: readingSaved,
    handler: async ({ ctx, principal, params, body }) =>
      recordNamedReading({ ctx, actor: principal, clientId: params.clientId, input: body }),
  }),
  defineRoute({
    method: 'DELETE',
    path: `${base}/kpis/:kpiId/readings/:readingId`,
    access: 'client-write',
    tag,
    summary: 'Delete a reading entered by mistake',
    params: readingParams,
    status: 204,
    handler: async ({ ctx, params }) =>
      deleteReading(ctx, params.clientId, params.kpiId, params.readingId),
  }),
  defineRoute({
    method: 'GET',
    path: `${base}/features`,
    access: 'client-read',
    tag,
    summary: 'Proposed features with their build now / later / push back recommendation',
    params: idParams.client,
    response: z.object({ features: z.array(featureSchema) }),
    handler: async ({ ctx, params }) => ({ features: await listFeatures(ctx, [params.clientId]) }),
  }),
  defineRoute({
    method: 'POST',
    path: `${base}/features`,
    access: 'client-write',
    tag,
    summary: 'Propose a feature: its value (KPI, effect, confidence) and cost → a recommendation',
    params: idParams.client,
    body: featureInput,
    response: featureSchema,
    status: 201,
    handler: async ({ ctx, principal, params, body }) =>
      createFeature({ ctx, actor: principal, clientId: params.clientId, input: body }),
  }),
  defineRoute({
    method: 'PATCH',
    path: `${base}/features/:featureId`,
    access: 'client-write',
    tag,
    summary: 'Change a proposed feature (the recommendation is recomputed)',
    params: featureParams,
    body: featurePatch,
    response: featureSchema,
    handler: async ({ ctx, principal, params, body }) =>
      updateFeature({
        ctx,
        actor: principal,
        clientId: params.clientId,
        featureId: params.featureId,
        patch: body,
      }),
  }),
  defineRoute({
    method: 'DELETE',
    path: `${base}/features/:featureId`,
    access: 'client-write',
    tag,
    summary: 'Delete a proposed feature',
    params: featureParams,
    status: 204,
    handler: async ({ ctx, principal, params }) =>
      deleteFeature(ctx, principal, params.clientId, params.featureId),
  }),
];
