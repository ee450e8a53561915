/**
 * @module The first line counter, on decoded strings, kept as the oracle for the byte counter in
 * `inventory/count-lines.ts`: its counts matched cloc exactly on the generated benchmark trees, and
 * the byte counter must give the same counts for any input (count-lines.test.ts).
 */
import type { LineCounts } from '../types.ts';
import type { CommentSyntax } from '../inventory/comment-syntax.ts';

function firstNonSpace(text: string, from: number, to: number): number {
  for (let i = from; i < to; i++) {
    const c = text.charCodeAt(i);
    if (c !== 32 && c !== 9 && c !== 13 && c !== 12 && c !== 11 && c !== 0xfeff) return i;
  }
  return -1;
}

function startsAt(text: string, at: number, marker: string): boolean {
  return text.startsWith(marker, at);
}

/** Counts the lines of one file's text. */
export function countLinesByString(text: string, syntax: CommentSyntax): LineCounts {
  const counts: LineCounts = { code: 0, comment: 0, blank: 0 };
  const length = text.length;
  if (length === 0) return counts;
  const hasComments = syntax.line.length > 0 || syntax.block.length > 0;
  let closing: string | null = null; // the end marker of the open block comment
  let start = 0;
  while (start <= length) {
    let end = text.indexOf('\n', start);
    if (end === -1) end = length;
    if (start === length && end === length) break; // trailing newline: no extra line
    const first = firstNonSpace(text, start, end);
    if (first === -1) {
      if (closing) counts.comment++;
      else counts.blank++;
    } else if (!hasComments) {
      counts.code++;
    } else {
      counts[classifyLine(text, first, end, syntax, (value) => (closing = value), closing)]++;
    }
    start = end + 1;
  }
  return counts;
}

function classifyLine(
  text: string,
  first: number,
  end: number,
  syntax: CommentSyntax,
  setClosing: (value: string | null) => void,
  openClosing: string | null,
): 'code' | 'comment' {
  let at = first;
  let closing = openClosing;
  let sawCode = false;
  // Walk the line: comment segments and code segments alternate.
  while (at < end && at !== -1) {
    if (closing) {
      const close = text.indexOf(closing, at);
      if (close === -1 || close >= end) {
        setClosing(closing);
        return sawCode ? 'code' : 'comment';
      }
      at = firstNonSpace(text, close + closing.length, end);
      closing = null;
      setClosing(null);
      continue;
    }
    if (syntax.line.some((marker) => startsAt(text, at, marker)))
      return sawCode ? 'code' : 'comment';
    const block = syntax.block.find(([open]) => startsAt(text, at, open));
    if (block) {
      closing = block[1];
      at = firstNonSpace(text, at + block[0].length, end);
      if (at === -1) {
        setClosing(closing);
        return sawCode ? 'code' : 'comment';
      }
      continue;
    }
    sawCode = true;
    if (!syntax.blockMidLine) return 'code';
    // Code until a block comment opens later on this line (if it does not close, the next lines are comment).
    let nextOpen = -1;
    let nextBlock: readonly [string, string] | null = null;
    for (const candidate of syntax.block) {
      const found = text.indexOf(candidate[0], at);
      if (found !== -1 && found < end && (nextOpen === -1 || found < nextOpen)) {
        nextOpen = found;
        nextBlock = candidate;
      }
    }
    if (!nextBlock) return 'code';
    closing = nextBlock[1];
    at = nextOpen + nextBlock[0].length;
  }
  setClosing(closing);
  return sawCode ? 'code' : 'comment';
}
