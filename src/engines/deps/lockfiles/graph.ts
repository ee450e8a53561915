/**
 * @module From a parsed lockfile graph to inventory rows: a breadth-first walk from the direct
 * dependencies gives each package the shortest path that pulls it in.
 */
import type { Ecosystem, InventoryPackage } from '../types.ts';
import type { LockGraph, LockNode } from './lockfile-types.ts';
import { jsonErrorWithoutExcerpt } from './redact.ts';

export function toInventory(
  graph: LockGraph,
  ecosystem: Ecosystem,
  lockfile: string,
): InventoryPackage[] {
  const byKey = new Map(graph.nodes.map((node) => [node.key, node]));
  let directKeys = graph.directKeys.filter((key) => byKey.has(key));
  if (graph.isDirectInferred) {
    const depended = new Set(graph.nodes.flatMap((node) => node.deps));
    directKeys = graph.nodes.filter((node) => !depended.has(node.key)).map((node) => node.key);
  }
  const direct = new Set(directKeys);
  const parent = new Map<string, string | null>();
  const queue: string[] = [];
  for (const key of directKeys) {
    if (!parent.has(key)) {
      parent.set(key, null);
      queue.push(key);
    }
  }
  for (let head = 0; head < queue.length; head++) {
    const key = queue[head]!;
    for (const dep of byKey.get(key)?.deps ?? []) {
      if (byKey.has(dep) && !parent.has(dep)) {
        parent.set(dep, key);
        queue.push(dep);
      }
    }
  }
  const label = (key: string): string => {
    const node = byKey.get(key)!;
    return `${node.name}@${node.version}`;
  };
  return graph.nodes.map((node) => {
    const path: string[] = [];
    // Nodes no direct dependency reaches (cycles only, or a partial lockfile) get a path of one.
    for (
      let key: string | null | undefined = node.key;
      key != null && path.length < 1000;
      key = parent.get(key)
    ) {
      path.unshift(label(key));
      if (!parent.has(key)) break;
    }
    const row: InventoryPackage = {
      ecosystem,
      name: node.name,
      version: node.version,
      isDirect: direct.has(node.key),
      path,
      lockfile,
    };
    if (node.line !== undefined) row.line = node.line;
    return row;
  });
}

/** 1-based line of a character offset, for parsers that report positions. */
export function lineAt(text: string, offset: number): number {
  let line = 1;
  for (let i = 0; i < offset && i < text.length; i++) if (text.charCodeAt(i) === 10) line++;
  return line;
}

/** Parses JSON, turning V8's "at position N" into a line number. */
export function parseJson(
  text: string,
): { ok: true; value: unknown } | { ok: false; message: string; line?: number } {
  try {
    return { ok: true, value: JSON.parse(text) as unknown };
  } catch (error) {
    const message = jsonErrorWithoutExcerpt(error instanceof Error ? error.message : String(error));
    const position = /position (\d+)/.exec(message);
    const lineMatch = /line (\d+)/.exec(message);
    const line = position
      ? lineAt(text, Number(position[1]))
      : lineMatch
        ? Number(lineMatch[1])
        : undefined;
    return line === undefined
      ? { ok: false, message: `invalid JSON: ${message}` }
      : { ok: false, message: `invalid JSON: ${message}`, line };
  }
}

export const isRecord = (v: unknown): v is Record<string, unknown> =>
  typeof v === 'object' && v !== null && !Array.isArray(v);

/**
 * Maps the first capture of `pattern` on each line to that 1-based line number (first one wins),
 * so structured formats (JSON, TOML, YAML) can still point findings at a line.
 */
export function linesOf(text: string, pattern: RegExp): Map<string, number> {
  const lines = new Map<string, number>();
  let line = 0;
  for (const raw of text.split('\n')) {
    line++;
    const match = pattern.exec(raw);
    if (match?.[1] !== undefined && !lines.has(match[1])) lines.set(match[1], line);
  }
  return lines;
}

/** Sets `line` on nodes whose key (or `keyOf(node)`) was found by `linesOf`. */
export function attachLines(
  nodes: LockNode[],
  lines: Map<string, number>,
  keyOf: (node: LockNode) => string = (n) => n.key,
): void {
  for (const node of nodes) {
    const line = lines.get(keyOf(node));
    if (line !== undefined) node.line = line;
  }
}

/**
 * 1-based line where the value at `path` (object keys and array indexes) starts in a JSON text,
 * so a structural error (`packages[1] needs "name"`) names its line like a syntax error does.
 * A small scanner that only skips over values; undefined when the path is not there.
 */
export function lineOfJsonPath(
  text: string,
  path: ReadonlyArray<string | number>,
): number | undefined {
  let i = 0;
  const space = (): void => {
    while (i < text.length && ' \t\r\n'.includes(text[i]!)) i++;
  };
  const string = (): string => {
    const start = i++;
    while (i < text.length && text[i] !== '"') i += text[i] === '\\' ? 2 : 1;
    i++;
    try {
      return JSON.parse(text.slice(start, i)) as string;
    } catch {
      return '';
    }
  };
  const skip = (): void => {
    space();
    if (text[i] === '"') return void string();
    if (text[i] === '{' || text[i] === '[') {
      let depth = 0;
      while (i < text.length) {
        const c = text[i]!;
        if (c === '"') {
          string();
          continue;
        }
        if (c === '{' || c === '[') depth++;
        else if (c === '}' || c === ']') depth--;
        i++;
        if (depth === 0) return;
      }
      return;
    }
    while (i < text.length && !',}] \t\r\n'.includes(text[i]!)) i++;
  };
  /** Past a value: true when a comma follows (another member), false at the container's end. */
  const next = (): boolean => {
    skip();
    space();
    if (text[i] !== ',') return false;
    i++;
    return true;
  };
  for (const step of path) {
    space();
    if (typeof step === 'number') {
      if (text[i] !== '[') return undefined;
      i++;
      for (let n = 0; n < step; n++) if (!next()) return undefined;
      space();
      if (text[i] === ']') return undefined;
    } else {
      if (text[i] !== '{') return undefined;
      i++;
      for (;;) {
        space();
        if (text[i] !== '"') return undefined;
        const key = string();
        space();
        if (text[i] !== ':') return undefined;
        i++;
        if (key === step) break;
        if (!next()) return undefined;
      }
    }
  }
  space();
  return i < text.length ? lineAt(text, i) : undefined;
}

/** 1-based line of the `n`th (1-based) line matching `pattern`: a TOML `[[package]]` header. */
export function nthLineMatching(text: string, pattern: RegExp, n: number): number | undefined {
  let seen = 0;
  const lines = text.split('\n');
  for (let i = 0; i < lines.length; i++) if (pattern.test(lines[i]!) && ++seen === n) return i + 1;
  return undefined;
}

/** 1-based line of a YAML mapping key written `key:` or `"key":`, for yarn Berry and pnpm. */
export function lineOfYamlKey(text: string, key: string): number | undefined {
  const lines = text.split('\n');
  for (let i = 0; i < lines.length; i++) {
    const trimmed = lines[i]!.trim();
    if (trimmed === `${key}:` || trimmed === `${JSON.stringify(key)}:` || trimmed === `'${key}':`)
      return i + 1;
  }
  return undefined;
}
