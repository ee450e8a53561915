/**
 * @module `yarn.lock`: the v1 format (its own indented syntax, parsed line by line so errors
 * name the line) and Berry (v2+, YAML with `__metadata`), where workspace entries are the roots.
 */
import { parse as parseYaml, YAMLParseError } from 'yaml';
import { err, ok, type Result } from '../result.ts';
import { isRecord, lineOfYamlKey } from './graph.ts';
import type {
  LockGraph,
  LockNode,
  LockfileParser,
  ParseContext,
  ParseFailure,
} from './lockfile-types.ts';
import { packageJsonDeps } from './manifest.ts';
import { stripCredentials } from './redact.ts';

const lineOr = (line: number | undefined) => (line === undefined ? {} : { line });
const unquote = (s: string): string => s.trim().replace(/^"(.*)"$/, '$1');
const nameOf = (descriptor: string): string => descriptor.slice(0, descriptor.indexOf('@', 1));

function parseV1(content: string, context: ParseContext): Result<LockGraph, ParseFailure> {
  const nodes: LockNode[] = [];
  const byDescriptor = new Map<string, LockNode>();
  const pendingDeps = new Map<LockNode, string[]>();
  let current: LockNode | null = null;
  let section = '';
  const lines = content.split(/\r?\n/);
  for (let i = 0; i < lines.length; i++) {
    const raw = lines[i]!;
    if (raw.trim() === '' || raw.trimStart().startsWith('#')) continue;
    const indent = raw.length - raw.trimStart().length;
    const text = raw.trim();
    if (indent === 0) {
      if (!text.endsWith(':'))
        return err({
          message: 'expected an entry header "<package>@<range>:" at the start of the line',
          line: i + 1,
        });
      const descriptors = text.slice(0, -1).split(/,\s*/).map(unquote);
      const name = nameOf(descriptors[0]!);
      if (!name)
        return err({
          message: 'cannot read a package name from the entry header: expected "<package>@<range>"',
          line: i + 1,
        });
      current = { key: descriptors[0]!, name, version: '', deps: [], line: i + 1 };
      nodes.push(current);
      pendingDeps.set(current, []);
      for (const d of descriptors) byDescriptor.set(d, current);
      section = '';
    } else if (!current) {
      return err({ message: 'indented line outside a package entry', line: i + 1 });
    } else if (indent === 2) {
      section = text.endsWith(':') ? text.slice(0, -1) : '';
      const match = /^("?[^\s"]+"?)\s+(.+)$/.exec(text);
      if (!section && !match)
        return err({
          message: 'cannot read this field: expected "<field> <value>" or "<section>:"',
          line: i + 1,
        });
      if (match && unquote(match[1]!) === 'version') current.version = unquote(match[2]!);
    } else if (section === 'dependencies' || section === 'optionalDependencies') {
      const match = /^("[^"]+"|\S+)\s+(.+)$/.exec(text);
      if (!match)
        return err({
          message: 'cannot read this dependency: expected "<package> <range>"',
          line: i + 1,
        });
      pendingDeps.get(current)!.push(`${unquote(match[1]!)}@${unquote(match[2]!)}`);
    }
  }
  for (const node of nodes) {
    if (!node.version)
      return err({ message: `"${stripCredentials(node.key)}" has no version`, line: node.line });
    node.deps = pendingDeps.get(node)!.flatMap((d) => byDescriptor.get(d)?.key ?? []);
  }
  const manifest = packageJsonDeps(context);
  if (!manifest) return ok({ nodes, directKeys: [], isDirectInferred: true });
  return ok({ nodes, directKeys: nodes.filter((n) => manifest.has(n.name)).map((n) => n.key) });
}

function parseBerry(content: string): Result<LockGraph, ParseFailure> {
  let doc: unknown;
  try {
    doc = parseYaml(content, { maxAliasCount: 100 });
  } catch (error) {
    const line = error instanceof YAMLParseError ? error.linePos?.[0].line : undefined;
    const message = `invalid YAML: ${error instanceof Error ? error.message.split('\n')[0] : String(error)}`;
    return err(line === undefined ? { message } : { message, line });
  }
  if (!isRecord(doc)) return err({ message: 'not a yarn lockfile', line: 1 });
  const nodes: LockNode[] = [];
  const byDescriptor = new Map<string, LockNode>();
  const roots: Array<Record<string, unknown>> = [];
  for (const [descriptorList, entry] of Object.entries(doc)) {
    if (descriptorList === '__metadata' || !isRecord(entry)) continue;
    const resolution =
      typeof entry.resolution === 'string'
        ? entry.resolution
        : descriptorList.split(',')[0]!.trim();
    if (resolution.includes('@workspace:')) {
      roots.push(entry);
      continue;
    }
    if (typeof entry.version !== 'string' && typeof entry.version !== 'number')
      return err({
        message: `"${stripCredentials(descriptorList)}" has no version`,
        ...lineOr(lineOfYamlKey(content, descriptorList)),
      });
    const node: LockNode = {
      key: resolution,
      name: nameOf(resolution),
      version: String(entry.version),
      deps: [],
    };
    nodes.push(node);
    for (const d of descriptorList.split(/,\s*/)) byDescriptor.set(d.trim(), node);
  }
  const lookup = (deps: unknown): string[] =>
    isRecord(deps)
      ? Object.entries(deps).flatMap(([name, range]) => {
          const target =
            byDescriptor.get(`${name}@${String(range)}`) ??
            byDescriptor.get(`${name}@npm:${String(range)}`);
          return target ? [target.key] : [];
        })
      : [];
  const entries = new Map(Object.entries(doc));
  for (const [descriptorList, entry] of entries) {
    if (descriptorList === '__metadata' || !isRecord(entry)) continue;
    const node = byDescriptor.get(descriptorList.split(',')[0]!.trim());
    if (node) node.deps = [...lookup(entry.dependencies), ...lookup(entry.optionalDependencies)];
  }
  const directKeys = roots.flatMap((root) => [
    ...lookup(root.dependencies),
    ...lookup(root.devDependencies),
  ]);
  return ok({ nodes, directKeys });
}

export const yarnLockParser: LockfileParser = {
  id: 'yarn',
  ecosystem: 'npm',
  fileNames: ['yarn.lock'],
  parse(content, context) {
    return /^__metadata:/m.test(content) ? parseBerry(content) : parseV1(content, context);
  },
};
