import { describe, expect, it } from 'vitest';
import {
  costParts,
  effectPercent,
  effectPoints,
  scoreFeature,
  type FeatureScoreInput,
} from './feature-scoring.ts';

const base: FeatureScoreInput = {
  kpi: { name: 'weekly active users', target: 1000 },
  expectedEffect: 20,
  effectUnit: 'percent',
  confidence: 'high',
  effortDays: 3,
  risk: 'low',
  newDependencies: 0,
  runningCostPerMonth: 0,
};
const score = (overrides: Partial<FeatureScoreInput>) => scoreFeature({ ...base, ...overrides });

describe('effect points at their boundaries', () => {
  it.each([
    [2.99, 0],
    [3, 1],
    [9.99, 1],
    [10, 2],
    [19.99, 2],
    [20, 3],
    [80, 3],
  ])('%s%% → %s', (percent, points) => {
    expect(effectPoints(percent)).toBe(points);
  });

  it('converts an absolute effect to a share of the target', () => {
    expect(effectPercent({ ...base, effectUnit: 'absolute', expectedEffect: 150 })).toBe(15);
    expect(
      effectPercent({
        ...base,
        effectUnit: 'absolute',
        expectedEffect: 5,
        kpi: { name: 'x', target: 0 },
      }),
    ).toBe(5);
  });
});

describe('cost points at their boundaries', () => {
  it.each([
    [2, 0],
    [2.5, 1],
    [5, 1],
    [10, 2],
    [20, 3],
    [21, 4],
  ])('%s days → %s', (effortDays, effort) => {
    expect(costParts({ ...base, effortDays }).effort).toBe(effort);
  });

  it('counts risk, dependencies and running cost', () => {
    expect(
      costParts({ ...base, risk: 'high', newDependencies: 3, runningCostPerMonth: 201 }),
    ).toEqual({
      effort: 1,
      risk: 2,
      dependencies: 1,
      running: 2,
    });
    expect(
      costParts({ ...base, risk: 'medium', newDependencies: 2, runningCostPerMonth: 50 }),
    ).toMatchObject({
      risk: 1,
      dependencies: 0.5,
      running: 0.5,
    });
    expect(costParts({ ...base, runningCostPerMonth: 200 }).running).toBe(1);
  });
});

describe('recommendation', () => {
  it('builds now a big, sure gain for little work', () => {
    const result = score({});

    expect(result).toEqual({
      recommendation: 'build-now',
      reason: 'Build now: it should improve weekly active users by about 20% for 3 days of work.',
      value: 3,
      cost: 1,
      ratio: 1.5,
    });
  });

  it('switches from build now to later exactly at the 0.6 ratio', () => {
    // value 2 × 0.7 = 1.4; cost 1 (effort) + 0 … ratio 0.7 → build now
    expect(score({ expectedEffect: 10, confidence: 'medium' }).recommendation).toBe('build-now');
    // value 3; cost 4 → ratio 0.6 → build now (boundary included)
    expect(score({ effortDays: 21 }).ratio).toBe(0.6);
    expect(score({ effortDays: 21 }).recommendation).toBe('build-now');
    // value 3; cost 4.5 → ratio 0.55 → later
    const later = score({ effortDays: 21, newDependencies: 1 });
    expect(later.recommendation).toBe('later');
    expect(later.reason).toBe(
      'Later: it should help weekly active users, but 21 days of work is too much for now.',
    );
  });

  it('switches from later to push back at the 0.25 ratio', () => {
    // value 1 × 1 = 1; cost 3 → ratio 0.25 → later
    expect(score({ expectedEffect: 5, effortDays: 10, risk: 'medium' }).recommendation).toBe(
      'later',
    );
    // value 1; cost 3.5 → 0.22 → push back
    const pushed = score({
      expectedEffect: 5,
      effortDays: 10,
      risk: 'medium',
      runningCostPerMonth: 10,
    });
    expect(pushed.recommendation).toBe('push-back');
    expect(pushed.reason).toBe(
      'Push back: 10 days of work is too much for a gain of about 5% on weekly active users.',
    );
  });

  it('pushes back a feature with no KPI, one that makes the KPI worse, and a tiny gain', () => {
    expect(score({ kpi: null }).reason).toBe(
      'Push back: it is not tied to a KPI, so we cannot tell if it helps.',
    );
    expect(score({ expectedEffect: -5 }).reason).toBe(
      'Push back: it is not expected to improve weekly active users.',
    );
    expect(score({ expectedEffect: 0 }).recommendation).toBe('push-back');
    expect(score({ expectedEffect: 2, runningCostPerMonth: 300 }).reason).toBe(
      'Push back: a gain under 3% on weekly active users is too small to be worth €300 a month to run.',
    );
    expect(score({ expectedEffect: 2, effortDays: 1 }).reason).toBe(
      'Push back: a gain under 3% on weekly active users is too small to be worth building.',
    );
  });

  it('names the biggest cost in the reason', () => {
    expect(score({ expectedEffect: 10, confidence: 'low', risk: 'high' }).reason).toContain(
      'the high risk',
    );
    expect(
      score({ expectedEffect: 10, confidence: 'low', newDependencies: 5, effortDays: 1 }).reason,
    ).toContain('looking after 5 new tools');
  });

  it('names the value, not a cost, when nothing costs points and the gain is unsure', () => {
    // 5 % at low confidence: value 0.4; 1 day, low risk, nothing new: cost 0 → ratio 0.4.
    const unsure = score({
      kpi: { name: 'Signups', target: 100 },
      expectedEffect: 5,
      confidence: 'low',
      effortDays: 1,
    });

    expect(unsure).toMatchObject({ recommendation: 'later', cost: 0 });
    expect(unsure.reason).toBe(
      'Later: it should help Signups, but the gain is too unsure to build it now.',
    );
    // With a small cost too, the value still holds it down (free, it would still be "later").
    expect(
      score({ expectedEffect: 5, confidence: 'low', effortDays: 1, newDependencies: 1 }).reason,
    ).toBe(
      'Later: it should help weekly active users, but for now the gain is too unsure to be worth looking after 1 new tool.',
    );
    // A sure gain held back by its cost names the cost.
    expect(
      score({ expectedEffect: 5, confidence: 'medium', effortDays: 1, runningCostPerMonth: 30 })
        .reason,
    ).toBe(
      'Later: it should help weekly active users, but €30 a month to run is too much for now.',
    );
    expect(score({ expectedEffect: 5, confidence: 'low', effortDays: 4 }).reason).toBe(
      'Push back: 4 days of work is too much for an unsure gain of about 5% on weekly active users.',
    );
  });

  it('says "1 day", and writes the running cost in the client\'s currency', () => {
    expect(score({ effortDays: 1 }).reason).toBe(
      'Build now: it should improve weekly active users by about 20% for 1 day of work.',
    );
    expect(
      score({ expectedEffect: 2, effortDays: 1, runningCostPerMonth: 300, currency: 'USD' }).reason,
    ).toContain('worth $300 a month to run');
    expect(
      score({ expectedEffect: 2, effortDays: 1, runningCostPerMonth: 49.5, currency: 'GBP' })
        .reason,
    ).toContain('worth £49.50 a month to run');
    expect(
      score({ expectedEffect: 2, effortDays: 1, runningCostPerMonth: 120, currency: 'CHF' }).reason,
    ).toContain('worth CHF 120 a month to run');
  });

  it('is deterministic', () => {
    expect(score({ expectedEffect: 12.5, confidence: 'medium', effortDays: 7 })).toEqual(
      score({ expectedEffect: 12.5, confidence: 'medium', effortDays: 7 }),
    );
  });
});
