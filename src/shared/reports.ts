/** @module The weekly founder report as the API returns it, and its schedule. */
import { z } from 'zod';

export const signalSchema = z.enum(['red', 'amber', 'green']);

export const reportLineSchema = z.object({
  text: z.string(),
  evidence: z.object({ label: z.string(), href: z.string() }),
  signal: signalSchema.optional(),
  mitigation: z.string().optional(),
  due: z.string().optional(),
});
export type ReportLineView = z.infer<typeof reportLineSchema>;

export const reportSectionSchema = z.object({
  id: z.string(),
  title: z.string(),
  lines: z.array(reportLineSchema),
  /** The one line shown when the section has nothing to say. */
  empty: z.string(),
});

export const weeklyReportSchema = z.object({
  client: z.object({ id: z.string(), name: z.string() }),
  week: z.object({ start: z.string(), end: z.string(), timeZone: z.string(), label: z.string() }),
  status: signalSchema,
  headline: z.string(),
  sections: z.array(reportSectionSchema),
  /** Flesch reading ease of the prose (the report aims for 50 or above). */
  readingEase: z.number(),
  generatedAt: z.string(),
  /** Contributors that failed: the report still renders, and says which part is missing. */
  problems: z.array(z.string()),
});
export type WeeklyReport = z.infer<typeof weeklyReportSchema>;

const email = z.email({ message: 'must be an email address' }).max(320);

export const reportScheduleInput = z.strictObject({
  enabled: z.boolean(),
  weekday: z
    .number()
    .int()
    .min(1, 'must be 1 (Monday) to 7 (Sunday)')
    .max(7, 'must be 1 (Monday) to 7 (Sunday)'),
  hour: z.number().int().min(0, 'must be 0 to 23').max(23, 'must be 0 to 23'),
  timeZone: z.string().min(1).max(64),
  recipients: z.array(email).max(20),
});
export type ReportScheduleInput = z.infer<typeof reportScheduleInput>;

export const reportScheduleSchema = reportScheduleInput.extend({
  lastSentWeek: z.string().nullable(),
});
export type ReportSchedule = z.infer<typeof reportScheduleSchema>;

export const sentReportSchema = z.object({
  id: z.string(),
  weekStart: z.string(),
  trigger: z.enum(['schedule', 'manual']),
  status: signalSchema,
  headline: z.string(),
  recipients: z.array(z.string()),
  createdAt: z.string(),
  delivery: z.object({
    status: z.enum(['queued', 'retrying', 'sent', 'failed', 'unknown']),
    lastError: z.string().nullable(),
    attempts: z.number(),
  }),
});
export type SentReport = z.infer<typeof sentReportSchema>;
