/**
 * @module `Gemfile.lock`: specs at four spaces under `GEM`/`GIT`/`PATH`, their dependencies at
 * six, and the `DEPENDENCIES` section naming the direct gems. Platform suffixes
 * (`1.13.10-x86_64-linux`) are not part of the version.
 */
import { err, ok } from '../result.ts';
import type { LockNode, LockfileParser } from './lockfile-types.ts';

const platformSuffix = /-(x86|x64|arm|aarch|universal|java|mingw|mswin|darwin|linux|musl)[\w.-]*$/;

export const gemfileLockParser: LockfileParser = {
  id: 'gemfile',
  ecosystem: 'RubyGems',
  fileNames: ['Gemfile.lock', 'gems.locked'],
  parse(content) {
    const nodes = new Map<string, LockNode>();
    const pending: Array<[LockNode, string]> = [];
    const direct: string[] = [];
    let section = '';
    let spec: LockNode | null = null;
    const lines = content.split(/\r?\n/);
    for (let i = 0; i < lines.length; i++) {
      const raw = lines[i]!;
      if (raw.trim() === '') continue;
      const indent = raw.length - raw.trimStart().length;
      const text = raw.trim();
      if (indent === 0) {
        if (!/^[A-Z][A-Z ]*$/.test(text))
          return err({
            message: 'expected a section name such as GEM or DEPENDENCIES (capitals, no indent)',
            line: i + 1,
          });
        section = text;
        spec = null;
        continue;
      }
      const isSpecSection =
        section === 'GEM' ||
        section === 'GIT' ||
        section === 'PATH' ||
        section.startsWith('PLUGIN');
      if (isSpecSection && indent === 4) {
        const match = /^([^\s(]+) \(([^)]+)\)$/.exec(text);
        if (!match)
          return err({
            message: 'cannot read this spec: expected "<gem> (<version>)" at four spaces',
            line: i + 1,
          });
        const version = match[2]!.replace(platformSuffix, '');
        spec = nodes.get(match[1]!) ?? {
          key: match[1]!,
          name: match[1]!,
          version,
          deps: [],
          line: i + 1,
        };
        nodes.set(match[1]!, spec);
      } else if (isSpecSection && indent === 6 && spec) {
        pending.push([spec, text.split(' ')[0]!]);
      } else if (section === 'DEPENDENCIES' && indent === 2) {
        direct.push(text.split(/[\s!]/)[0]!);
      }
    }
    for (const [node, dep] of pending)
      if (nodes.has(dep) && !node.deps.includes(dep)) node.deps.push(dep);
    return ok({ nodes: [...nodes.values()], directKeys: direct });
  },
};
