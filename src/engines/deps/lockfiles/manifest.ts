/**
 * @module Reads the direct dependency names a project manifest declares, for lockfile formats
 * that do not record them themselves (npm v1, yarn v1, poetry, Pipfile, Composer).
 */
import { parse as parseToml } from 'smol-toml';
import { isRecord } from './graph.ts';
import type { ParseContext } from './lockfile-types.ts';

function keysOf(value: unknown): string[] {
  return isRecord(value) ? Object.keys(value) : [];
}

function tryJson(text: string | undefined): Record<string, unknown> | null {
  if (text === undefined) return null;
  try {
    const value: unknown = JSON.parse(text);
    return isRecord(value) ? value : null;
  } catch {
    return null;
  }
}

function tryToml(text: string | undefined): Record<string, unknown> | null {
  if (text === undefined) return null;
  try {
    return parseToml(text);
  } catch {
    return null;
  }
}

/** Direct dependency names from package.json, or null when there is no readable manifest. */
export function packageJsonDeps(context: ParseContext): Set<string> | null {
  const pkg = tryJson(context.readSibling('package.json'));
  if (!pkg) return null;
  return new Set(
    ['dependencies', 'devDependencies', 'optionalDependencies', 'peerDependencies'].flatMap((f) =>
      keysOf(pkg[f]),
    ),
  );
}

/** Direct dependency names from composer.json (`require` and `require-dev`). */
export function composerJsonDeps(context: ParseContext): Set<string> | null {
  const manifest = tryJson(context.readSibling('composer.json'));
  if (!manifest) return null;
  return new Set(
    [...keysOf(manifest.require), ...keysOf(manifest['require-dev'])].map((n) => n.toLowerCase()),
  );
}

const pep508Name = (spec: string): string =>
  (/^\s*([A-Za-z0-9][A-Za-z0-9._-]*)/.exec(spec)?.[1] ?? spec)
    .toLowerCase()
    .replace(/[-_.]+/g, '-');

/** Direct dependency names from pyproject.toml: PEP 621 `[project]` and Poetry's tables. */
export function pyprojectDeps(context: ParseContext): Set<string> | null {
  const doc = tryToml(context.readSibling('pyproject.toml'));
  if (!doc) return null;
  const names: string[] = [];
  const project = isRecord(doc.project) ? doc.project : {};
  if (Array.isArray(project.dependencies))
    names.push(...project.dependencies.filter((d) => typeof d === 'string'));
  if (isRecord(project['optional-dependencies'])) {
    for (const group of Object.values(project['optional-dependencies']))
      if (Array.isArray(group)) names.push(...group.filter((d) => typeof d === 'string'));
  }
  const poetry = isRecord(doc.tool) && isRecord(doc.tool.poetry) ? doc.tool.poetry : {};
  names.push(...keysOf(poetry.dependencies), ...keysOf(poetry['dev-dependencies']));
  if (isRecord(poetry.group))
    for (const group of Object.values(poetry.group))
      if (isRecord(group)) names.push(...keysOf(group.dependencies));
  return new Set(names.map(pep508Name).filter((n) => n !== 'python'));
}

/** Direct dependency names from a Pipfile (`[packages]` and `[dev-packages]`). */
export function pipfileDeps(context: ParseContext): Set<string> | null {
  const doc = tryToml(context.readSibling('Pipfile'));
  if (!doc) return null;
  return new Set([...keysOf(doc.packages), ...keysOf(doc['dev-packages'])].map(pep508Name));
}
