import { describe, expect, it } from 'vitest';
import {
  goCryptoSsh,
  lodashPrototypePollution,
  nokogiriGhsa,
  psr7Ghsa,
  pyyamlPysec,
  smallvecRustsec,
} from '../test/osv-fixtures.ts';
import { compareSemver } from '../versions/compare.ts';
import { isInRange, matchRecord } from './affected.ts';
import type { OsvRecord } from './osv-types.ts';

describe('OSV affected ranges', () => {
  it('matches npm ECOSYSTEM ranges at their edges', () => {
    expect(matchRecord(lodashPrototypePollution, 'npm', 'lodash', '4.17.15')).toEqual({
      fixed: ['4.17.19'],
    });
    expect(matchRecord(lodashPrototypePollution, 'npm', 'lodash', '4.17.19')).toBeNull();
    expect(matchRecord(lodashPrototypePollution, 'npm', 'lodash', '3.7.0')).not.toBeNull();
    expect(matchRecord(lodashPrototypePollution, 'npm', 'lodash', '3.6.0')).toBeNull();
    expect(matchRecord(lodashPrototypePollution, 'npm', 'lodash-es', '4.17.15')).toBeNull();
  });

  it('matches PyPI by normalised name, PEP 440 ranges and versions lists', () => {
    expect(matchRecord(pyyamlPysec, 'PyPI', 'PyYAML', '5.3.1')).not.toBeNull();
    expect(matchRecord(pyyamlPysec, 'PyPI', 'pyyaml', '5.4b2')).not.toBeNull();
    expect(matchRecord(pyyamlPysec, 'PyPI', 'pyyaml', '5.4')).toBeNull();
  });

  it('matches a RUSTSEC record with two introduced/fixed pairs', () => {
    expect(matchRecord(smallvecRustsec, 'crates.io', 'smallvec', '1.6.0')).not.toBeNull();
    expect(matchRecord(smallvecRustsec, 'crates.io', 'smallvec', '0.6.14')).toBeNull();
    expect(matchRecord(smallvecRustsec, 'crates.io', 'smallvec', '0.6.2')).toBeNull();
    expect(matchRecord(smallvecRustsec, 'crates.io', 'smallvec', '0.6.10')).not.toBeNull();
  });

  it('matches Go pseudo-versions against a pseudo-version fix', () => {
    expect(
      matchRecord(goCryptoSsh, 'Go', 'golang.org/x/crypto', 'v0.0.0-20211202192323-5770296d904e'),
    ).not.toBeNull();
    expect(
      matchRecord(goCryptoSsh, 'Go', 'golang.org/x/crypto', 'v0.0.0-20220314234659-1baeb1ce4c0b'),
    ).toBeNull();
    expect(matchRecord(goCryptoSsh, 'Go', 'golang.org/x/crypto', 'v0.1.0')).toBeNull();
  });

  it('matches RubyGems and Packagist ranges with their own rules', () => {
    expect(matchRecord(nokogiriGhsa, 'RubyGems', 'nokogiri', '1.13.9')).not.toBeNull();
    expect(matchRecord(nokogiriGhsa, 'RubyGems', 'nokogiri', '1.13.10')).toBeNull();
    expect(matchRecord(psr7Ghsa, 'Packagist', 'GuzzleHttp/Psr7', '2.4.1')).toEqual({
      fixed: ['2.4.5'],
    });
    expect(matchRecord(psr7Ghsa, 'Packagist', 'guzzlehttp/psr7', '1.9.1')).toBeNull();
  });

  it('honours last_affected and unsorted events, and ignores GIT ranges', () => {
    const events = [
      { fixed: '2.0.0' },
      { introduced: '0' },
      { introduced: '3.0.0' },
      { last_affected: '3.1.0' },
    ];
    const gitOnly: OsvRecord = {
      id: 'OSV-TEST-GIT',
      modified: '2024-01-01T00:00:00Z',
      affected: [
        {
          package: { ecosystem: 'npm', name: 'left-pad' },
          ranges: [{ type: 'GIT', events: [{ introduced: '0' }, { fixed: 'a1b2c3d' }] }],
        },
      ],
    };

    expect(isInRange(events, '1.5.0', compareSemver)).toBe(true);
    expect(isInRange(events, '2.5.0', compareSemver)).toBe(false);
    expect(isInRange(events, '3.1.0', compareSemver)).toBe(true);
    expect(isInRange(events, '3.1.1', compareSemver)).toBe(false);
    expect(matchRecord(gitOnly, 'npm', 'left-pad', '1.0.0')).toBeNull();
  });

  it('reports an uncomparable version as unknown rather than affected', () => {
    expect(
      isInRange([{ introduced: '1.0.0' }, { fixed: '2.0.0' }], 'latest', compareSemver),
    ).toBeNull();
  });
});
