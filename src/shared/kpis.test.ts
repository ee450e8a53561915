import { describe, expect, it } from 'vitest';
import { periodLabel, periodStart } from './kpis.ts';

describe('KPI periods', () => {
  it.each([
    ['2026-11-24', 'daily', '2026-11-24'],
    ['2026-11-24', 'weekly', '2026-11-23'],
    ['2026-11-23', 'weekly', '2026-11-23'],
    ['2026-11-29', 'weekly', '2026-11-23'],
    ['2027-01-01', 'weekly', '2026-12-28'],
    ['2026-11-24', 'monthly', '2026-11-01'],
  ] as const)('%s (%s) → %s', (date, cadence, start) => {
    expect(periodStart(date, cadence)).toBe(start);
  });

  it('labels periods in plain words', () => {
    expect(periodLabel('2026-11-23', 'weekly')).toBe('week of 23 Nov 2026');
    expect(periodLabel('2026-11-01', 'monthly')).toBe('Nov 2026');
    expect(periodLabel('2026-11-24', 'daily')).toBe('24 Nov 2026');
  });
});
