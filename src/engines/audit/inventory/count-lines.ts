/**
 * @module Code / comment / blank line counting on a file's bytes. Like cloc and tokei, a line
 * holding both code and a comment counts as code; strings are not tokenised (comment markers
 * inside string literals can miscount a line, a trade taken for speed).
 *
 * The counter works on the raw bytes, never on a decoded string: every comment marker is ASCII,
 * and in UTF-8 (and Latin-1) an ASCII byte is always that character, so positions found in the
 * bytes are the positions of the markers. Newlines and block-comment markers are found with
 * `Buffer#indexOf` (native `memchr`/`memmem`), and the next occurrence of each marker is kept until
 * the scan passes it, so a long block comment or a file without any marker is searched once, not
 * once per line.
 */
import type { LineCounts } from '../types.ts';
import type { CommentSyntax } from './comment-syntax.ts';

const NONE = Number.MAX_SAFE_INTEGER;

interface CompiledSyntax {
  line: readonly Buffer[];
  opens: readonly Buffer[];
  closes: readonly Buffer[];
  blockMidLine: boolean;
  hasComments: boolean;
}

const compiled = new WeakMap<CommentSyntax, CompiledSyntax>();

function compile(syntax: CommentSyntax): CompiledSyntax {
  let entry = compiled.get(syntax);
  if (!entry) {
    entry = {
      line: syntax.line.map((marker) => Buffer.from(marker, 'latin1')),
      opens: syntax.block.map(([open]) => Buffer.from(open, 'latin1')),
      closes: syntax.block.map(([, close]) => Buffer.from(close, 'latin1')),
      blockMidLine: syntax.blockMidLine,
      hasComments: syntax.line.length > 0 || syntax.block.length > 0,
    };
    compiled.set(syntax, entry);
  }
  return entry;
}

/**
 * The first byte in [from, to) that is not white space (space, tab, CR, form feed, vertical tab,
 * or a UTF-8 byte order mark when the text is UTF-8), or -1.
 */
function firstNonSpace(bytes: Buffer, from: number, to: number, utf8: boolean): number {
  let i = from;
  while (i < to) {
    const c = bytes[i] as number;
    if (c === 32 || c === 9 || c === 13 || c === 12 || c === 11) i++;
    else if (c === 0xef && utf8 && i + 2 < to && bytes[i + 1] === 0xbb && bytes[i + 2] === 0xbf)
      i += 3;
    else return i;
  }
  return -1;
}

function startsAt(bytes: Buffer, at: number, marker: Buffer): boolean {
  const length = marker.length;
  if (at + length > bytes.length) return false;
  for (let i = 0; i < length; i++) if (bytes[at + i] !== marker[i]) return false;
  return true;
}

/**
 * Counts the lines of one file's bytes. `utf8` says whether the bytes are UTF-8 (a byte order
 * mark then counts as white space); other text is read as Latin-1.
 */
export function countLineBytes(bytes: Buffer, syntax: CommentSyntax, utf8 = true): LineCounts {
  const length = bytes.length;
  if (length === 0) return { code: 0, comment: 0, blank: 0 };
  const { line: lineMarkers, opens, closes, blockMidLine, hasComments } = compile(syntax);
  const blocks = opens.length;
  // Next known position of each block marker at or after the scan (NONE: no more in the file);
  // -1 forces a search. The scan only moves forward, so a found position stays valid until passed.
  const nextOpen: number[] = new Array<number>(blocks).fill(-1);
  const nextClose: number[] = new Array<number>(blocks).fill(-1);
  const findOpen = (k: number, at: number): number => {
    let position = nextOpen[k] as number;
    if (position < at) {
      position = bytes.indexOf(opens[k] as Buffer, at);
      nextOpen[k] = position = position === -1 ? NONE : position;
    }
    return position;
  };
  const findClose = (k: number, at: number): number => {
    let position = nextClose[k] as number;
    if (position < at) {
      position = bytes.indexOf(closes[k] as Buffer, at);
      nextClose[k] = position = position === -1 ? NONE : position;
    }
    return position;
  };

  let code = 0;
  let comment = 0;
  let blank = 0;
  let open = -1; // the block comment open across lines, or -1
  let start = 0;
  while (start < length) {
    let end = bytes.indexOf(10, start);
    if (end === -1) end = length;
    const first = firstNonSpace(bytes, start, end, utf8);
    if (first === -1) {
      if (open === -1) blank++;
      else comment++;
    } else if (!hasComments) {
      code++;
    } else {
      // Walk the line: comment segments and code segments alternate.
      let at = first;
      let sawCode = false;
      while (at !== -1 && at < end) {
        if (open !== -1) {
          const close = findClose(open, at);
          if (close >= end) break; // the comment goes on past this line
          at = firstNonSpace(bytes, close + (closes[open] as Buffer).length, end, utf8);
          open = -1;
          continue;
        }
        let lineComment = false;
        for (const marker of lineMarkers)
          if (startsAt(bytes, at, marker)) {
            lineComment = true;
            break;
          }
        if (lineComment) break;
        let opened = -1;
        for (let k = 0; k < blocks; k++)
          if (startsAt(bytes, at, opens[k] as Buffer)) {
            opened = k;
            break;
          }
        if (opened !== -1) {
          open = opened;
          at = firstNonSpace(bytes, at + (opens[opened] as Buffer).length, end, utf8);
          continue;
        }
        sawCode = true;
        if (!blockMidLine) break;
        // Code until a block comment opens later on this line (if it does not close, the next
        // lines are comment).
        let nearest = NONE;
        for (let k = 0; k < blocks; k++) {
          const found = findOpen(k, at);
          if (found < end && found < nearest) {
            nearest = found;
            opened = k;
          }
        }
        if (opened === -1) break;
        open = opened;
        at = nearest + (opens[opened] as Buffer).length;
      }
      if (sawCode) code++;
      else comment++;
    }
    start = end + 1;
  }
  return { code, comment, blank };
}

/** Counts the lines of a text (tests and callers holding a string; files go through the bytes). */
export function countLines(text: string, syntax: CommentSyntax): LineCounts {
  return countLineBytes(Buffer.from(text, 'utf8'), syntax, true);
}
