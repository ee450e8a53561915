/**
 * @module KPIs, their readings and proposed features: request/response schemas and the period
 * rule (a reading belongs to its day, ISO week or month, so a repeat updates it).
 */
import { z } from 'zod';
import { uuidSchema } from './api.ts';
import type { FeatureScore } from './feature-scoring.ts';

export const cadences = ['daily', 'weekly', 'monthly'] as const;
export type Cadence = (typeof cadences)[number];
const levels = ['low', 'medium', 'high'] as const;

const isoDate = z
  .string()
  .regex(/^\d{4}-\d{2}-\d{2}$/, { message: 'must be a date written YYYY-MM-DD' })
  .refine(
    (s) =>
      !Number.isNaN(Date.parse(`${s}T00:00:00Z`)) &&
      new Date(`${s}T00:00:00Z`).toISOString().startsWith(s),
    { message: 'is not a real calendar day' },
  );
const finite = z.number({ message: 'must be a number' }).finite();

/** First day of the period a date falls in: the day, the ISO week's Monday, the month's 1st. */
export function periodStart(date: string, cadence: Cadence): string {
  if (cadence === 'daily') return date;
  if (cadence === 'monthly') return `${date.slice(0, 7)}-01`;
  const d = new Date(`${date}T00:00:00Z`);
  const shift = (d.getUTCDay() + 6) % 7;
  d.setUTCDate(d.getUTCDate() - shift);
  return d.toISOString().slice(0, 10);
}

/** "24 Nov 2026", "week of 23 Nov 2026", "Nov 2026". */
export function periodLabel(start: string, cadence: Cadence): string {
  const d = new Date(`${start}T00:00:00Z`);
  const month = d.toLocaleString('en-GB', { month: 'short', timeZone: 'UTC' });
  if (cadence === 'monthly') return `${month} ${d.getUTCFullYear()}`;
  const day = `${d.getUTCDate()} ${month} ${d.getUTCFullYear()}`;
  return cadence === 'weekly' ? `week of ${day}` : day;
}

export const kpiInput = z.strictObject({
  name: z.string().trim().min(1, { message: 'is required' }).max(120),
  unit: z.string().trim().max(30).default(''),
  direction: z.enum(['higher', 'lower'], {
    message: 'must be "higher" or "lower" (which is better)',
  }),
  target: finite,
  cadence: z.enum(cadences, { message: 'must be daily, weekly or monthly' }),
  description: z.string().max(2000).default(''),
});
export const kpiPatch = z.strictObject({
  name: z.string().trim().min(1, { message: 'is required' }).max(120).optional(),
  unit: z.string().trim().max(30).optional(),
  direction: z.enum(['higher', 'lower']).optional(),
  target: finite.optional(),
  cadence: z.enum(cadences).optional(),
  description: z.string().max(2000).optional(),
});

export const readingInput = z.strictObject({
  value: finite,
  /** Any day in the period; the reading is filed under the period's first day. */
  date: isoDate,
  note: z.string().max(2000).default(''),
  source: z.string().trim().max(60).optional(),
});
/** For scripts: the KPI named instead of its id. */
export const namedReadingInput = readingInput.extend({
  kpi: z.string().trim().min(1, { message: 'name the KPI (its name or id)' }).max(120),
});

export const readingSchema = z.object({
  id: z.string(),
  kpiId: z.string(),
  periodStart: z.string(),
  period: z.string(),
  value: z.number(),
  note: z.string(),
  source: z.string(),
  updatedAt: z.string(),
});
export type Reading = z.infer<typeof readingSchema>;

