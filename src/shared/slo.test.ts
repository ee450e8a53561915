import { describe, expect, it } from 'vitest';
import { burnLevel, burnRate, burnTransition, errorBudget, sloInput } from './slo.ts';

describe('error budget', () => {
  it('allows 0.1 % of the checks at 99.9 % and counts what is spent', () => {
    const budget = errorBudget({ checks: 43_200, failures: 10 }, 99.9);

    expect(budget.allowedFailures).toBeCloseTo(43.2, 6);
    expect(budget.used).toBeCloseTo(10 / 43.2, 6);
    expect(budget.left).toBeCloseTo(1 - 10 / 43.2, 6);
    expect(budget.availability).toBeCloseTo(43_190 / 43_200, 9);
    expect(budget.isMet).toBe(true);
  });

  it('floors budget left at zero once the SLO is missed', () => {
    const budget = errorBudget({ checks: 1000, failures: 5 }, 99.9);

    expect(budget.used).toBeCloseTo(5, 6);
    expect(budget.left).toBe(0);
    expect(budget.isMet).toBe(false);
  });

  it('says nothing (null) when nothing ran', () => {
    expect(errorBudget({ checks: 0, failures: 0 }, 99.9)).toMatchObject({
      used: null,
      left: null,
      isMet: null,
    });
  });
});

describe('burn rate', () => {
  it('is the failure share over the allowed share', () => {
    expect(burnRate({ checks: 1000, failures: 1 }, 99.9)).toBeCloseTo(1, 9);
    expect(burnRate({ checks: 1000, failures: 144 }, 99)).toBeCloseTo(14.4, 9);
    expect(burnRate({ checks: 60, failures: 60 }, 99.9)).toBeCloseTo(1000, 6);
    expect(burnRate({ checks: 0, failures: 0 }, 99.9)).toBeNull();
  });
});

describe('the two-window burn-rate rule', () => {
  const rates = (r: Partial<Record<'5m' | '30m' | '1h' | '6h', number | null>>) => ({
    '5m': null,
    '30m': null,
    '1h': null,
    '6h': null,
    ...r,
  });

  it.each([
    ['pages at 14.4× over both 1 h and 5 min', { '1h': 14.4, '5m': 20 }, 'page'],
    ['does not page when the last 5 min are calm again', { '1h': 20, '5m': 3 }, 'ok'],
    ['does not page on a short spike alone', { '1h': 2, '5m': 100 }, 'ok'],
    ['warns at 6× over both 6 h and 30 min', { '6h': 6, '30m': 7 }, 'warn'],
    ['does not warn when the 30 min window has cleared', { '6h': 8, '30m': 5.9 }, 'ok'],
    ['takes the page rule over the warn rule', { '1h': 15, '5m': 15, '6h': 7, '30m': 7 }, 'page'],
    [
      'ticks down to warn when the page windows ease',
      { '1h': 10, '5m': 10, '6h': 7, '30m': 8 },
      'warn',
    ],
    ['stays ok when nothing ran', {}, 'ok'],
  ] as const)('%s', (_name, input, level) => {
    expect(burnLevel(rates(input))).toBe(level);
  });

  it('alerts once per episode and sends a notice when it clears', () => {
    expect(burnTransition('ok', 'warn')).toBe('alert');
    expect(burnTransition('warn', 'page')).toBe('alert');
    expect(burnTransition('ok', 'page')).toBe('alert');
    expect(burnTransition('page', 'page')).toBe('none');
    expect(burnTransition('page', 'warn')).toBe('none');
    expect(burnTransition('warn', 'ok')).toBe('resolved');
    expect(burnTransition('page', 'ok')).toBe('resolved');
    expect(burnTransition('ok', 'ok')).toBe('none');
  });
});

describe('SLO input', () => {
  it('refuses a 100 % target, which leaves no budget', () => {
    const parsed = sloInput.safeParse({
      name: 'API',
      monitorIds: ['7d3c9a52-3a3e-4a3f-9a1b-1a2b3c4d5e6f'],
      targetPercent: 100,
    });

    expect(parsed.success).toBe(false);
    expect(parsed.error?.issues[0]?.path).toEqual(['targetPercent']);
  });
});
