/**
 * @module `composer.lock` (JSON, `packages` and `packages-dev`, each with its `require` map);
 * direct dependencies come from the `composer.json` beside it when there is one.
 */
import { err, ok } from '../result.ts';
import { attachLines, isRecord, lineOfJsonPath, linesOf, parseJson } from './graph.ts';
import type { LockNode, LockfileParser } from './lockfile-types.ts';
import { composerJsonDeps } from './manifest.ts';

export const composerLockParser: LockfileParser = {
  id: 'composer',
  ecosystem: 'Packagist',
  fileNames: ['composer.lock'],
  parse(content, context) {
    const parsed = parseJson(content);
    if (!parsed.ok)
      return err(
        parsed.line === undefined
          ? { message: parsed.message }
          : { message: parsed.message, line: parsed.line },
      );
    if (!isRecord(parsed.value)) return err({ message: 'not a composer.lock object', line: 1 });
    const nodes: LockNode[] = [];
    for (const section of ['packages', 'packages-dev']) {
      const list = parsed.value[section];
      if (list === undefined || list === null) continue;
      const lineOf = (...path: Array<string | number>) => {
        const line = lineOfJsonPath(content, [section, ...path]);
        return line === undefined ? {} : { line };
      };
      if (!Array.isArray(list)) return err({ message: `"${section}" is not a list`, ...lineOf() });
      for (const [index, entry] of list.entries()) {
        if (
          !isRecord(entry) ||
          typeof entry.name !== 'string' ||
          typeof entry.version !== 'string'
        ) {
          return err({
            message: `${section}[${index}] needs "name" and "version"`,
            ...lineOf(index),
          });
        }
        const name = entry.name.toLowerCase();
        // Platform requirements (php, ext-*, lib-*) are not packages.
        const deps = isRecord(entry.require)
          ? Object.keys(entry.require)
              .map((d) => d.toLowerCase())
              .filter((d) => d.includes('/'))
          : [];
        nodes.push({ key: name, name, version: entry.version.replace(/^v(?=\d)/, ''), deps });
      }
    }
    attachLines(nodes, linesOf(content.toLowerCase(), /^\s*"name":\s*"([^"]+)"/));
    const manifest = composerJsonDeps(context);
    if (!manifest) return ok({ nodes, directKeys: [], isDirectInferred: true });
    return ok({ nodes, directKeys: nodes.filter((n) => manifest.has(n.key)).map((n) => n.key) });
  },
};
