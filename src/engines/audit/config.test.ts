import { describe, it, expect } from 'vitest';
import { defaultConfig, parseConfig, windowStartFor } from './config.ts';

describe('audit config', () => {
  it('fills every default', () => {
    const config = defaultConfig();

    expect(config.since).toBe('12m');
    expect(config.riskWeights).toEqual({ critical: 10, high: 7.5, medium: 5, low: 2.5 });
    expect(config.coupling).toEqual({
      minRevisions: 5,
      minSharedRevisions: 3,
      minDegree: 30,
      maxChangesetSize: 30,
      maxPairs: 200_000,
    });
    expect(config.duplication).toEqual({ detector: 'auto', jscpdMaxBytes: 24 * 1024 * 1024 });
  });

  it('lists every problem with its path', () => {
    const parsed = parseConfig(
      { since: 'soon', thresholds: { cyclomatic: -1 }, colour: 'blue' },
      'keel.audit.json',
    );

    expect(parsed.ok).toBe(false);
    const error = parsed.ok ? '' : parsed.error;
    expect(error).toContain('since:');
    expect(error).toContain('thresholds.cyclomatic');
    expect(error).toContain('colour');
  });

  it('turns a window into a start time', () => {
    const now = Date.UTC(2026, 0, 31);

    expect(windowStartFor('30d', now)).toBe(now / 1000 - 30 * 86_400);
  });
});
