/**
 * @module Knowledge risk: who wrote each file (by lines added, all time), how concentrated that is
 * per file and per top-level folder, the bus factor, and code whose main author has left.
 */
import type { KnowledgeEntry } from '../types.ts';

export type Ownership = Map<string, Map<string, number>>;

function mainAuthorOf(authors: Map<string, number>): { author: string; share: number } | null {
  let total = 0;
  let best: [string, number] | null = null;
  for (const [author, lines] of authors) {
    total += lines;
    if (!best || lines > best[1] || (lines === best[1] && author < best[0])) best = [author, lines];
  }
  if (!best || total === 0) return null;
  return { author: best[0], share: Math.round((best[1] / total) * 100) / 100 };
}

/** Main author and share per file, for the files the audit counts. */
export function fileKnowledge(
  ownership: Ownership,
  paths: Iterable<string>,
  isActive: (author: string) => boolean,
): KnowledgeEntry[] {
  const out: KnowledgeEntry[] = [];
  for (const path of paths) {
    const authors = ownership.get(path);
    const main = authors && mainAuthorOf(authors);
    if (main)
      out.push({
        path,
        mainAuthor: main.author,
        share: main.share,
        authorHasLeft: !isActive(main.author),
      });
  }
  return out;
}

/** The same per top-level folder ('.' for files at the root). */
export function folderKnowledge(
  ownership: Ownership,
  paths: Iterable<string>,
  isActive: (author: string) => boolean,
): KnowledgeEntry[] {
  const folders = new Map<string, Map<string, number>>();
  for (const path of paths) {
    const slash = path.indexOf('/');
    const folder = slash === -1 ? '.' : path.slice(0, slash);
    const target = folders.get(folder) ?? new Map<string, number>();
    for (const [author, lines] of ownership.get(path) ?? [])
      target.set(author, (target.get(author) ?? 0) + lines);
    folders.set(folder, target);
  }
  return fileKnowledge(folders, folders.keys(), isActive).sort((a, b) =>
    a.path.localeCompare(b.path),
  );
}

/**
 * Bus factor (after Avelino et al.'s truck factor, simplified to main authors): remove the authors
 * who are main author of the most files, one at a time, until more than half the files have lost
 * their main author. The number removed is the bus factor.
 */
export function busFactor(entries: readonly KnowledgeEntry[]): number | null {
  if (entries.length === 0) return null;
  const owned = new Map<string, number>();
  for (const entry of entries) owned.set(entry.mainAuthor, (owned.get(entry.mainAuthor) ?? 0) + 1);
  const ranked = [...owned.entries()].sort((a, b) => b[1] - a[1] || a[0].localeCompare(b[0]));
  let orphaned = 0;
  let removed = 0;
  for (const [, files] of ranked) {
    orphaned += files;
    removed++;
    if (orphaned > entries.length / 2) break;
  }
  return removed;
}
