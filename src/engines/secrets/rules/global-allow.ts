/** @module Allowances applied to every default rule: lockfiles, binaries and vendored assets. */
import type { AllowSpec } from '../types.ts';

export const defaultGlobalAllow: AllowSpec[] = [
  {
    description: 'lockfiles: integrity hashes and resolved URLs, not credentials',
    paths: [
      '(?:^|/)(?:package-lock\\.json|npm-shrinkwrap\\.json|yarn\\.lock|pnpm-lock\\.yaml|bun\\.lockb|go\\.sum|Cargo\\.lock|poetry\\.lock|Pipfile\\.lock|Gemfile\\.lock|composer\\.lock|\\.terraform\\.lock\\.hcl|gradle\\.lockfile)$',
    ],
  },
  {
    description: 'binary and media files',
    paths: [
      '(?i)\\.(?:png|jpe?g|gif|bmp|ico|webp|tiff?|woff2?|ttf|otf|eot|pdf|zip|gz|tgz|bz2|xz|7z|jar|war|class|so|dylib|dll|exe|bin|mp[34]|mov|avi|wasm|pyc)$',
    ],
  },
  { description: 'git internals', paths: ['(?:^|/)\\.git/'] },
  {
    description: 'well-known documentation examples',
    regexes: [
      'SflKxwRJSMeKKF2QT4fwpMeJf36POk6yJV_adQssw5c',
      '^AKIAIOSFODNN7EXAMPLE$',
      '^wJalrXUtnFEMI/K7MDENG/bPxRfiCYEXAMPLEKEY$',
    ],
  },
];
