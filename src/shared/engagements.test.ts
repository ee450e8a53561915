import { describe, expect, it } from 'vitest';
import { SPRINT_MAX_DAYS, SPRINT_MIN_DAYS, sprintLength } from './engagements.ts';

describe('an MVP sprint’s length', () => {
  it('counts the end date and rounds to whole weeks', () => {
    // Mon 5 Jan to Fri 30 Jan: a four-week sprint that ends on a Friday.
    expect(sprintLength('2026-01-05', '2026-01-30')).toEqual({ days: 26, weeks: 4 });
    expect(sprintLength('2026-01-05', '2026-02-01')).toEqual({ days: 28, weeks: 4 });
    expect(sprintLength('2026-01-05', '2026-02-13')).toEqual({ days: 40, weeks: 6 });
  });

  it('takes 25 to 45 days as 4 to 6 weeks, and no more', () => {
    expect([SPRINT_MIN_DAYS, SPRINT_MAX_DAYS]).toEqual([25, 45]);
    expect(sprintLength('2026-01-05', '2026-01-28').weeks).toBe(3); // 24 days
    expect(sprintLength('2026-01-05', '2026-01-29').weeks).toBe(4); // 25 days
    expect(sprintLength('2026-01-05', '2026-02-18').weeks).toBe(6); // 45 days
    expect(sprintLength('2026-01-05', '2026-02-19').weeks).toBe(7); // 46 days
  });
});
