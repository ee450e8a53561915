/**
 * @module npm `package-lock.json` (lockfileVersion 1, 2 and 3) and `npm-shrinkwrap.json`.
 * v2/v3 list every install location under `packages`; a dependency resolves the way Node's
 * module lookup does, from the nearest `node_modules` up. v1 nests `dependencies` instead.
 */
import { err, ok, type Result } from '../result.ts';
import { attachLines, isRecord, lineOfJsonPath, linesOf, parseJson } from './graph.ts';
import type {
  LockGraph,
  LockNode,
  LockfileParser,
  ParseContext,
  ParseFailure,
} from './lockfile-types.ts';
import { packageJsonDeps } from './manifest.ts';

const depFields = [
  'dependencies',
  'devDependencies',
  'optionalDependencies',
  'peerDependencies',
] as const;

function depNames(entry: Record<string, unknown>): string[] {
  return depFields.flatMap((field) => (isRecord(entry[field]) ? Object.keys(entry[field]) : []));
}

function nameFromPath(path: string): string {
  const at = path.lastIndexOf('node_modules/');
  return at === -1 ? path : path.slice(at + 'node_modules/'.length);
}

/** Node's lookup: `<from>/node_modules/<name>`, then each ancestor's, then the top level. */
function resolve(
  packages: Record<string, unknown>,
  from: string,
  name: string,
): string | undefined {
  let base = from;
  for (;;) {
    const candidate = base === '' ? `node_modules/${name}` : `${base}/node_modules/${name}`;
    if (candidate in packages) return candidate;
    if (base === '') return undefined;
    const cut = base.lastIndexOf('/node_modules/');
    base = cut === -1 ? '' : base.slice(0, cut);
  }
}

/** A failure at a JSON path, with the line where that value starts when it can be found. */
function failAt(content: string, path: string[], message: string): ParseFailure {
  const line = lineOfJsonPath(content, path);
  return line === undefined ? { message } : { message, line };
}

function parseV2(
  packages: Record<string, unknown>,
  content: string,
): Result<LockGraph, ParseFailure> {
  const nodes: LockNode[] = [];
  const directKeys: string[] = [];
  const follow = (key: string): string => {
    const entry = packages[key];
    // Workspace packages appear as links to their folder.
    return isRecord(entry) && entry.link === true && typeof entry.resolved === 'string'
      ? entry.resolved
      : key;
  };
  for (const [key, entry] of Object.entries(packages)) {
    if (!isRecord(entry))
      return err(failAt(content, ['packages', key], `packages["${key}"] is not an object`));
    const isProject = key === '' || !key.includes('node_modules/');
    if (isProject) {
      for (const name of depNames(entry)) {
        const target = resolve(packages, key, name);
        if (target) directKeys.push(follow(target));
      }
      continue;
    }
    if (entry.link === true) continue;
    if (typeof entry.version !== 'string')
      return err(failAt(content, ['packages', key], `packages["${key}"] has no "version"`));
    const deps = depNames(entry).flatMap((name) => {
      const target = resolve(packages, key, name);
      return target ? [follow(target)] : [];
    });
    nodes.push({
      key,
      name: typeof entry.name === 'string' ? entry.name : nameFromPath(key),
      version: entry.version,
      deps,
    });
  }
  return ok({ nodes, directKeys });
}

function parseV1(
  dependencies: Record<string, unknown>,
  context: ParseContext,
  content: string,
): Result<LockGraph, ParseFailure> {
  const found: Array<{ node: LockNode; chain: string[]; requires: string[] }> = [];
  const walk = (deps: Record<string, unknown>, scope: string[]): ParseFailure | null => {
    for (const [name, entry] of Object.entries(deps)) {
      if (!isRecord(entry) || typeof entry.version !== 'string')
        return failAt(
          content,
          [...scope, name].flatMap((n) => ['dependencies', n]),
          `dependency "${name}" has no "version"`,
        );
      const chain = [...scope, name];
      // Aliases (`npm:other@1.0.0`) keep their real version after the last '@'.
      const version = entry.version.startsWith('npm:')
        ? entry.version.slice(entry.version.lastIndexOf('@') + 1)
        : entry.version;
      const requires = isRecord(entry.requires) ? Object.keys(entry.requires) : [];
      found.push({
        node: { key: chain.join('/node_modules/'), name, version, deps: [] },
        chain,
        requires,
      });
      const failure = isRecord(entry.dependencies) ? walk(entry.dependencies, chain) : null;
      if (failure) return failure;
    }
    return null;
  };
  const failure = walk(dependencies, []);
  if (failure) return err(failure);
  const keys = new Set(found.map((f) => f.node.key));
  for (const { node, chain, requires } of found) {
    for (const dep of requires) {
      for (let depth = chain.length; depth >= 0; depth--) {
        const candidate = [...chain.slice(0, depth), dep].join('/node_modules/');
        if (keys.has(candidate)) {
          node.deps.push(candidate);
          break;
        }
      }
    }
  }
  const nodes = found.map((f) => f.node);
  // v1 has no root entry: direct dependencies come from package.json, else from the top-level
  // entries nothing requires.
  const manifest = packageJsonDeps(context);
  if (!manifest) return ok({ nodes, directKeys: [], isDirectInferred: true });
  return ok({
    nodes,
    directKeys: found
      .filter((f) => f.chain.length === 1 && manifest.has(f.node.name))
      .map((f) => f.node.key),
  });
}

export const npmLockParser: LockfileParser = {
  id: 'npm',
  ecosystem: 'npm',
  fileNames: ['package-lock.json', 'npm-shrinkwrap.json'],
  parse(content, context) {
    const parsed = parseJson(content);
    if (!parsed.ok)
      return err(
        parsed.line === undefined
          ? { message: parsed.message }
          : { message: parsed.message, line: parsed.line },
      );
    const lock = parsed.value;
    if (!isRecord(lock)) return err({ message: 'not a package-lock object', line: 1 });
    if (isRecord(lock.packages)) {
      const graph = parseV2(lock.packages, content);
      if (graph.ok)
        attachLines(graph.value.nodes, linesOf(content, /^\s*"(node_modules\/[^"]+)":\s*\{/));
      return graph;
    }
    if (isRecord(lock.dependencies)) return parseV1(lock.dependencies, context, content);
    if (lock.lockfileVersion !== undefined) return ok({ nodes: [], directKeys: [] });
    return err({
      message: 'neither "packages" nor "dependencies" found; is this a package-lock.json?',
      line: 1,
    });
  },
};
