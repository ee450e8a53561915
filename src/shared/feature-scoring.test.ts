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
      'Push back: the gain on weekly active users is too unsure or small for 10 days of work.',
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
      'Push back: a gain under 3% on weekly active users is too small to be worth 300 a month to run.',
    );
  });

  it('names the biggest cost in the reason', () => {
    expect(score({ expectedEffect: 10, confidence: 'low', risk: 'high' }).reason).toContain(
      'the high risk',
    );
    expect(
      score({ expectedEffect: 10, confidence: 'low', newDependencies: 5, effortDays: 1 }).reason,
    ).toContain('5 new tools to look after');
  });

  it('is deterministic', () => {
    expect(score({ expectedEffect: 12.5, confidence: 'medium', effortDays: 7 })).toEqual(
      score({ expectedEffect: 12.5, confidence: 'medium', effortDays: 7 }),
    );
  });
});
