/**
 * @module `Cargo.lock` (v1–v4): `[[package]]` tables; packages without a `source` are the
 * workspace's own crates, whose dependencies are the direct ones. A dependency is written
 * `name`, `name version` or `name version (source)` when several versions coexist.
 */
import { parse as parseToml, TomlError } from 'smol-toml';
import { err, ok } from '../result.ts';
import { attachLines, isRecord, linesOf, nthLineMatching } from './graph.ts';
import type { LockNode, LockfileParser } from './lockfile-types.ts';

const packageHeader = /^\s*\[\[package\]\]\s*(#.*)?$/;

export const cargoLockParser: LockfileParser = {
  id: 'cargo',
  ecosystem: 'crates.io',
  fileNames: ['Cargo.lock'],
  parse(content) {
    let doc: Record<string, unknown>;
    try {
      doc = parseToml(content);
    } catch (error) {
      const message = `invalid TOML: ${error instanceof Error ? error.message.split('\n')[0] : String(error)}`;
      return err(error instanceof TomlError ? { message, line: error.line } : { message });
    }
    const packages = Array.isArray(doc.package) ? doc.package : [];
    const all: Array<{ node: LockNode; isLocal: boolean; refs: string[] }> = [];
    for (const [index, entry] of packages.entries()) {
      if (!isRecord(entry) || typeof entry.name !== 'string' || typeof entry.version !== 'string') {
        const line = nthLineMatching(content, packageHeader, index + 1);
        const message = `[[package]] number ${index + 1} needs "name" and "version"`;
        return err(line === undefined ? { message } : { message, line });
      }
      const refs = Array.isArray(entry.dependencies)
        ? entry.dependencies.filter((d): d is string => typeof d === 'string')
        : [];
      all.push({
        node: {
          key: `${entry.name} ${entry.version}`,
          name: entry.name,
          version: entry.version,
          deps: [],
        },
        isLocal: entry.source === undefined,
        refs,
      });
    }
    const byName = new Map<string, LockNode[]>();
    for (const { node } of all) byName.set(node.name, [...(byName.get(node.name) ?? []), node]);
    const resolveRef = (ref: string): string | undefined => {
      const [name, version] = ref.split(' ');
      const candidates = byName.get(name!) ?? [];
      return (version ? candidates.find((c) => c.version === version) : candidates[0])?.key;
    };
    const directKeys: string[] = [];
    for (const { node, isLocal, refs } of all) {
      node.deps = refs.flatMap((ref) => resolveRef(ref) ?? []);
      if (isLocal) directKeys.push(...node.deps);
    }
    // The workspace's own crates are not published packages: leave them out of the inventory.
    const nodes = all.filter((p) => !p.isLocal).map((p) => p.node);
    attachLines(nodes, linesOf(content, /^name = "([^"]+)"/), (n) => n.name);
    return ok({ nodes, directKeys });
  },
};
