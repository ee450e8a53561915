/** @module Test helpers: run one inline lockfile through its parser, look packages up by name. */
import { inventoryOf } from '../inventory.ts';
import type { InventoryPackage, LockfileError } from '../types.ts';

export function parseFixture(
  file: string,
  content: string,
  siblings: Record<string, string> = {},
): { packages: InventoryPackage[]; error?: LockfileError } {
  const result = inventoryOf(file, content, (name) => siblings[name]);
  return result.error
    ? { packages: result.packages, error: result.error }
    : { packages: result.packages };
}

export function byName(
  packages: InventoryPackage[],
  name: string,
  version?: string,
): InventoryPackage {
  const found = packages.find(
    (p) => p.name === name && (version === undefined || p.version === version),
  );
  if (!found)
    throw new Error(
      `no ${name}${version ? `@${version}` : ''} in ${packages.map((p) => `${p.name}@${p.version}`).join(', ')}`,
    );
  return found;
}

/** Strips the common leading indentation of a template literal, so fixtures can be indented. */
export function dedent(text: string): string {
  const lines = text.replace(/^\n/, '').split('\n');
  const indent = Math.min(
    ...lines.filter((l) => l.trim() !== '').map((l) => l.length - l.trimStart().length),
  );
  return lines.map((l) => l.slice(indent)).join('\n');
}
