/**
 * @module Lockfiles to inventory: finds the lockfiles under a folder, runs each through its
 * registered parser, and keeps going past a broken one, whose error names file and line.
 */
import { readdir, readFile, stat } from 'node:fs/promises';
import { existsSync, readFileSync, statSync } from 'node:fs';
import { basename, dirname, join, relative, sep } from 'node:path';
import { toInventory } from './lockfiles/graph.ts';
import { stripCredentials } from './lockfiles/redact.ts';
import { parserForFile } from './lockfiles/registry.ts';
import type { InventoryPackage, LockfileError } from './types.ts';

export interface LockfileSummary {
  file: string;
  parser: string;
  ecosystem: string;
  packages: number;
}

export interface Inventory {
  lockfiles: LockfileSummary[];
  packages: InventoryPackage[];
  errors: LockfileError[];
}

/** Folders that hold installed or vendored copies, not the project's own lockfiles. */
const skippedDirs = new Set([
  'node_modules',
  '.git',
  '.hg',
  '.svn',
  'vendor',
  'target',
  '.venv',
  'venv',
  '__pycache__',
  'dist',
  'build',
  '.next',
  '.yarn',
]);
const maxDepth = 12;
/** Lockfiles above this size are reported, not read: the largest real ones are a few tens of MiB. */
export const maxLockfileBytes = 128 * 1024 * 1024;

export async function findLockfiles(root: string): Promise<string[]> {
  const found: string[] = [];
  const walk = async (dir: string, depth: number): Promise<void> => {
    const entries = await readdir(dir, { withFileTypes: true }).catch(() => []);
    for (const entry of entries.sort((a, b) => a.name.localeCompare(b.name))) {
      if (entry.isDirectory() && depth < maxDepth && !skippedDirs.has(entry.name))
        await walk(join(dir, entry.name), depth + 1);
      else if (entry.isFile() && parserForFile(entry.name)) found.push(join(dir, entry.name));
    }
  };
  await walk(root, 0);
  return found;
}

/** Parses one lockfile's text; `readSibling` reads a manifest beside it (package.json, …). */
export function inventoryOf(
  file: string,
  content: string,
  readSibling: (name: string) => string | undefined,
): { packages: InventoryPackage[]; summary?: LockfileSummary; error?: LockfileError } {
  const parser = parserForFile(basename(file));
  if (!parser) return { packages: [], error: { file, message: 'no parser reads this file name' } };
  const parsed = parser.parse(content, { file, readSibling });
  if (!parsed.ok) {
    // Parsers never quote a line; this catches a fragment that still carries a URL's token.
    const error: LockfileError = { file, message: stripCredentials(parsed.error.message) };
    if (parsed.error.line !== undefined) error.line = parsed.error.line;
    return { packages: [], error };
  }
  // Several install locations of the same version (npm nesting) are one package to report.
  const seen = new Map<string, InventoryPackage>();
  for (const pkg of toInventory(parsed.value, parser.ecosystem, file)) {
    const key = `${pkg.name}@${pkg.version}`;
    const previous = seen.get(key);
    if (
      !previous ||
      (pkg.isDirect && !previous.isDirect) ||
      (pkg.isDirect === previous.isDirect && pkg.path.length < previous.path.length)
    )
      seen.set(key, pkg);
  }
  const packages = [...seen.values()];
  return {
    packages,
    summary: { file, parser: parser.id, ecosystem: parser.ecosystem, packages: packages.length },
  };
}

export async function buildInventory(root: string): Promise<Inventory> {
  const inventory: Inventory = { lockfiles: [], packages: [], errors: [] };
  for (const absolute of await findLockfiles(root)) {
    const file = relative(root, absolute).split(sep).join('/') || basename(absolute);
    const parser = parserForFile(basename(absolute))!;
    if (parser.supersededBy?.some((name) => existsSync(join(dirname(absolute), name)))) continue;
    const size = (await stat(absolute)).size;
    if (size > maxLockfileBytes) {
      inventory.errors.push({
        file,
        message: `${size} bytes is over the ${maxLockfileBytes}-byte limit for a lockfile`,
      });
      continue;
    }
    const content = await readFile(absolute, 'utf8');
    const readSibling = (name: string): string | undefined => {
      const path = join(dirname(absolute), name);
      try {
        return statSync(path).size <= maxLockfileBytes ? readFileSync(path, 'utf8') : undefined;
      } catch {
        return undefined;
      }
    };
    const result = inventoryOf(file, content, readSibling);
    if (result.error) inventory.errors.push(result.error);
    if (result.summary) inventory.lockfiles.push(result.summary);
    inventory.packages.push(...result.packages);
  }
  return inventory;
}
