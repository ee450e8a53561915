/**
 * @module Service level objectives: request/response schemas and the pure math (error budget,
 * burn rate, the two-window burn-rate rule of the Google SRE workbook). The server evaluates it
 * from the rollups; the web app shows the same numbers. See docs/slo.md.
 */
import { z } from 'zod';
import { uuidSchema } from './api.ts';

/** Short and long windows, in minutes, of the two burn-rate rules (SRE workbook, chapter 5). */
export const BURN_RULES = [
  { level: 'page', threshold: 14.4, longMinutes: 60, shortMinutes: 5 },
  { level: 'warn', threshold: 6, longMinutes: 360, shortMinutes: 30 },
] as const;
export const BURN_WINDOWS = ['5m', '30m', '1h', '6h'] as const;
export type BurnWindow = (typeof BURN_WINDOWS)[number];
export const burnWindowMinutes: Record<BurnWindow, number> = {
  '5m': 5,
  '30m': 30,
  '1h': 60,
  '6h': 360,
};
export const burnLevels = ['ok', 'warn', 'page'] as const;
export type BurnLevel = (typeof burnLevels)[number];

/** Checks and failures over some span (summed rollup rows). */
export interface Counts {
  checks: number;
  failures: number;
}

/**
 * How fast the error budget burns over a span: the failure share divided by the share the
 * target allows. 1 spends exactly the budget over the SLO window; null when nothing ran.
 */
export function burnRate(counts: Counts, targetPercent: number): number | null {
  if (counts.checks <= 0) return null;
  const allowed = 1 - targetPercent / 100;
  const failing = counts.failures / counts.checks;
  if (allowed <= 0) return failing > 0 ? Infinity : 0;
  return failing / allowed;
}

export interface ErrorBudget {
  /** Failures the target allows for the checks run so far in the window. */
  allowedFailures: number;
  usedFailures: number;
  /** Share of the budget spent (0 … ∞; above 1 the SLO is missed); null when nothing ran. */
  used: number | null;
  /** 1 − used, floored at 0 … shown as "budget left". */
  left: number | null;
  /** Measured availability over the window (0–1), null when nothing ran. */
  availability: number | null;
  isMet: boolean | null;
}

/** The error budget of a window from its counts. */
export function errorBudget(counts: Counts, targetPercent: number): ErrorBudget {
  const allowedFailures = counts.checks * (1 - targetPercent / 100);
  if (counts.checks <= 0)
    return {
      allowedFailures: 0,
      usedFailures: 0,
      used: null,
      left: null,
      availability: null,
      isMet: null,
    };
  const used =
    allowedFailures > 0 ? counts.failures / allowedFailures : counts.failures > 0 ? Infinity : 0;
  return {
    allowedFailures,
    usedFailures: counts.failures,
    used,
    left: Math.max(0, 1 - used),
    availability: (counts.checks - counts.failures) / counts.checks,
    isMet: used <= 1,
  };
}

/**
 * The multiwindow rule: `page` when the burn rate is at least 14.4 over both the last hour and
 * the last 5 minutes, `warn` when at least 6 over both 6 hours and 30 minutes, else `ok`. The
 * long window proves the burn is significant, the short one that it is still going on (so the
 * alert clears minutes after the failures stop).
 */
export function burnLevel(rates: Record<BurnWindow, number | null>): BurnLevel {
  const at = (w: BurnWindow) => rates[w] ?? 0;
  for (const rule of BURN_RULES) {
    const long = at(windowOf(rule.longMinutes));
    const short = at(windowOf(rule.shortMinutes));
    if (long >= rule.threshold && short >= rule.threshold) return rule.level;
  }
  return 'ok';
}

function windowOf(minutes: number): BurnWindow {
  return BURN_WINDOWS.find((w) => burnWindowMinutes[w] === minutes)!;
}

/** What an evaluation means for alerting: one alert per episode, a notice when it clears. */
export function burnTransition(
  previous: BurnLevel,
  next: BurnLevel,
): 'alert' | 'resolved' | 'none' {
  const rank = { ok: 0, warn: 1, page: 2 } as const;
  if (next === 'ok') return previous === 'ok' ? 'none' : 'resolved';
  // Escalating (ok → warn, ok → page, warn → page) alerts; easing off inside an episode does not.
  return rank[next] > rank[previous] ? 'alert' : 'none';
}

const target = z
  .number()
  .gt(0, { message: 'must be above 0 %' })
  .lt(100, { message: 'must be below 100 % (100 % leaves no error budget)' });

export const sloInput = z.strictObject({
  name: z.string().trim().min(1, { message: 'is required' }).max(200),
  /** One monitor, or several for a group (a service made of several endpoints). */
  monitorIds: z.array(uuidSchema).min(1, { message: 'needs at least one monitor' }).max(200),
  /** Percent of checks that must succeed, e.g. 99.9. */
  targetPercent: target,
  /** Rolling window in days. */
  windowDays: z.number().int().min(1).max(90).default(30),
});
export type SloInput = z.input<typeof sloInput>;
export const sloPatch = z.strictObject({
  name: sloInput.shape.name.optional(),
  monitorIds: sloInput.shape.monitorIds.optional(),
  targetPercent: target.optional(),
  windowDays: z.number().int().min(1).max(90).optional(),
});

export const sloSchema = z.object({
  id: z.string(),
  clientId: z.string(),
  name: z.string(),
  monitorIds: z.array(z.string()),
  targetPercent: z.number(),
  windowDays: z.number(),
  burnLevel: z.enum(burnLevels),
  burnChangedAt: z.string().nullable(),
  createdAt: z.string(),
});
export type Slo = z.infer<typeof sloSchema>;

export const sloStatusSchema = sloSchema.extend({
  checks: z.number(),
  failures: z.number(),
  availability: z.number().nullable(),
  allowedFailures: z.number(),
  budgetUsed: z.number().nullable(),
  budgetLeft: z.number().nullable(),
  isMet: z.boolean().nullable(),
  burnRates: z.record(z.enum(BURN_WINDOWS), z.number().nullable()),
  /** The level the rates give now (burnLevel is the one last alerted on). */
  currentLevel: z.enum(burnLevels),
});
export type SloStatus = z.infer<typeof sloStatusSchema>;

export const sloParams = z.strictObject({ clientId: uuidSchema, sloId: uuidSchema });
