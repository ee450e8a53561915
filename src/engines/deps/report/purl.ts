/** @module Package URLs (purl) for inventory rows, as CycloneDX and SARIF consumers expect. */
import type { Ecosystem } from '../types.ts';

const purlTypes: Record<Ecosystem, string> = {
  npm: 'npm',
  PyPI: 'pypi',
  Go: 'golang',
  'crates.io': 'cargo',
  RubyGems: 'gem',
  Packagist: 'composer',
};

export function purlOf(ecosystem: Ecosystem, name: string, version: string): string {
  // Each path segment is percent-encoded; '/' separates namespace and name and stays literal.
  const path = name.split('/').map(encodeURIComponent).join('/');
  return `pkg:${purlTypes[ecosystem]}/${path}@${encodeURIComponent(version)}`;
}
