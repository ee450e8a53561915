/** Pure rules of the practice: slip, usage levels, hours, engagement moves, stack splitting. */
import { describe, expect, it } from 'vitest';
import { addDays, daysBetween, monthRange } from './dates.ts';
import { describePrice, engagementInput, engagementTransitions } from './engagements.ts';
import { splitStack } from './intake.ts';
import { milestonePatch, milestoneSlip, slipSummary } from './roadmap.ts';
import { hoursSchema, usageLevel } from './time.ts';

describe('dates', () => {
  it('counts days across months and years, and knows the month after December', () => {
    expect(daysBetween('2026-02-27', '2026-03-02')).toBe(3);
    expect(addDays('2026-12-31', 1)).toBe('2027-01-01');
    expect(monthRange('2026-12')).toEqual({ from: '2026-12-01', to: '2027-01-01' });
  });
});

describe('slip', () => {
  const today = '2026-06-15';
  const on = (dueDate: string, rest: Partial<Parameters<typeof milestoneSlip>[0]> = {}) => ({
    dueDate,
    plannedDate: dueDate,
    doneDate: null,
    status: 'planned' as const,
    ...rest,
  });

  it('counts a milestone done after its planned date as late, and one done on the day as on time', () => {
    expect(
      milestoneSlip(on('2026-06-10', { doneDate: '2026-06-12', status: 'done' }), today),
    ).toEqual({ daysLate: 2, daysMoved: 0, isOverdue: false, daysOverdue: 0, isOnTime: false });
    expect(
      milestoneSlip(on('2026-06-10', { doneDate: '2026-06-10', status: 'done' }), today).isOnTime,
    ).toBe(true);
  });

  it('makes an open milestone overdue the day after its due date, never a cancelled one', () => {
    expect(milestoneSlip(on('2026-06-15'), today).isOverdue).toBe(false);
    expect(milestoneSlip(on('2026-06-14', { status: 'in-progress' }), today)).toEqual({
      daysLate: 1,
      daysMoved: 0,
      isOverdue: true,
      daysOverdue: 1,
      isOnTime: null,
    });
    expect(milestoneSlip(on('2026-01-01', { status: 'cancelled' }), today).isOverdue).toBe(false);
  });

  it('measures lateness against the planned date when the due date was moved', () => {
    const moved = { plannedDate: '2026-06-01', dueDate: '2026-06-20' };

    const done = milestoneSlip(
      on('x', { ...moved, doneDate: '2026-06-12', status: 'done' }),
      today,
    );
    const open = milestoneSlip(on('x', moved), today);
    const summary = slipSummary(
      [
        on('x', { ...moved, doneDate: '2026-06-12', status: 'done' }),
        on('2026-06-05', { doneDate: '2026-06-05', status: 'done' }),
        on('x', moved),
      ],
      today,
    );

    expect(done).toEqual({
      daysLate: 11,
      daysMoved: 19,
      isOverdue: false,
      daysOverdue: 0,
      isOnTime: false,
    });
    // Not overdue against the new date, but two weeks behind the plan.
    expect(open).toEqual({
      daysLate: 14,
      daysMoved: 19,
      isOverdue: false,
      daysOverdue: 0,
      isOnTime: null,
    });
    expect(summary).toEqual({
      done: 2,
      doneOnTime: 1,
      onTimePercent: 50,
      overdue: 0,
      moved: 2,
      averageDaysLate: 5.5,
    });
  });

  it('gives no on-time share before anything is done', () => {
    expect(slipSummary([on('2026-07-01')], today)).toEqual({
      done: 0,
      doneOnTime: 0,
      onTimePercent: null,
      overdue: 0,
      moved: 0,
      averageDaysLate: null,
    });
  });
});

describe('time', () => {
  it('warns at 80 % and is over at 100 %', () => {
    expect([
      usageLevel(7.75, 10),
      usageLevel(8, 10),
      usageLevel(9.99, 10),
      usageLevel(10, 10),
    ]).toEqual(['ok', 'warning', 'warning', 'over']);
    expect(usageLevel(1, 0)).toBe('over');
  });

  it('takes hours in quarter hours, above 0 and at most 24', () => {
    const ok = [0.25, 1.5, 7.75, 24].map((h) => hoursSchema.safeParse(h).success);
    const bad = [-1, 0, 0.1, 1.3, 24.25, Number.NaN].map((h) => hoursSchema.safeParse(h).success);

    expect(ok).toEqual([true, true, true, true]);
    expect(bad).toEqual([false, false, false, false, false, false]);
  });
});

describe('engagements', () => {
  it('has no way out of done and no way back to proposed', () => {
    expect(engagementTransitions.done).toEqual([]);
    expect(Object.values(engagementTransitions).flat()).not.toContain('proposed');
  });

  it('upper-cases the currency and describes the price in plain words', () => {
    const sprint = engagementInput.parse({
      kind: 'mvp-sprint',
      title: 'MVP',
      startDate: '2026-01-05',
      endDate: '2026-02-09',
      currency: 'eur',
      priceMin: 2000,
      priceMax: 4000,
    });
    expect(describePrice(sprint)).toBe('EUR 2,000–4,000 fixed price range');
    expect(
      describePrice({ ...sprint, kind: 'retainer', monthlyFee: 1500, hoursPerMonth: 20 }),
    ).toBe('EUR 1,500 a month, up to 20 hours a month');
  });
});

describe('schemas', () => {
  it('leaves fields out of a milestone patch instead of filling defaults', () => {
    expect(milestonePatch.parse({ title: 'New title' })).toEqual({ title: 'New title' });
  });

  it('splits a stack written by a person into distinct items', () => {
    expect(splitStack(' TypeScript, PostgreSQL;React\nTypeScript,, ')).toEqual([
      'TypeScript',
      'PostgreSQL',
      'React',
    ]);
  });
});
