/**
 * @module Maintenance windows and public status pages: request and response schemas, shared by
 * the server and the web app. The public status schema is all a visitor ever sees of a client.
 */
import { z } from 'zod';
import { uuidSchema } from './api.ts';

/** Longest maintenance window (weekly and cron): one week. */
export const MAX_WINDOW_MINUTES = 7 * 24 * 60;

const timezone = z.string().trim().min(1, { message: 'is required' }).max(64).default('UTC');
const localDateTime = z
  .string()
  .trim()
  .regex(/^\d{4}-\d{2}-\d{2}T\d{2}:\d{2}$/, {
    message: 'must be a local date and time such as 2026-11-28T02:00',
  });
const durationMinutes = z
  .number()
  .int()
  .min(1, { message: 'must be at least 1 minute' })
  .max(MAX_WINDOW_MINUTES, { message: 'must be at most one week' });

export const maintenanceSchedule = z.discriminatedUnion('type', [
  /** From `start` to `end`, local times in `timezone`. */
  z.strictObject({ type: z.literal('once'), start: localDateTime, end: localDateTime, timezone }),
  /** On the ISO weekdays (1 Monday … 7 Sunday) at `startTime` local time, for `durationMinutes`. */
  z.strictObject({
    type: z.literal('weekly'),
    weekdays: z
      .array(z.number().int().min(1).max(7))
      .min(1, { message: 'pick at least one day' })
      .max(7),
    startTime: z
      .string()
      .trim()
      .regex(/^([01]\d|2[0-3]):[0-5]\d$/, { message: 'must be a time such as 02:30' }),
    durationMinutes,
    timezone,
  }),
  /** At each time the cron expression names, for `durationMinutes`. */
  z.strictObject({
    type: z.literal('cron'),
    cron: z.string().trim().min(1, { message: 'is required' }).max(200),
    durationMinutes,
    timezone,
  }),
]);
export type MaintenanceSchedule = z.output<typeof maintenanceSchedule>;

export const maintenanceInput = z.strictObject({
  /** Shown on the public status page. */
  name: z.string().trim().min(1, { message: 'is required' }).max(200),
  schedule: maintenanceSchedule,
  /** The monitors it covers; empty covers every monitor of the client. */
  monitorIds: z.array(uuidSchema).max(500).default([]),
});
export type MaintenanceInput = z.input<typeof maintenanceInput>;

export const maintenanceSchema = z.object({
  id: z.string(),
  clientId: z.string(),
  name: z.string(),
  schedule: z.record(z.string(), z.unknown()),
  monitorIds: z.array(z.string()),
  /** The occurrence in progress, or else the next one (within a year), as ISO instants. */
  current: z.object({ start: z.string(), end: z.string() }).nullable(),
  next: z.object({ start: z.string(), end: z.string() }).nullable(),
  createdAt: z.string(),
});
export type MaintenanceWindow = z.infer<typeof maintenanceSchema>;

export const maintenanceParams = z.strictObject({ clientId: uuidSchema, windowId: uuidSchema });

export const SLUG_PATTERN = /^[a-z0-9](?:[a-z0-9-]{0,62}[a-z0-9])?$/;

export const statusPageInput = z.strictObject({
  enabled: z.boolean(),
  slug: z.string().trim().toLowerCase().regex(SLUG_PATTERN, {
    message: 'must be 1–64 lowercase letters, digits or dashes, such as acme-status',
  }),
  title: z.string().trim().min(1, { message: 'is required' }).max(200),
  description: z.string().trim().max(2000).default(''),
  components: z
    .array(
      z.strictObject({
        monitorId: uuidSchema,
        displayName: z.string().trim().min(1, { message: 'is required' }).max(100),
      }),
    )
    .max(100),
});
export type StatusPageInput = z.input<typeof statusPageInput>;

export const statusPageSchema = z.object({
  clientId: z.string(),
  enabled: z.boolean(),
  slug: z.string(),
  title: z.string(),
  description: z.string(),
  components: z.array(z.object({ monitorId: z.string(), displayName: z.string() })),
  /** The public path: `/status/<slug>`. */
  path: z.string(),
});
export type StatusPage = z.infer<typeof statusPageSchema>;

export const publicIncidentPatch = z.strictObject({
  publicTitle: z.string().trim().min(1).max(200).nullable().optional(),
  publicNote: z.string().trim().max(5000).optional(),
});

/** For the owner: an incident of a component, with the words the public page shows for it. */
export const pageIncidentSchema = z.object({
  id: z.string(),
  component: z.string(),
  openedAt: z.string(),
  resolvedAt: z.string().nullable(),
  /** Internal: the failure that opened it, to help write the public words. */
  cause: z.string(),
  publicTitle: z.string().nullable(),
  publicNote: z.string(),
});
export type PageIncident = z.infer<typeof pageIncidentSchema>;

export const componentStatuses = [
  'operational',
  'degraded',
  'outage',
  'maintenance',
  'unknown',
] as const;
export type ComponentStatus = (typeof componentStatuses)[number];

const publicIncident = z.object({
  title: z.string(),
  note: z.string(),
  components: z.array(z.string()),
  openedAt: z.string(),
  resolvedAt: z.string().nullable(),
});

/** What a visitor of `/status/<slug>` sees: display names only, never a target or a client name. */
export const publicStatusSchema = z.object({
  title: z.string(),
  description: z.string(),
  status: z.string(),
  components: z.array(
    z.object({
      name: z.string(),
      status: z.string(),
      /**
       * Share of successful checks over the 90 days, from the daily rollups less the checks run
       * during maintenance (as in `days`); null when none ran.
       */
      uptime90d: z.number().nullable(),
      /**
       * 90 entries, oldest first: `YYYY-MM-DD` (UTC), that day's uptime or null, and whether
       * checks run during maintenance were left out of it (`uptime` is then that of the rest of
       * the day; null when nothing ran outside the maintenance). Only the last 35 days can be
       * corrected (hour rollup retention); older days count their maintenance.
       */
      days: z.array(
        z.object({ date: z.string(), uptime: z.number().nullable(), maintenance: z.boolean() }),
      ),
    }),
  ),
  openIncidents: z.array(publicIncident),
  maintenance: z.array(
    z.object({
      name: z.string(),
      start: z.string(),
      end: z.string(),
      isActive: z.boolean(),
      components: z.array(z.string()),
    }),
  ),
  history: z.array(publicIncident),
  generatedAt: z.string(),
});
export type PublicStatus = z.infer<typeof publicStatusSchema>;
