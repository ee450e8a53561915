/** @module Time log schemas and the retainer usage levels (80 % warning, 100 % over). */
import { z } from 'zod';
import { isoDate, isoMonth } from './dates.ts';

export const hoursSchema = z
  .number({ message: 'must be a number of hours' })
  .gt(0, { message: 'must be more than 0 hours' })
  .max(24, { message: 'cannot be more than 24 hours in one day' })
  .refine((h) => Number.isInteger((Math.round(h * 1e6) / 1e6) * 4), {
    message: 'must be in quarter hours (0.25, 0.5, 0.75…)',
  });

const entryFields = {
  date: isoDate,
  hours: hoursSchema,
  note: z.string().trim().max(2000),
  billable: z.boolean(),
  /** Omitted on create: the client's one active engagement on that date, if there is one. */
  engagementId: z.uuid({ message: 'must be a UUID' }).nullable(),
};

export const timeEntryInput = z.strictObject({
  ...entryFields,
  note: entryFields.note.default(''),
  billable: entryFields.billable.default(true),
  engagementId: entryFields.engagementId.optional(),
});
export const timeEntryPatch = z.strictObject(entryFields).partial();

export const monthQuery = z.strictObject({ month: isoMonth.optional() });

export const timeEntrySchema = z.object({
  id: z.string(),
  clientId: z.string(),
  engagementId: z.string().nullable(),
  userId: z.string().nullable(),
  userName: z.string().nullable(),
  date: z.string(),
  hours: z.number(),
  note: z.string(),
  billable: z.boolean(),
  createdAt: z.string(),
});
export type TimeEntry = z.infer<typeof timeEntrySchema>;

export const usageLevels = ['ok', 'warning', 'over'] as const;
export type UsageLevel = (typeof usageLevels)[number];

export const usageSchema = z.object({
  month: z.string(),
  engagementId: z.string(),
  title: z.string(),
  budgetHours: z.number(),
  usedHours: z.number(),
  billableHours: z.number(),
  percent: z.number(),
  level: z.enum(usageLevels),
  /** One plain sentence, such as "16 of 20 hours used this month (80 %)". */
  message: z.string(),
});
export type Usage = z.infer<typeof usageSchema>;

export const timeListSchema = z.object({
  month: z.string(),
  entries: z.array(timeEntrySchema),
  totals: z.object({ hours: z.number(), billableHours: z.number() }),
  usage: z.array(usageSchema),
});
export type TimeList = z.infer<typeof timeListSchema>;

/** 80 % of the budget warns, 100 % is over. */
export function usageLevel(used: number, budget: number): UsageLevel {
  if (budget <= 0) return used > 0 ? 'over' : 'ok';
  const ratio = used / budget;
  if (ratio >= 1) return 'over';
  if (ratio >= 0.8) return 'warning';
  return 'ok';
}
