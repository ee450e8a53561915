/**
 * @module `pnpm-lock.yaml`, lockfile versions 5.x (`/name/1.0.0` keys), 6.x (`/name@1.0.0`) and
 * 9.x (`name@1.0.0` keys, graph under `snapshots`). Peer suffixes such as `(react@18.2.0)` or
 * `_react@18.2.0` are dropped: they select a copy, not a different version.
 */
import { parse as parseYaml, YAMLParseError } from 'yaml';
import { err, ok } from '../result.ts';
import { attachLines, isRecord, lineOfYamlKey, linesOf } from './graph.ts';
import type { LockNode, LockfileParser } from './lockfile-types.ts';
import { stripCredentials } from './redact.ts';

/** Drops a `(peer@1.0.0)` suffix (v6+) or, on a bare version, a `_peer@1.0.0` suffix (v5). */
function stripPeers(version: string): string {
  const trimmed = version.replace(/\(.*$/, '');
  return /^\d/.test(trimmed) ? trimmed.replace(/_.*$/, '') : trimmed;
}

/** Splits a `packages` / `snapshots` key into name and version, whatever the lockfile version. */
function splitKey(rawKey: string): { name: string; version: string } | null {
  const key = rawKey.replace(/^\//, '').replace(/\(.*$/, '');
  const v5 = /^((?:@[^/]+\/)?[^/@]+)\/([^/]+)$/.exec(key);
  if (v5) return { name: v5[1]!, version: stripPeers(v5[2]!) };
  const at = key.indexOf('@', 1);
  return at > 0 ? { name: key.slice(0, at), version: stripPeers(key.slice(at + 1)) } : null;
}

/** An importer or snapshot dependency value: `1.2.3`, `{ version: 1.2.3 }`, or `/other/1.0.0`. */
function depVersion(value: unknown): string | null {
  const raw = isRecord(value) ? value.version : value;
  if (typeof raw !== 'string' && typeof raw !== 'number') return null;
  const text = String(raw);
  return text.startsWith('link:') || text.startsWith('file:') ? null : text;
}

function refKey(name: string, value: unknown): string | null {
  const version = depVersion(value);
  if (version === null) return null;
  if (/^\d/.test(version)) return `${name}@${stripPeers(version)}`;
  // Aliased dependencies point at another package's key instead of a version.
  const split = splitKey(version);
  return split ? `${split.name}@${split.version}` : null;
}

const depFields = ['dependencies', 'devDependencies', 'optionalDependencies'];

export const pnpmLockParser: LockfileParser = {
  id: 'pnpm',
  ecosystem: 'npm',
  fileNames: ['pnpm-lock.yaml'],
  parse(content) {
    let doc: unknown;
    try {
      doc = parseYaml(content, { maxAliasCount: 100 });
    } catch (error) {
      const line = error instanceof YAMLParseError ? error.linePos?.[0].line : undefined;
      const message = `invalid YAML: ${error instanceof Error ? error.message.split('\n')[0] : String(error)}`;
      return err(line === undefined ? { message } : { message, line });
    }
    if (!isRecord(doc) || doc.lockfileVersion === undefined)
      return err({ message: 'no "lockfileVersion": not a pnpm lockfile', line: 1 });
    const graphSource = isRecord(doc.snapshots)
      ? doc.snapshots
      : isRecord(doc.packages)
        ? doc.packages
        : {};
    const byKey = new Map<string, LockNode>();
    for (const [rawKey, entry] of Object.entries(graphSource)) {
      const split = splitKey(rawKey);
      if (!split) {
        const line = lineOfYamlKey(content, rawKey);
        const message = `cannot read package key "${stripCredentials(rawKey)}"`;
        return err(line === undefined ? { message } : { message, line });
      }
      const key = `${split.name}@${split.version}`;
      let node = byKey.get(key);
      if (!node)
        byKey.set(key, (node = { key, name: split.name, version: split.version, deps: [] }));
      if (!isRecord(entry)) continue;
      for (const field of depFields) {
        if (!isRecord(entry[field])) continue;
        for (const [name, value] of Object.entries(entry[field])) {
          const ref = refKey(name, value);
          if (ref && !node.deps.includes(ref)) node.deps.push(ref);
        }
      }
    }
    const importers = isRecord(doc.importers) ? Object.values(doc.importers) : [doc];
    const directKeys = importers.flatMap((importer) =>
      isRecord(importer)
        ? depFields.flatMap((field) =>
            isRecord(importer[field])
              ? Object.entries(importer[field]).flatMap(([n, v]) => refKey(n, v) ?? [])
              : [],
          )
        : [],
    );
    const keyLines = new Map<string, number>();
    for (const [rawKey, line] of linesOf(content, /^ {2}'?(\/?[^\s:'(]+)/)) {
      const split = splitKey(rawKey);
      if (split && !keyLines.has(`${split.name}@${split.version}`))
        keyLines.set(`${split.name}@${split.version}`, line);
    }
    attachLines([...byKey.values()], keyLines);
    return ok({ nodes: [...byKey.values()], directKeys });
  },
};
