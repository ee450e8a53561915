/**
 * @module Fallback duplication detector, used only when the jscpd binary is missing or fails:
 * windows of consecutive significant lines (whitespace-normalised, trivial lines skipped) hashed
 * and matched across the tree, Rabin-Karp style. Coarser than jscpd's token matching.
 */
import type { Clone, DuplicationResult } from '../types.ts';
import { round } from './jscpd.ts';

const WINDOW = 6;

function hashLine(text: string): number {
  let hash = 0x811c9dc5;
  for (let i = 0; i < text.length; i++) hash = Math.imul(hash ^ text.charCodeAt(i), 0x01000193);
  return hash >>> 0;
}

/** A file's significant lines: their hashes and 1-based line numbers, in typed arrays. */
interface Significant {
  hashes: Uint32Array;
  lines: Uint32Array;
}

function significantLines(text: string): Significant {
  const hashes: number[] = [];
  const numbers: number[] = [];
  let start = 0;
  for (let line = 1; start <= text.length; line++) {
    let end = text.indexOf('\n', start);
    if (end === -1) end = text.length;
    const normalised = text.slice(start, end).trim().replace(/\s+/g, ' ');
    if (normalised.length > 3) {
      hashes.push(hashLine(normalised));
      numbers.push(line);
    }
    start = end + 1;
  }
  return { hashes: Uint32Array.from(hashes), lines: Uint32Array.from(numbers) };
}

/**
 * Finds clones of at least WINDOW significant lines, one file at a time: `add` keeps only the
 * file's line hashes (8 bytes per significant line), never its text, so memory grows with the
 * number of lines, not with the source held at once. Files are matched against every file added
 * before them, as a single pass over all of them would.
 */
export class DuplicateDetector {
  // Window key → where it was first seen: the file's index × 2^32 + the window's first line index.
  private readonly seen = new Map<number, number>();
  private readonly paths: string[] = [];
  private readonly parsed: Significant[] = [];
  private readonly duplicated: Set<number>[] = [];
  private readonly clones: Clone[] = [];
  private totalLines = 0;

  add(path: string, text: string, lines: number): void {
    const fileIndex = this.paths.length;
    const own = significantLines(text);
    const ownDuplicated = new Set<number>();
    this.paths.push(path);
    this.parsed.push(own);
    this.duplicated.push(ownDuplicated);
    this.totalLines += lines;
    const { hashes } = own;
    let open: Clone | null = null;
    for (let i = 0; i + WINDOW <= hashes.length; i++) {
      // Two independent 32-bit mixes of the window folded into one 53-bit number: numeric map
      // keys are several times faster than string keys, and collisions are negligible at 2^53.
      let high = 0x9e3779b9;
      let low = 0x85ebca6b;
      for (let k = 0; k < WINDOW; k++) {
        const hash = hashes[i + k] as number;
        high = Math.imul(high ^ hash, 0x01000193) >>> 0;
        low = Math.imul(low + hash, 0x5bd1e995) >>> 0;
      }
      const key = high * 0x200000 + (low & 0x1fffff);
      const first = this.seen.get(key);
      if (first === undefined) {
        this.seen.set(key, fileIndex * 0x100000000 + i);
        open = null;
        continue;
      }
      const firstFile = Math.floor(first / 0x100000000);
      const firstIndex = first % 0x100000000;
      const firstLines = (this.parsed[firstFile] as Significant).lines;
      const firstDuplicated = this.duplicated[firstFile] as Set<number>;
      for (let k = 0; k < WINDOW; k++) {
        ownDuplicated.add(own.lines[i + k] as number);
        firstDuplicated.add(firstLines[firstIndex + k] as number);
      }
      const end = own.lines[i + WINDOW - 1] as number;
      const otherEnd = firstLines[firstIndex + WINDOW - 1] as number;
      const firstPath = this.paths[firstFile] as string;
      if (open && open.a.path === firstPath) {
        open.b.endLine = end;
        open.a.endLine = Math.max(open.a.endLine, otherEnd);
      } else {
        open = {
          lines: 0,
          a: { path: firstPath, startLine: firstLines[firstIndex] as number, endLine: otherEnd },
          b: { path, startLine: own.lines[i] as number, endLine: end },
        };
        this.clones.push(open);
      }
    }
  }

  result(): DuplicationResult {
    const clones = this.clones;
    for (const clone of clones) clone.lines = clone.b.endLine - clone.b.startLine + 1;
    const duplicatedLines = this.duplicated.reduce((sum, lines) => sum + lines.size, 0);
    return {
      detector: 'builtin',
      totalLines: this.totalLines,
      duplicatedLines,
      percentage: this.totalLines ? round((duplicatedLines / this.totalLines) * 100) : 0,
      clones: [...clones].sort((x, y) => y.lines - x.lines),
    };
  }
}

/** Finds clones of at least WINDOW significant lines across the given texts. */
export function detectDuplicates(
  files: readonly { path: string; text: string; lines: number }[],
): DuplicationResult {
  const detector = new DuplicateDetector();
  for (const file of files) detector.add(file.path, file.text, file.lines);
  return detector.result();
}
