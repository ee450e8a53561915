import { describe, expect, it } from 'vitest';
import { spanInWords } from './dates.ts';

describe('spanInWords', () => {
  it.each([
    [0, '1 minute'],
    [59_000, '1 minute'],
    [60_000, '1 minute'],
    [2 * 60_000, '2 minutes'],
    [60 * 60_000, '1 hour'],
    [125 * 60_000, '2 hours 5 minutes'],
    [(3 * 1440 + 4 * 60 + 59) * 60_000, '3 days 4 hours'],
    [(1440 + 7) * 60_000, '1 day'],
  ])('%i ms reads "%s"', (ms, words) => {
    expect(spanInWords(ms)).toBe(words);
  });
});
