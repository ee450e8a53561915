import { describe, expect, it } from 'vitest';
import { compareComposer } from './composer.ts';
import { compareGo, comparePypi, compareSemver, normalizeName } from './compare.ts';
import { compareRubyGems } from './rubygems.ts';

const sign = (n: number | null): number | null => (n === null ? null : Math.sign(n));

describe('version comparators', () => {
  it('orders npm and Cargo versions by semver precedence', () => {
    expect(sign(compareSemver('4.17.20', '4.17.21'))).toBe(-1);
    expect(sign(compareSemver('1.0.0-rc.1', '1.0.0'))).toBe(-1);
    expect(compareSemver('not-a-version', '1.0.0')).toBeNull();
  });

  it('orders PyPI versions by PEP 440', () => {
    expect(sign(comparePypi('1.0rc1', '1.0'))).toBe(-1);
    expect(sign(comparePypi('1.0.post1', '1.0'))).toBe(1);
    expect(sign(comparePypi('1.0.dev0', '1.0a1'))).toBe(-1);
    expect(sign(comparePypi('2.0', '10.0'))).toBe(-1);
    expect(sign(comparePypi('1!0.5', '2.0'))).toBe(1);
    expect(comparePypi('1.0', '1.0.0')).toBe(0);
    expect(comparePypi('banana', '1.0')).toBeNull();
  });

  it('orders Go pseudo-versions and +incompatible versions as the go command does', () => {
    expect(
      sign(compareGo('v0.0.0-20211202192323-5770296d904e', '0.0.0-20220314234659-1baeb1ce4c0b')),
    ).toBe(-1);
    expect(sign(compareGo('v1.2.4-0.20210101000000-abcdefabcdef', 'v1.2.3'))).toBe(1);
    expect(sign(compareGo('v1.2.4-0.20210101000000-abcdefabcdef', 'v1.2.4'))).toBe(-1);
    expect(sign(compareGo('v20.10.24+incompatible', '20.10.25'))).toBe(-1);
    expect(compareGo('v20.10.24+incompatible', '20.10.24')).toBe(0);
  });

  it('orders RubyGems versions with Gem::Version rules', () => {
    expect(sign(compareRubyGems('1.0.0.pre', '1.0.0'))).toBe(-1);
    expect(compareRubyGems('1.0', '1.0.0')).toBe(0);
    expect(sign(compareRubyGems('1.13.10', '1.13.9'))).toBe(1);
    expect(sign(compareRubyGems('2.2.6.2', '2.2.6'))).toBe(1);
    expect(sign(compareRubyGems('1.0.a', '1.0.b'))).toBe(-1);
    expect(sign(compareRubyGems('6.1.7.rc1', '6.1.7'))).toBe(-1);
    expect(compareRubyGems('one', '1')).toBeNull();
  });

  it('orders Composer versions with its stability words', () => {
    expect(sign(compareComposer('1.0.0-beta1', '1.0.0-RC1'))).toBe(-1);
    expect(sign(compareComposer('1.0.0-RC1', '1.0.0'))).toBe(-1);
    expect(sign(compareComposer('1.0.0', '1.0.0-p1'))).toBe(-1);
    expect(sign(compareComposer('v2.4.5', '2.4.1'))).toBe(1);
    expect(sign(compareComposer('1.0.0-dev', '1.0.0-alpha'))).toBe(-1);
    expect(compareComposer('1.2', '1.2.0')).toBe(0);
    expect(compareComposer('dev-master', '1.0.0')).toBeNull();
  });

  it('normalises names the way each ecosystem does', () => {
    expect(normalizeName('PyPI', 'Django_Rest.Framework')).toBe('django-rest-framework');
    expect(normalizeName('Packagist', 'GuzzleHttp/Psr7')).toBe('guzzlehttp/psr7');
    expect(normalizeName('npm', 'React')).toBe('React');
  });
});
