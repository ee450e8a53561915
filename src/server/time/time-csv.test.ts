/** CSV cells: RFC 4180 quoting and defused spreadsheet formulas. */
import { describe, expect, it } from 'vitest';
import { csvCell } from './time-csv.ts';

describe('csvCell', () => {
  it('prefixes an apostrophe to text a spreadsheet would run as a formula', () => {
    expect(['=1+1', '+1', '-1', '@A1', '\tx', '\rx'].map(csvCell)).toEqual([
      "'=1+1",
      "'+1",
      "'-1",
      "'@A1",
      "'\tx",
      '"\'\rx"',
    ]);
  });

  it('quotes commas, quotes and line breaks, and leaves numbers alone', () => {
    expect(csvCell('a, "b"\nc')).toBe('"a, ""b""\nc"');
    expect(csvCell(-2.5)).toBe('-2.5');
    expect(csvCell('plain')).toBe('plain');
  });
});