export const kpiStates = ['on-target', 'off-target', 'no-data'] as const;
export const kpiSchema = z.object({
  id: z.string(),
  clientId: z.string(),
  name: z.string(),
  unit: z.string(),
  direction: z.enum(['higher', 'lower']),
  target: z.number(),
  cadence: z.enum(cadences),
  description: z.string(),
  latest: readingSchema.nullable(),
  previous: readingSchema.nullable(),
  state: z.enum(kpiStates),
  /** Whether the last change went the good way; null with fewer than two readings. */
  improving: z.boolean().nullable(),
});
export type Kpi = z.infer<typeof kpiSchema>;
export const kpiDetailSchema = kpiSchema.extend({ readings: z.array(readingSchema) });
export type KpiDetail = z.infer<typeof kpiDetailSchema>;
/** `GET …/kpis?readings=true` gives every KPI with its readings in one request (the client page). */
export const kpiListQuery = z.strictObject({ readings: z.enum(['true', 'false']).optional() });
export const kpiListSchema = z.object({
  kpis: z.array(kpiSchema.extend({ readings: z.array(readingSchema).optional() })),
});
export const readingSaved = z.object({ reading: readingSchema, created: z.boolean() });

export const featureInput = z.strictObject({
  title: z.string().trim().min(1, { message: 'is required' }).max(200),
  description: z.string().max(5000).default(''),
  kpiId: uuidSchema.nullable().default(null),
  expectedEffect: finite.default(0),
  effectUnit: z.enum(['percent', 'absolute']).default('percent'),
  confidence: z.enum(levels),
  effortDays: finite.min(0, { message: 'cannot be negative' }).max(10_000),
  risk: z.enum(levels),
  newDependencies: z.number().int().min(0, { message: 'cannot be negative' }).max(1000).default(0),
  runningCostPerMonth: finite.min(0, { message: 'cannot be negative' }).default(0),
});
export const featurePatch = z.strictObject({
  title: z.string().trim().min(1).max(200).optional(),
  description: z.string().max(5000).optional(),
  kpiId: uuidSchema.nullable().optional(),
  expectedEffect: finite.optional(),
  effectUnit: z.enum(['percent', 'absolute']).optional(),
  confidence: z.enum(levels).optional(),
  effortDays: finite.min(0, { message: 'cannot be negative' }).max(10_000).optional(),
  risk: z.enum(levels).optional(),
  newDependencies: z.number().int().min(0, { message: 'cannot be negative' }).max(1000).optional(),
  runningCostPerMonth: finite.min(0, { message: 'cannot be negative' }).optional(),
});

export const featureSchema = z.object({
  id: z.string(),
  clientId: z.string(),
  title: z.string(),
  description: z.string(),
  kpiId: z.string().nullable(),
  kpiName: z.string().nullable(),
  expectedEffect: z.number(),
  effectUnit: z.enum(['percent', 'absolute']),
  confidence: z.enum(levels),
  effortDays: z.number(),
  risk: z.enum(levels),
  newDependencies: z.number(),
  runningCostPerMonth: z.number(),
  score: z.object({
    recommendation: z.enum(['build-now', 'later', 'push-back']),
    reason: z.string(),
    value: z.number(),
    cost: z.number(),
    ratio: z.number(),
  }),
});
export type Feature = z.infer<typeof featureSchema> & { score: FeatureScore };

export const kpiParams = z.strictObject({ clientId: uuidSchema, kpiId: uuidSchema });
export const readingParams = z.strictObject({
  clientId: uuidSchema,
  kpiId: uuidSchema,
  readingId: uuidSchema,
});
export const featureParams = z.strictObject({ clientId: uuidSchema, featureId: uuidSchema });

/**
 * "1 finding", not "1 findings": a unit that is a plural word (four letters or more, ending in
 * an s after a letter other than s or u) loses its s for exactly one. Abbreviations (ms, kgs,
 * EUR) and words such as "bus", "status" or "class" stay as they are.
 */
export function unitFor(value: number, unit: string): string {
  return Math.abs(value) === 1 && /^[a-z]{2,}[^su]s$/i.test(unit) ? unit.slice(0, -1) : unit;
}

/** "52%", "6 findings", "1 finding", "1,250 EUR", "0.03 €": a KPI value as people write it. */
export const formatKpiValue = (value: number, unit: string) => {
  const n = Number.isInteger(value)
    ? value.toLocaleString('en-GB')
    : value.toFixed(2).replace(/0+$/, '').replace(/\.$/, '');
  if (!unit) return n;
  return unit === '%' ? `${n}%` : `${n} ${unitFor(value, unit)}`;
};
