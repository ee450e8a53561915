/**
 * @module Whether a secret found in history is still live: present, as the same string, in any
 * file of HEAD's tree or of another ref's tip (a branch not merged yet is as leaked as HEAD).
 * Decided by the secret itself, not by its path, so `git mv` or a copy elsewhere keeps it live.
 * The raw secrets reach git on stdin only (never on a command line) and stay in this process.
 */
import { readBlobs, runGit } from './git.ts';

/** Where each secret still lives: tree-relative paths, keyed by the secret itself. */
export type LivePaths = Map<string, Set<string>>;

/** Lines shorter than this make git grep match too much; the blob check below confirms anyway. */
const MIN_PROBE = 8;

/** The longest line of a (possibly multi-line, e.g. private key) secret: git grep is line-based. */
const probeOf = (secret: string): string =>
  secret.split(/\r?\n/).reduce((a, b) => (b.trim().length > a.length ? b.trim() : a), '');

/** Tree ids of HEAD and of every ref's tip commit, HEAD first, each once. */
async function tipTrees(root: string): Promise<string[]> {
  const head = await runGit(['rev-parse', '--verify', '--quiet', 'HEAD^{tree}'], root);
  const tips = await runGit(['log', '--no-walk', '--all', '--format=%T'], root);
  const trees = [
    ...(head.ok && head.value.code === 0 ? head.value.stdout.split('\n') : []),
    ...(tips.ok && tips.value.code === 0 ? tips.value.stdout.split('\n') : []),
  ]
    .map((t) => t.trim())
    .filter((t) => /^[0-9a-f]{40,64}$/.test(t));
  return [...new Set(trees)];
}

/**
 * Trees per `git grep`: their ids go on its command line, and a repository with tens of thousands
 * of tags would pass the system's argument limit (the spawn fails, and every secret would read
 * as history-only). Batches keep each command line near 20 KB.
 */
export const TREES_PER_GREP = 500;

/** For each secret, the paths in HEAD or a ref tip whose content holds it (empty: history only). */
export async function findLivePaths(
  root: string,
  secrets: Iterable<string>,
  treesPerGrep = TREES_PER_GREP,
): Promise<LivePaths> {
  const live: LivePaths = new Map();
  const byProbe = new Map<string, string[]>();
  for (const secret of secrets) {
    live.set(secret, new Set());
    const probe = probeOf(secret);
    if (probe.length < MIN_PROBE && probe.length < secret.length) continue;
    byProbe.set(probe, [...(byProbe.get(probe) ?? []), secret]);
  }
  const trees = await tipTrees(root);
  if (byProbe.size === 0 || trees.length === 0) return live;
  const patterns = [...byProbe.keys()].join('\n') + '\n';
  const candidates = new Map<string, Set<string>>(); // "tree:path" → probes seen in it
  for (let at = 0; at < trees.length; at += treesPerGrep) {
    const batch = trees.slice(at, at + treesPerGrep);
    const grep = await runGit(
      ['grep', '-F', '-I', '-o', '-z', '--no-color', '-f', '-', ...batch, '--'],
      root,
      patterns,
    );
    // Exit 1 means no match; anything else unusual leaves these trees' secrets unconfirmed.
    if (!grep.ok || grep.value.code !== 0) continue;
    for (const line of grep.value.stdout.split('\n')) {
      const nul = line.indexOf('\0');
      if (nul === -1) continue;
      const spec = line.slice(0, nul);
      const probes = candidates.get(spec) ?? new Set<string>();
      probes.add(line.slice(nul + 1));
      candidates.set(spec, probes);
    }
  }
  const blobs = await readBlobs(root, [...candidates.keys()]);
  for (const [spec, probes] of candidates) {
    const text = blobs.get(spec);
    if (text === undefined) continue;
    const path = spec.slice(spec.indexOf(':') + 1);
    for (const probe of probes)
      for (const secret of byProbe.get(probe) ?? [])
        if (text.includes(secret)) live.get(secret)!.add(path);
  }
  return live;
}
