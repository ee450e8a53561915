/**
 * @module `Pipfile.lock` (JSON, `default` and `develop` sections, versions as `==1.2.3`). It has
 * no graph: the `Pipfile` beside it says which packages are direct; without it, all are.
 */
import { err, ok } from '../result.ts';
import { attachLines, isRecord, lineOfJsonPath, linesOf, parseJson } from './graph.ts';
import type { LockNode, LockfileParser } from './lockfile-types.ts';
import { pipfileDeps } from './manifest.ts';

const normalize = (name: string): string => name.toLowerCase().replace(/[-_.]+/g, '-');

export const pipfileLockParser: LockfileParser = {
  id: 'pipfile',
  ecosystem: 'PyPI',
  fileNames: ['Pipfile.lock'],
  parse(content, context) {
    const parsed = parseJson(content);
    if (!parsed.ok)
      return err(
        parsed.line === undefined
          ? { message: parsed.message }
          : { message: parsed.message, line: parsed.line },
      );
    if (!isRecord(parsed.value)) return err({ message: 'not a Pipfile.lock object', line: 1 });
    const nodes = new Map<string, LockNode>();
    for (const section of ['default', 'develop']) {
      const entries = parsed.value[section];
      if (entries === undefined || entries === null) continue;
      if (!isRecord(entries)) {
        const line = lineOfJsonPath(content, [section]);
        const message = `"${section}" is not an object`;
        return err(line === undefined ? { message } : { message, line });
      }
      for (const [name, entry] of Object.entries(entries)) {
        // Git and path installs carry no version; there is nothing to match them on.
        if (!isRecord(entry) || typeof entry.version !== 'string') continue;
        const key = normalize(name);
        nodes.set(key, { key, name: key, version: entry.version.replace(/^===?/, ''), deps: [] });
      }
    }
    attachLines([...nodes.values()], linesOf(content, /^ {8}"([^"]+)":\s*\{/), (n) => n.name);
    const manifest = pipfileDeps(context);
    const directKeys = [...nodes.keys()].filter((key) => !manifest || manifest.has(key));
    return ok({ nodes: [...nodes.values()], directKeys });
  },
};
