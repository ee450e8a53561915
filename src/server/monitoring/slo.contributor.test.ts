import { describe, expect, it } from 'vitest';
import { readingEase } from '../reports/readability.ts';
import { describeSlo } from './slo.contributor.ts';

const slo = (over: Partial<Parameters<typeof describeSlo>[0]>) => ({
  name: 'Checkout',
  currentLevel: 'ok' as const,
  burnRates: { '5m': 0, '30m': 0, '1h': 0, '6h': 0 },
  budgetLeft: 0.9,
  windowDays: 30,
  targetPercent: 99.9,
  ...over,
});

describe('SLO lines of the weekly report', () => {
  it('says how fast a burning SLO spends its budget and when it runs out', () => {
    const warn = describeSlo(
      slo({
        currentLevel: 'warn',
        burnRates: { '5m': 7, '30m': 6.2, '1h': 6.1, '6h': 6 },
        budgetLeft: 0.8,
      }),
    );
    const page = describeSlo(
      slo({
        currentLevel: 'page',
        burnRates: { '5m': 40, '30m': 30, '1h': 33.3, '6h': 9 },
        budgetLeft: 0.5,
      }),
    );
    const spent = describeSlo(
      slo({
        currentLevel: 'page',
        burnRates: { '5m': 40, '30m': 30, '1h': 20, '6h': 9 },
        budgetLeft: 0,
      }),
    );

    expect(warn).toEqual({
      text: 'Checkout is using its reliability budget 6 times too fast. At this pace it runs out in 4 days.',
      signal: 'amber',
    });
    expect(page).toEqual({
      text: 'Checkout is using its reliability budget 33 times too fast. At this pace it runs out in less than a day.',
      signal: 'red',
    });
    expect(spent?.text).toBe(
      'Checkout fails 20 times more often than it should. Its reliability budget is used up.',
    );
  });

  it('warns when less than a quarter of the budget is left, and is quiet otherwise', () => {
    expect(describeSlo(slo({ budgetLeft: 0.18 }))).toEqual({
      text: 'Checkout has only 18% of its reliability budget left. A few more failures and it misses its goal.',
      signal: 'amber',
    });
    expect(describeSlo(slo({ budgetLeft: 0 }))?.text).toBe(
      'Checkout missed its goal of 99.9%. It failed more often than agreed in the last 30 days.',
    );
    expect(describeSlo(slo({ budgetLeft: 0.25 }))).toBeNull();
    expect(describeSlo(slo({ budgetLeft: null }))).toBeNull();
  });

  it('reads as plain English (Flesch reading ease 50 or more)', () => {
    const texts = [
      slo({ currentLevel: 'warn', burnRates: { '5m': 7, '30m': 6, '1h': 6, '6h': 6 } }),
      slo({
        currentLevel: 'page',
        burnRates: { '5m': 40, '30m': 30, '1h': 20, '6h': 9 },
        budgetLeft: 0,
      }),
      slo({ budgetLeft: 0.18 }),
      slo({ budgetLeft: 0 }),
    ].map((s) => describeSlo(s)!.text);

    for (const text of texts) expect(readingEase([text]), text).toBeGreaterThanOrEqual(50);
  });
});
