/** @module Engagement schemas: MVP sprint or retainer, its status machine and its proposal. */
import { z } from 'zod';
import { daysBetween, isoDate } from './dates.ts';
import { milestoneSchema, userPathSchema } from './roadmap.ts';

export const engagementKinds = ['mvp-sprint', 'retainer'] as const;
export type EngagementKind = (typeof engagementKinds)[number];
export const engagementStatuses = ['proposed', 'active', 'paused', 'done'] as const;
export type EngagementStatus = (typeof engagementStatuses)[number];

export const engagementKindLabels: Record<EngagementKind, string> = {
  'mvp-sprint': 'MVP sprint',
  retainer: 'Retainer',
};

/** The allowed moves of an engagement's status. */
export const engagementTransitions: Record<EngagementStatus, EngagementStatus[]> = {
  proposed: ['active'],
  active: ['paused', 'done'],
  paused: ['active', 'done'],
  done: [],
};

/**
 * An MVP sprint lasts four to six weeks. Its length counts the end date as a working day (Mon 5
 * Jan to Fri 30 Jan is 26 days) and rounds to whole weeks, so 25 to 45 days (about 3.5 to 6.5
 * weeks) pass: a four-week sprint that ends on a Friday is four weeks.
 */
export const SPRINT_MIN_WEEKS = 4;
export const SPRINT_MAX_WEEKS = 6;
/** The same in days: the shortest and longest sprints that round to 4 and 6 weeks (25 and 45). */
export const SPRINT_MIN_DAYS = Math.ceil((SPRINT_MIN_WEEKS - 0.5) * 7);
export const SPRINT_MAX_DAYS = Math.ceil((SPRINT_MAX_WEEKS + 0.5) * 7) - 1;

/** A sprint's length: days from start to end, both included, and that in whole weeks. */
export function sprintLength(startDate: string, endDate: string): { days: number; weeks: number } {
  const days = daysBetween(startDate, endDate) + 1;
  return { days, weeks: Math.round(days / 7) };
}

const amount = z
  .number({ message: 'must be a number' })
  .int({ message: 'must be a whole amount' })
  .min(0, { message: 'cannot be negative' })
  .max(100_000_000);

const engagementFields = {
  kind: z.enum(engagementKinds),
  title: z.string().trim().min(1, { message: 'is required' }).max(200),
  startDate: isoDate,
  endDate: isoDate.nullable(),
  currency: z
    .string()
    .trim()
    .regex(/^[A-Za-z]{3}$/, { message: 'must be a three-letter currency code such as EUR' })
    .transform((c) => c.toUpperCase()),
  priceMin: amount.nullable(),
  priceMax: amount.nullable(),
  monthlyFee: amount.nullable(),
  hoursPerMonth: z
    .number({ message: 'must be a number' })
    .gt(0, { message: 'must be more than 0' })
    .max(744, { message: 'cannot be more than the hours in a month (744)' })
    .nullable(),
  terms: z.string().max(20_000),
};

export const engagementInput = z.strictObject({
  ...engagementFields,
  endDate: engagementFields.endDate.default(null),
  priceMin: engagementFields.priceMin.default(null),
  priceMax: engagementFields.priceMax.default(null),
  monthlyFee: engagementFields.monthlyFee.default(null),
  hoursPerMonth: engagementFields.hoursPerMonth.default(null),
  terms: engagementFields.terms.default(''),
});
/** Every field optional and without defaults (the kind cannot change). */
export const engagementPatch = z
  .strictObject({ ...engagementFields, kind: engagementFields.kind.optional() })
  .partial()
  .omit({ kind: true });

export const engagementTransition = z.strictObject({ status: z.enum(engagementStatuses) });

export const engagementSchema = z.object({
  id: z.string(),
  clientId: z.string(),
  kind: z.enum(engagementKinds),
  title: z.string(),
  status: z.enum(engagementStatuses),
  startDate: z.string(),
  endDate: z.string().nullable(),
  currency: z.string(),
  priceMin: z.number().nullable(),
  priceMax: z.number().nullable(),
  monthlyFee: z.number().nullable(),
  hoursPerMonth: z.number().nullable(),
  terms: z.string(),
  createdAt: z.string(),
  updatedAt: z.string(),
});
export type Engagement = z.infer<typeof engagementSchema>;

export const proposalSchema = z.object({
  clientName: z.string(),
  engagement: engagementSchema,
  summary: z.string(),
  goals: z.array(userPathSchema),
  userPaths: z.array(userPathSchema),
  constraints: z.array(z.object({ kind: z.string(), text: z.string() })),
  milestones: z.array(
    milestoneSchema.extend({
      /** The milestone's payment: [low, high] of the price range, or one amount. */
      payment: z.tuple([z.number(), z.number()]).nullable(),
    }),
  ),
  priceText: z.string(),
});
export type Proposal = z.infer<typeof proposalSchema>;

/** "EUR 2,000–4,000" / "EUR 1,500 a month for 20 hours". */
export function formatMoney(currency: string, value: number): string {
  return `${currency} ${value.toLocaleString('en-US')}`;
}

export function describePrice(
  e: Omit<Engagement, 'id' | 'clientId' | 'createdAt' | 'updatedAt' | 'title' | 'status' | 'terms'>,
): string {
  if (e.kind === 'retainer') {
    const fee =
      e.monthlyFee === null ? 'a monthly fee' : `${formatMoney(e.currency, e.monthlyFee)} a month`;
    return e.hoursPerMonth === null ? fee : `${fee}, up to ${e.hoursPerMonth} hours a month`;
  }
  if (e.priceMin === null || e.priceMax === null) return 'price to be agreed';
  if (e.priceMin === e.priceMax) return `${formatMoney(e.currency, e.priceMin)} fixed price`;
  return `${formatMoney(e.currency, e.priceMin)}–${e.priceMax.toLocaleString('en-US')} fixed price range`;
}
