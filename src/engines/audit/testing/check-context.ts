/** @module Test factory: a check context over an in-memory tree, for checks that only read files. */
import type { CheckContext } from '../checks/check-types.ts';
import { defaultConfig } from '../config.ts';
import { emptyHistory } from '../history/history.ts';
import type { HistoryResult, InventoryFile } from '../types.ts';

/** A context whose tree is `files` (path → text); no history, complexity or duplication. */
export function checkContext(files: Record<string, string>): CheckContext {
  const paths = Object.keys(files).sort();
  const history: HistoryResult = emptyHistory('skipped', '12m', 0);
  return {
    root: '/nonexistent',
    config: defaultConfig(),
    files: paths.map((path): InventoryFile => ({
      path,
      bytes: files[path]!.length,
      language: null,
      languageType: null,
      excluded: null,
      isTest: false,
      isUtf8: true,
      code: 0,
      comment: 0,
      blank: 0,
    })),
    paths: new Set(paths),
    history,
    complexity: [],
    duplication: { detector: 'none', totalLines: 0, duplicatedLines: 0, percentage: 0, clones: [] },
    read: async (path) => files[path] ?? null,
  };
}
