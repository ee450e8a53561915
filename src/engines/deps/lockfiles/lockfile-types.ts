/**
 * @module The contract every lockfile parser fulfils: text in, a package graph out (or an error
 * naming the line). `graph.ts` turns the graph into an inventory with direct flags and paths.
 */
import type { Result } from '../result.ts';
import type { Ecosystem } from '../types.ts';

/** One package node; `deps` holds the keys of the nodes it pulls in. */
export interface LockNode {
  key: string;
  name: string;
  version: string;
  deps: string[];
  line?: number;
}

export interface LockGraph {
  nodes: LockNode[];
  /** Keys of the nodes the project itself declares. */
  directKeys: string[];
  /**
   * Set when the format does not say which packages are direct; the inventory then treats the
   * nodes nothing else depends on as direct.
   */
  isDirectInferred?: boolean;
}

export interface ParseFailure {
  message: string;
  line?: number;
}

export interface ParseContext {
  /** Path of the lockfile relative to the scanned folder. */
  file: string;
  /** Reads a file beside the lockfile (package.json, pyproject.toml, …), if it exists. */
  readSibling(name: string): string | undefined;
}

export interface LockfileParser {
  id: string;
  ecosystem: Ecosystem;
  /** Exact base names this parser reads. */
  fileNames: string[];
  /** Base names that, when present in the same folder, make this parser step aside. */
  supersededBy?: string[];
  parse(content: string, context: ParseContext): Result<LockGraph, ParseFailure>;
}
