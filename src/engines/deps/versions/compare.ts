/**
 * @module One version comparator per ecosystem, with each ecosystem's own rules. Every
 * comparator returns null when a version is not valid for its ecosystem, so a range over an
 * unparseable version is reported as unknown rather than guessed.
 */
import semver from 'semver';
import { compare as comparePep440, valid as validPep440 } from '@renovatebot/pep440';
import type { Ecosystem } from '../types.ts';
import { compareComposer } from './composer.ts';
import { compareRubyGems } from './rubygems.ts';

export type Comparator = (a: string, b: string) => number | null;

const semverCache = new Map<string, semver.SemVer | null>();

function parseSemver(version: string): semver.SemVer | null {
  let parsed = semverCache.get(version);
  if (parsed === undefined) {
    parsed = semver.parse(version, { loose: true });
    // A bounded cache: scanning compares the same handful of versions many times.
    if (semverCache.size > 200_000) semverCache.clear();
    semverCache.set(version, parsed);
  }
  return parsed;
}

const plain = /^(\d{1,9})\.(\d{1,9})\.(\d{1,9})$/;

export const compareSemver: Comparator = (a, b) => {
  // Most versions are a plain x.y.z: compare those without building SemVer objects.
  const x = plain.exec(a);
  const y = x && plain.exec(b);
  if (x && y) {
    for (let i = 1; i <= 3; i++) {
      const diff = Number(x[i]) - Number(y[i]);
      if (diff !== 0) return diff < 0 ? -1 : 1;
    }
    return 0;
  }
  const left = parseSemver(a);
  const right = parseSemver(b);
  return left && right ? left.compare(right) : null;
};

/**
 * Go module versions are semver with a `v` prefix. Pseudo-versions
 * (`v0.0.0-20210101000000-abcdef123456`) are pre-releases and `+incompatible` is build
 * metadata, so plain semver precedence orders both the way the go command does. OSV writes Go
 * versions without the `v`.
 */
export const compareGo: Comparator = (a, b) =>
  compareSemver(a.replace(/^v/, ''), b.replace(/^v/, ''));

export const comparePypi: Comparator = (a, b) =>
  validPep440(a) && validPep440(b) ? comparePep440(a, b) : null;

export const comparators: Record<Ecosystem, Comparator> = {
  npm: compareSemver,
  'crates.io': compareSemver,
  Go: compareGo,
  PyPI: comparePypi,
  RubyGems: compareRubyGems,
  Packagist: compareComposer,
};

/** Names as each ecosystem compares them: PyPI per PEP 503, Packagist case-insensitively. */
export function normalizeName(ecosystem: Ecosystem, name: string): string {
  if (ecosystem === 'PyPI') return name.toLowerCase().replace(/[-_.]+/g, '-');
  if (ecosystem === 'Packagist') return name.toLowerCase();
  return name;
}
