/**
 * @module Pinned `requirements.txt` (`name==1.2.3`, extras, markers and `--hash` continuations
 * allowed). Lines pinned with anything but `==`/`===` are skipped: they name no installed
 * version, and so are PEP 508 direct references (`name @ url`). pip-compile's `# via` comments,
 * when present, give the graph. Errors never quote the line: it may hold a URL with a token.
 */
import { err, ok } from '../result.ts';
import type { LockNode, LockfileParser } from './lockfile-types.ts';

const normalize = (name: string): string => name.toLowerCase().replace(/[-_.]+/g, '-');
const requirement =
  /^([A-Za-z0-9][A-Za-z0-9._-]*)\s*(\[[^\]]*\])?\s*(===?|~=|!=|<=|>=|<|>)?\s*([^\s;#,]*)(.*)$/;

const directReference = /^[A-Za-z0-9][A-Za-z0-9._-]*\s*(\[[^\]]*\])?\s*@/;
const unreadable =
  'cannot read this requirement: expected "name==version" (extras, markers and --hash allowed) or a direct reference "name @ url"';

export const requirementsParser: LockfileParser = {
  id: 'requirements',
  ecosystem: 'PyPI',
  fileNames: [
    'requirements.txt',
    'requirements-dev.txt',
    'requirements-prod.txt',
    'requirements.lock',
  ],
  parse(content) {
    const nodes: LockNode[] = [];
    const parents = new Map<LockNode, string[]>();
    let last: LockNode | null = null;
    let isInVia = false;
    const lines = content.split(/\r?\n/);
    for (let i = 0; i < lines.length; i++) {
      const raw = lines[i]!;
      const text = raw.trim();
      const comment = /^#\s*(via\b)?\s*(.*)$/.exec(text);
      if (comment) {
        // pip-compile writes `# via x` or `# via` followed by one `#   x` line per parent.
        if (comment[1]) isInVia = true;
        if (isInVia && last && comment[2]) parents.get(last)!.push(comment[2].trim());
        continue;
      }
      isInVia = false;
      if (
        text === '' ||
        text.startsWith('-') ||
        /^[a-z+]+:\/\//i.test(text) ||
        text.startsWith('.') ||
        text.startsWith('/')
      )
        continue;
      if (raw.startsWith(' ') && text.startsWith('--hash')) continue;
      // PEP 508 direct reference (`name @ git+https://…`): installed from a URL, not pinned to a
      // version from an index, so nothing to match; the URL may hold a token, never quoted.
      if (directReference.test(text)) {
        last = null;
        continue;
      }
      const match = requirement.exec(text.replace(/\s*\\$/, ''));
      const rest = match?.[5];
      if (!match || (rest && !/^\s*(;|#|\\|--hash|$)/.test(rest)))
        return err({ message: unreadable, line: i + 1 });
      const [, name, , operator, version] = match;
      if ((operator === '==' || operator === '===') && version && !version.includes('*')) {
        last = { key: normalize(name!), name: normalize(name!), version, deps: [], line: i + 1 };
        nodes.push(last);
        parents.set(last, []);
      } else {
        last = null;
      }
    }
    const byKey = new Map(nodes.map((n) => [n.key, n]));
    const directKeys: string[] = [];
    for (const node of nodes) {
      const via = parents.get(node)!;
      const named = via.filter((p) => !p.startsWith('-'));
      if (via.length === 0 || named.length < via.length) directKeys.push(node.key);
      for (const parent of named) byKey.get(normalize(parent))?.deps.push(node.key);
    }
    return ok({ nodes, directKeys });
  },
};
