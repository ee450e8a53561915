/**
 * @module Monitor import (Uptime Kuma backup JSON, Gatus YAML): the request and the report of
 * what each source monitor became and what could not be mapped, per monitor and field.
 */
import { z } from 'zod';
import { monitorKinds } from './monitoring.ts';

export const importFormats = ['uptime-kuma', 'gatus'] as const;
export type ImportFormat = (typeof importFormats)[number];

export const monitorImportRequest = z.strictObject({
  /** Detected from the content when absent (JSON: Uptime Kuma; YAML: Gatus). */
  format: z.enum(importFormats).optional(),
  content: z
    .string()
    .min(1, { message: 'is empty' })
    .max(900 * 1024, { message: 'is larger than 900 KiB' }),
  /** Preview only (the default): nothing is written. */
  dryRun: z.boolean().default(true),
});

export const importIssueSchema = z.object({
  /** The source field (`accepted_statuscodes`, `conditions[2]`). */
  field: z.string(),
  reason: z.string(),
});
export type ImportIssue = z.infer<typeof importIssueSchema>;

export const importActions = ['create', 'update', 'unchanged', 'skip'] as const;
export type ImportAction = (typeof importActions)[number];

export const importedMonitorSchema = z.object({
  name: z.string(),
  /** Where it is in the file: `monitorList[3]` or `line 12`. */
  source: z.string(),
  /** The source's own type (`http`, `keyword`, `push`, `tcp://…`). */
  sourceType: z.string(),
  kind: z.enum(monitorKinds).nullable(),
  action: z.enum(importActions),
  /** Why a monitor is skipped. */
  reason: z.string().optional(),
  /** Fields dropped or approximated while the monitor itself is imported. */
  issues: z.array(importIssueSchema),
  monitorId: z.string().optional(),
  /** Heartbeats created by this import: the new ping token, shown once. */
  pingToken: z.string().optional(),
});
export type ImportedMonitor = z.infer<typeof importedMonitorSchema>;

export const importReportSchema = z.object({
  format: z.enum(importFormats),
  dryRun: z.boolean(),
  monitors: z.array(importedMonitorSchema),
  /** File-level things not imported (notifications, alerting, storage settings). */
  notes: z.array(importIssueSchema),
  counts: z.object({
    create: z.number(),
    update: z.number(),
    unchanged: z.number(),
    skip: z.number(),
  }),
});
export type ImportReport = z.infer<typeof importReportSchema>;
