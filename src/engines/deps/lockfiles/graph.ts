/**
 * @module From a parsed lockfile graph to inventory rows: a breadth-first walk from the direct
 * dependencies gives each package the shortest path that pulls it in.
 */
import type { Ecosystem, InventoryPackage } from '../types.ts';
import type { LockGraph, LockNode } from './lockfile-types.ts';

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
    const message = error instanceof Error ? error.message : String(error);
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
