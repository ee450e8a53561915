/** @module Dependency manifests and the lockfiles that pin them, per ecosystem. */
export interface Ecosystem {
  name: string;
  manifest: RegExp;
  lockfiles: readonly string[];
}

export const ECOSYSTEMS: readonly Ecosystem[] = [
  {
    name: 'npm',
    manifest: /(^|\/)package\.json$/,
    lockfiles: [
      'package-lock.json',
      'npm-shrinkwrap.json',
      'yarn.lock',
      'pnpm-lock.yaml',
      'bun.lockb',
      'bun.lock',
    ],
  },
  {
    name: 'Python',
    manifest: /(^|\/)(pyproject\.toml|Pipfile|requirements\.in)$/,
    lockfiles: ['poetry.lock', 'uv.lock', 'Pipfile.lock', 'pdm.lock', 'requirements.txt'],
  },
  { name: 'Ruby', manifest: /(^|\/)Gemfile$/, lockfiles: ['Gemfile.lock'] },
  { name: 'Rust', manifest: /(^|\/)Cargo\.toml$/, lockfiles: ['Cargo.lock'] },
  { name: 'Go', manifest: /(^|\/)go\.mod$/, lockfiles: ['go.sum'] },
  { name: 'PHP', manifest: /(^|\/)composer\.json$/, lockfiles: ['composer.lock'] },
  { name: 'Dart', manifest: /(^|\/)pubspec\.yaml$/, lockfiles: ['pubspec.lock'] },
  { name: 'Elixir', manifest: /(^|\/)mix\.exs$/, lockfiles: ['mix.lock'] },
];

const IGNORED =
  /(^|\/)(node_modules|vendor|third_party|\.venv|venv|fixtures?|examples?|testdata)\//;

/** Manifests of the project's own code (not vendored copies or test fixtures). */
export function findManifests(paths: Iterable<string>): { path: string; ecosystem: Ecosystem }[] {
  const out: { path: string; ecosystem: Ecosystem }[] = [];
  for (const path of paths) {
    if (IGNORED.test(path)) continue;
    const ecosystem = ECOSYSTEMS.find((candidate) => candidate.manifest.test(path));
    if (ecosystem) out.push({ path, ecosystem });
  }
  return out.sort((a, b) => a.path.localeCompare(b.path));
}

/** The lockfile for a manifest in its folder or any parent folder (workspaces lock at the top). */
export function lockfileFor(
  manifest: string,
  ecosystem: Ecosystem,
  paths: ReadonlySet<string>,
): string | null {
  const parts = manifest.split('/').slice(0, -1);
  for (let depth = parts.length; depth >= 0; depth--) {
    const folder = parts.slice(0, depth).join('/');
    for (const lockfile of ecosystem.lockfiles) {
      const candidate = folder ? `${folder}/${lockfile}` : lockfile;
      if (paths.has(candidate)) return candidate;
    }
  }
  return null;
}
