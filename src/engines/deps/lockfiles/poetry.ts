/**
 * @module `poetry.lock` (TOML `[[package]]` tables with their `[package.dependencies]`); the
 * direct dependencies come from the `pyproject.toml` beside it when there is one.
 */
import { parse as parseToml, TomlError } from 'smol-toml';
import { err, ok } from '../result.ts';
import { attachLines, isRecord, linesOf, nthLineMatching } from './graph.ts';
import type { LockNode, LockfileParser } from './lockfile-types.ts';
import { pyprojectDeps } from './manifest.ts';

const normalize = (name: string): string => name.toLowerCase().replace(/[-_.]+/g, '-');

const packageHeader = /^\s*\[\[package\]\]\s*(#.*)?$/;

export const poetryLockParser: LockfileParser = {
  id: 'poetry',
  ecosystem: 'PyPI',
  fileNames: ['poetry.lock'],
  parse(content, context) {
    let doc: Record<string, unknown>;
    try {
      doc = parseToml(content);
    } catch (error) {
      const message = `invalid TOML: ${error instanceof Error ? error.message.split('\n')[0] : String(error)}`;
      return err(error instanceof TomlError ? { message, line: error.line } : { message });
    }
    const packages = Array.isArray(doc.package) ? doc.package : [];
    const nodes: LockNode[] = [];
    for (const [index, entry] of packages.entries()) {
      if (!isRecord(entry) || typeof entry.name !== 'string' || typeof entry.version !== 'string') {
        const line = nthLineMatching(content, packageHeader, index + 1);
        const message = `[[package]] number ${index + 1} needs "name" and "version"`;
        return err(line === undefined ? { message } : { message, line });
      }
      const deps = isRecord(entry.dependencies)
        ? Object.keys(entry.dependencies).map(normalize)
        : [];
      nodes.push({
        key: normalize(entry.name),
        name: normalize(entry.name),
        version: entry.version,
        deps,
      });
    }
    attachLines(nodes, linesOf(content, /^name = "([^"]+)"/), (n) => n.name);
    const manifest = pyprojectDeps(context);
    if (!manifest) return ok({ nodes, directKeys: [], isDirectInferred: true });
    return ok({ nodes, directKeys: nodes.filter((n) => manifest.has(n.key)).map((n) => n.key) });
  },
};
