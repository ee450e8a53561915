/**
 * @module Fallback duplication detector, used only when the jscpd binary is missing or fails:
 * windows of consecutive significant lines (whitespace-normalised, trivial lines skipped) hashed
 * and matched across the tree, Rabin-Karp style. Coarser than jscpd's token matching.
 */
import type { Clone, DuplicationResult } from '../types.ts';
import { round } from './jscpd.ts';

const WINDOW = 6;

interface Significant {
  hash: number;
  line: number;
}

function hashLine(text: string): number {
  let hash = 0x811c9dc5;
  for (let i = 0; i < text.length; i++) hash = Math.imul(hash ^ text.charCodeAt(i), 0x01000193);
  return hash >>> 0;
}

function significantLines(text: string): Significant[] {
  const out: Significant[] = [];
  const lines = text.split('\n');
  for (let i = 0; i < lines.length; i++) {
    const normalised = (lines[i] ?? '').trim().replace(/\s+/g, ' ');
    if (normalised.length > 3) out.push({ hash: hashLine(normalised), line: i + 1 });
  }
  return out;
}

/** Finds clones of at least WINDOW significant lines across the given texts. */
export function detectDuplicates(
  files: readonly { path: string; text: string; lines: number }[],
): DuplicationResult {
  const seen = new Map<number, { file: number; index: number }>();
  const duplicated = files.map(() => new Set<number>());
  const clones: Clone[] = [];
  const parsed = files.map((file) => significantLines(file.text));
  parsed.forEach((lines, fileIndex) => {
    let open: Clone | null = null;
    for (let i = 0; i + WINDOW <= lines.length; i++) {
      // Two independent 32-bit mixes of the window folded into one 53-bit number: numeric map
      // keys are several times faster than string keys, and collisions are negligible at 2^53.
      let high = 0x9e3779b9;
      let low = 0x85ebca6b;
      for (let k = 0; k < WINDOW; k++) {
        const hash = (lines[i + k] as Significant).hash;
        high = Math.imul(high ^ hash, 0x01000193) >>> 0;
        low = Math.imul(low + hash, 0x5bd1e995) >>> 0;
      }
      const key = high * 0x200000 + (low & 0x1fffff);
      const first = seen.get(key);
      if (!first) {
        seen.set(key, { file: fileIndex, index: i });
        open = null;
        continue;
      }
      const firstLines = parsed[first.file] as Significant[];
      for (let k = 0; k < WINDOW; k++) {
        duplicated[fileIndex]?.add((lines[i + k] as Significant).line);
        duplicated[first.file]?.add((firstLines[first.index + k] as Significant).line);
      }
      const end = (lines[i + WINDOW - 1] as Significant).line;
      const otherEnd = (firstLines[first.index + WINDOW - 1] as Significant).line;
      if (open && open.a.path === files[first.file]?.path) {
        open.b.endLine = end;
        open.a.endLine = Math.max(open.a.endLine, otherEnd);
      } else {
        open = {
          lines: 0,
          a: {
            path: files[first.file]?.path ?? '',
            startLine: (firstLines[first.index] as Significant).line,
            endLine: otherEnd,
          },
          b: {
            path: files[fileIndex]?.path ?? '',
            startLine: (lines[i] as Significant).line,
            endLine: end,
          },
        };
        clones.push(open);
      }
    }
  });
  for (const clone of clones) clone.lines = clone.b.endLine - clone.b.startLine + 1;
  const totalLines = files.reduce((sum, file) => sum + file.lines, 0);
  const duplicatedLines = duplicated.reduce((sum, lines) => sum + lines.size, 0);
  return {
    detector: 'builtin',
    totalLines,
    duplicatedLines,
    percentage: totalLines ? round((duplicatedLines / totalLines) * 100) : 0,
    clones: clones.sort((x, y) => y.lines - x.lines),
  };
}
