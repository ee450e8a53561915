/**
 * @module The push-back rule: a proposed feature's value (which KPI, how much, how sure) against
 * its cost (effort, risk, new dependencies, running cost) gives build now / later / push back and
 * one plain sentence why. Pure and deterministic; the formula is documented in docs/scoring.md.
 */

export type Level = 'low' | 'medium' | 'high';
export type Recommendation = 'build-now' | 'later' | 'push-back';

export interface FeatureScoreInput {
  /** The KPI it should move; null when it is tied to none. */
  kpi: { name: string; target: number } | null;
  /** Expected improvement of the KPI in its good direction (negative: it makes it worse). */
  expectedEffect: number;
  effectUnit: 'percent' | 'absolute';
  confidence: Level;
  effortDays: number;
  risk: Level;
  newDependencies: number;
  runningCostPerMonth: number;
  /** ISO code of the client's currency, for the running cost in the sentence (default EUR). */
  currency?: string | undefined;
}

export interface FeatureScore {
  recommendation: Recommendation;
  /** One plain-language sentence for a founder. */
  reason: string;
  /** 0–3: effect points × confidence. */
  value: number;
  /** 0–9: effort + risk + dependencies + running cost points. */
  cost: number;
  /** value ÷ (1 + cost), rounded to 2 decimals. */
  ratio: number;
}

/** The currency a running cost is written in when the client has no engagement to take it from. */
export const DEFAULT_CURRENCY = 'EUR';

export const CONFIDENCE_FACTOR: Record<Level, number> = { low: 0.4, medium: 0.7, high: 1 };
export const BUILD_NOW_RATIO = 0.6;
export const LATER_RATIO = 0.25;

/** The effect as a percentage of the KPI's target (absolute effects are converted). */
export function effectPercent(input: FeatureScoreInput): number {
  if (input.effectUnit === 'percent' || !input.kpi) return input.expectedEffect;
  const target = Math.abs(input.kpi.target);
  return target === 0 ? input.expectedEffect : (input.expectedEffect / target) * 100;
}

/** 3 for ≥ 20 %, 2 for ≥ 10 %, 1 for ≥ 3 %, else 0. */
export function effectPoints(percent: number): number {
  if (percent >= 20) return 3;
  if (percent >= 10) return 2;
  if (percent >= 3) return 1;
  return 0;
}

export function costParts(input: FeatureScoreInput) {
  const d = input.effortDays;
  const effort = d <= 2 ? 0 : d <= 5 ? 1 : d <= 10 ? 2 : d <= 20 ? 3 : 4;
  const risk = { low: 0, medium: 1, high: 2 }[input.risk];
  const n = input.newDependencies;
  const dependencies = n <= 0 ? 0 : n <= 2 ? 0.5 : 1;
  const c = input.runningCostPerMonth;
  const running = c <= 0 ? 0 : c <= 50 ? 0.5 : c <= 200 ? 1 : 2;
  return { effort, risk, dependencies, running };
}

const round2 = (n: number) => Math.round(n * 100) / 100;
const formatNumber = (n: number) =>
  Number.isInteger(n) ? String(n) : n.toFixed(1).replace(/\.0$/, '');

/** "1 day", "0.5 days", "12 days". */
export const daysOfWork = (days: number) =>
  `${formatNumber(days)} ${days === 1 ? 'day' : 'days'} of work`;

/** "€300", "$49.50", "CHF 120": an amount with its currency's symbol where it has one. */
export function formatAmount(amount: number, currency = DEFAULT_CURRENCY): string {
  const digits = Number.isInteger(amount) ? 0 : 2;
  try {
    return new Intl.NumberFormat('en-US', {
      style: 'currency',
      currency,
      minimumFractionDigits: digits,
      maximumFractionDigits: digits,
    })
      .format(amount)
      .replace(/\u00a0/g, ' '); // "CHF 120" with a plain space, as the rest of the sentence
  } catch {
    return `${currency} ${formatNumber(amount)}`;
  }
}

/** The cost part with the most points, in words (ties: effort, risk, dependencies, running). */
function biggestCost(input: FeatureScoreInput, parts: ReturnType<typeof costParts>): string {
  const n = input.newDependencies;
  const named: [number, string][] = [
    [parts.effort, daysOfWork(input.effortDays)],
    [parts.risk, `the ${input.risk} risk`],
    [parts.dependencies, `looking after ${n} new ${n === 1 ? 'tool' : 'tools'}`],
    [parts.running, `${formatAmount(input.runningCostPerMonth, input.currency)} a month to run`],
  ];
  return named.reduce((best, item) => (item[0] > best[0] ? item : best))[1];
}

export function scoreFeature(input: FeatureScoreInput): FeatureScore {
  const parts = costParts(input);
  const cost = parts.effort + parts.risk + parts.dependencies + parts.running;
  const percent = effectPercent(input);
  const points = effectPoints(percent);
  const value = input.kpi ? round2(points * CONFIDENCE_FACTOR[input.confidence]) : 0;
  const ratio = round2(value / (1 + cost));
  const result = (recommendation: Recommendation, reason: string): FeatureScore => ({
    recommendation,
    reason,
    value,
    cost,
    ratio,
  });
  if (!input.kpi) {
    return result(
      'push-back',
      'Push back: it is not tied to a KPI, so we cannot tell if it helps.',
    );
  }
  const kpi = input.kpi.name;
  if (percent <= 0) {
    return result('push-back', `Push back: it is not expected to improve ${kpi}.`);
  }
  if (value === 0) {
    const worth = cost > 0 ? biggestCost(input, parts) : 'building';
    return result(
      'push-back',
      `Push back: a gain under 3% on ${kpi} is too small to be worth ${worth}.`,
    );
  }
  const gain = `about ${formatNumber(round2(percent))}%`;
  if (ratio >= BUILD_NOW_RATIO) {
    return result(
      'build-now',
      `Build now: it should improve ${kpi} by ${gain} for ${daysOfWork(input.effortDays)}.`,
    );
  }
  // What holds the score down: the cost when the value alone (at no cost) would reach the next
  // step up, else the value itself — too unsure when more confidence alone would get there,
  // otherwise too small.
  const step = ratio >= LATER_RATIO ? BUILD_NOW_RATIO : LATER_RATIO;
  const isCostHolding = cost > 0 && value >= step;
  const doubt = points >= step && input.confidence !== 'high' ? 'unsure' : 'small';
  if (ratio >= LATER_RATIO) {
    if (isCostHolding)
      return result(
        'later',
        `Later: it should help ${kpi}, but ${biggestCost(input, parts)} is too much for now.`,
      );
    return result(
      'later',
      cost > 0
        ? `Later: it should help ${kpi}, but for now the gain is too ${doubt} to be worth ${biggestCost(input, parts)}.`
        : `Later: it should help ${kpi}, but the gain is too ${doubt} to build it now.`,
    );
  }
  if (isCostHolding) {
    const sure = input.confidence === 'low' ? 'an unsure gain' : 'a gain';
    return result(
      'push-back',
      `Push back: ${biggestCost(input, parts)} is too much for ${sure} of ${gain} on ${kpi}.`,
    );
  }
  return result(
    'push-back',
    `Push back: the gain on ${kpi} is too ${doubt} to be worth ${biggestCost(input, parts)}.`,
  );
}
