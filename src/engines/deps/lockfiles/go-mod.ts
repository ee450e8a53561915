/**
 * @module Go modules: `go.mod` gives the selected version of every module the build needs
 * (`// indirect` marks transitive ones) and `replace` directives swap modules out. `go.sum`
 * alone (no go.mod beside it) is read as a fallback: highest version listed per module.
 */
import { err, ok } from '../result.ts';
import { compareGo } from '../versions/compare.ts';
import type { LockNode, LockfileParser } from './lockfile-types.ts';

const requireLine = /^(\S+)\s+(v\S+)(\s*\/\/\s*indirect\b.*)?(\s*\/\/.*)?$/;
const replaceLine = /^(\S+)(?:\s+(v\S+))?\s+=>\s+(\S+)(?:\s+(v\S+))?\s*(\/\/.*)?$/;

export const goModParser: LockfileParser = {
  id: 'gomod',
  ecosystem: 'Go',
  fileNames: ['go.mod'],
  parse(content) {
    const nodes: LockNode[] = [];
    const indirect = new Set<string>();
    const replaces = new Map<string, { path: string; version: string | undefined }>();
    let block: string | null = null;
    const lines = content.split(/\r?\n/);
    for (let i = 0; i < lines.length; i++) {
      const text = lines[i]!.trim();
      if (text === '' || text.startsWith('//')) continue;
      if (block) {
        if (text === ')') {
          block = null;
          continue;
        }
      }
      const open = /^(require|replace|exclude|retract|tool|godebug|ignore)\s*\($/.exec(text);
      if (open) {
        block = open[1]!;
        continue;
      }
      const single = /^(require|replace)\s+(.+)$/.exec(text);
      const directive = block ?? single?.[1];
      const body = block ? text : single?.[2];
      if (directive === 'require' && body) {
        const match = requireLine.exec(body.trim());
        if (!match)
          return err({
            message: 'cannot read this require line: expected "<module path> v<version>"',
            line: i + 1,
          });
        nodes.push({ key: match[1]!, name: match[1]!, version: match[2]!, deps: [], line: i + 1 });
        if (match[3]) indirect.add(match[1]!);
      } else if (directive === 'replace' && body) {
        const match = replaceLine.exec(body.trim());
        if (!match)
          return err({
            message:
              'cannot read this replace line: expected "<module> [version] => <path or module> [version]"',
            line: i + 1,
          });
        replaces.set(match[1]!, { path: match[3]!, version: match[4] });
      } else if (
        !block &&
        !/^(module|go|toolchain|exclude|retract|tool|godebug|ignore)\b/.test(text)
      ) {
        return err({
          message:
            'unknown directive: expected module, go, toolchain, require, replace, exclude, retract, tool, godebug or ignore',
          line: i + 1,
        });
      }
    }
    if (block) return err({ message: `"${block} (" block is never closed`, line: lines.length });
    const directKeys: string[] = [];
    for (const node of nodes) {
      const replacement = replaces.get(node.name);
      // A replacement by a local path (./fork) has no version to match; keep the original.
      if (replacement?.version) {
        node.name = replacement.path;
        node.version = replacement.version;
      }
      if (!indirect.has(node.key)) directKeys.push(node.key);
    }
    return ok({ nodes, directKeys });
  },
};

export const goSumParser: LockfileParser = {
  id: 'gosum',
  ecosystem: 'Go',
  fileNames: ['go.sum'],
  supersededBy: ['go.mod'],
  parse(content) {
    const best = new Map<string, LockNode>();
    const lines = content.split(/\r?\n/);
    for (let i = 0; i < lines.length; i++) {
      const text = lines[i]!.trim();
      if (text === '') continue;
      const match = /^(\S+)\s+(v[^\s/]+)(\/go\.mod)?\s+h1:\S+$/.exec(text);
      if (!match) return err({ message: `expected "<module> <version> h1:<hash>"`, line: i + 1 });
      if (match[3]) continue; // a go.mod hash: the module's code was not necessarily used
      const current = best.get(match[1]!);
      if (!current || (compareGo(match[2]!, current.version) ?? 0) > 0) {
        best.set(match[1]!, {
          key: match[1]!,
          name: match[1]!,
          version: match[2]!,
          deps: [],
          line: i + 1,
        });
      }
    }
    return ok({ nodes: [...best.values()], directKeys: [...best.keys()] });
  },
};
