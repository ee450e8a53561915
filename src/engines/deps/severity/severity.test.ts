import { describe, expect, it } from 'vitest';
import { lodashPrototypePollution, pyyamlPysec } from '../test/osv-fixtures.ts';
import { cvss3BaseScore } from './cvss3.ts';
import { maxSeverity, scoreVector, severityOf } from './severity.ts';

describe('CVSS scores', () => {
  it('computes v3.1 base scores as FIRST publishes them', () => {
    expect(cvss3BaseScore('CVSS:3.1/AV:N/AC:L/PR:N/UI:N/S:U/C:H/I:H/A:H')).toBe(9.8);
    expect(cvss3BaseScore('CVSS:3.1/AV:N/AC:L/PR:N/UI:N/S:C/C:H/I:H/A:H')).toBe(10);
    expect(cvss3BaseScore('CVSS:3.1/AV:N/AC:L/PR:N/UI:R/S:C/C:L/I:L/A:N')).toBe(6.1);
    expect(cvss3BaseScore('CVSS:3.1/AV:N/AC:H/PR:N/UI:N/S:U/C:N/I:H/A:H')).toBe(7.4);
    expect(cvss3BaseScore('CVSS:3.1/AV:L/AC:L/PR:L/UI:N/S:U/C:H/I:N/A:N')).toBe(5.5);
    expect(cvss3BaseScore('CVSS:3.1/AV:P/AC:H/PR:H/UI:R/S:U/C:N/I:N/A:N')).toBe(0);
    expect(cvss3BaseScore('CVSS:3.0/AV:N/AC:L/PR:L/UI:N/S:C/C:L/I:L/A:N')).toBe(6.4);
  });

  it('rejects incomplete or unknown vectors', () => {
    expect(cvss3BaseScore('CVSS:3.1/AV:N/AC:L/PR:N/UI:N/S:U/C:H/I:H')).toBeNull();
    expect(cvss3BaseScore('CVSS:3.1/AV:X/AC:L/PR:N/UI:N/S:U/C:H/I:H/A:H')).toBeNull();
    expect(cvss3BaseScore('AV:N/AC:L/Au:N/C:P/I:P/A:P')).toBeNull();
  });

  it('scores v4.0 vectors', () => {
    expect(
      scoreVector({
        type: 'CVSS_V4',
        score: 'CVSS:4.0/AV:N/AC:L/AT:N/PR:N/UI:N/VC:H/VI:H/VA:H/SC:N/SI:N/SA:N',
      }),
    ).toMatchObject({ score: 9.3, rating: 'critical' });
    expect(
      scoreVector({
        type: 'CVSS_V4',
        score: 'CVSS:4.0/AV:L/AC:L/AT:N/PR:L/UI:N/VC:H/VI:N/VA:N/SC:N/SI:N/SA:N',
      }),
    ).toMatchObject({ rating: 'medium' });
    expect(scoreVector({ type: 'CVSS_V4', score: 'nonsense' })).toBeNull();
  });

  it('rates records by vector, else by the database label, else unknown', () => {
    expect(severityOf(lodashPrototypePollution)).toEqual({
      score: 7.4,
      rating: 'high',
      vector: 'CVSS:3.1/AV:N/AC:H/PR:N/UI:N/S:U/C:N/I:H/A:H',
    });
    expect(severityOf({ ...lodashPrototypePollution, severity: [] })).toEqual({
      score: null,
      rating: 'high',
    });
    expect(severityOf(pyyamlPysec)).toEqual({ score: null, rating: 'unknown' });
    expect(
      maxSeverity({ score: null, rating: 'unknown' }, { score: 5, rating: 'medium' }).rating,
    ).toBe('medium');
  });
});
