/**
 * @module Incremental parser for `git log -p -U0` / `git diff -U0` output. It keeps only the
 * added lines of the current file diff, so memory stays bounded by one file's additions.
 */

export interface CommitMeta {
  commit: string;
  author: string;
  email: string;
  date: string;
}

export interface AddedLine {
  line: number;
  text: string;
}

export interface FileAdditions {
  meta?: CommitMeta;
  path: string;
  blob?: string;
  lines: AddedLine[];
}

/** Marks our `--format` header line; it cannot start a diff line. */
export const COMMIT_MARK = '\u0001';
export const LOG_FORMAT = '--format=%x01%H%x1f%an%x1f%ae%x1f%aI';

/** Flush a file early past this many buffered characters (huge generated files). */
const MAX_BUFFERED = 4 * 1024 * 1024;

export class PatchParser {
  private carry = '';
  private meta: CommitMeta | undefined;
  private file: FileAdditions | undefined;
  private buffered = 0;
  private isSkipping = false;
  private inHunk = false;
  private oldLeft = 0;
  private newLeft = 0;
  private nextLine = 0;
  /** First 52 bits of each blob id seen: ~20 bytes a blob, so a million-commit history fits. */
  private readonly seenBlobs = new Set<number>();
  commits = 0;
  bytes = 0;

  constructor(private readonly onFile: (file: FileAdditions) => void) {}

  push(text: string): void {
    this.bytes += text.length;
    const data = this.carry + text;
    let start = 0;
    for (let nl = data.indexOf('\n'); nl !== -1; nl = data.indexOf('\n', start)) {
      this.line(data.slice(start, nl));
      start = nl + 1;
    }
    this.carry = data.slice(start);
  }

  end(): void {
    if (this.carry) this.line(this.carry);
    this.carry = '';
    this.flush();
  }

  private flush(): void {
    if (this.file && this.file.lines.length > 0 && !this.isSkipping) this.onFile(this.file);
    this.file = undefined;
    this.buffered = 0;
  }

  private line(text: string): void {
    if (this.inHunk) {
      const c = text.charCodeAt(0);
      if (c === 43 /* + */) {
        if (!this.isSkipping && this.file) {
          this.file.lines.push({ line: this.nextLine, text: text.slice(1) });
          this.buffered += text.length;
          if (this.buffered > MAX_BUFFERED) this.flushPartial();
        }
        this.nextLine++;
        this.newLeft--;
      } else if (c === 45 /* - */) this.oldLeft--;
      else if (c === 32 /* space */) {
        this.oldLeft--;
        this.newLeft--;
        this.nextLine++;
      }
      if (this.oldLeft <= 0 && this.newLeft <= 0) this.inHunk = false;
      if (c === 43 || c === 45 || c === 32 || c === 92 /* \ */) return;
      this.inHunk = false;
    }
    if (text.startsWith(COMMIT_MARK)) {
      this.flush();
      const [commit = '', author = '', email = '', date = ''] = text.slice(1).split('\u001f');
      this.meta = { commit, author, email, date };
      this.commits++;
    } else if (text.startsWith('diff --git ')) {
      this.flush();
      this.isSkipping = false;
      this.file = { meta: this.meta, path: pathFromDiffHeader(text), lines: [] };
    } else if (!this.file) {
      return;
    } else if (text.startsWith('@@ ')) {
      const match = /^@@ -\d+(?:,(\d+))? \+(\d+)(?:,(\d+))? @@/.exec(text);
      if (!match) return;
      this.oldLeft = match[1] === undefined ? 1 : Number(match[1]);
      this.nextLine = Number(match[2]);
      this.newLeft = match[3] === undefined ? 1 : Number(match[3]);
      this.inHunk = this.oldLeft > 0 || this.newLeft > 0;
    } else if (text.startsWith('index ')) {
      const blob = /^index [0-9a-f]+\.\.([0-9a-f]+)/.exec(text)?.[1];
      if (blob) {
        const key = Number.parseInt(blob.slice(0, 13), 16);
        // Each blob once: the same content reached through another branch adds nothing new.
        if (this.seenBlobs.has(key)) this.isSkipping = true;
        this.seenBlobs.add(key);
        this.file.blob = blob;
      }
    } else if (text.startsWith('+++ ')) {
      const target = text.slice(4);
      if (target === '/dev/null') this.isSkipping = true;
      else this.file.path = unquote(target).replace(/^b\//, '');
    }
  }

  private flushPartial(): void {
    if (!this.file) return;
    const { meta, path, blob } = this.file;
    this.onFile(this.file);
    this.file = { meta, path, blob, lines: [] };
    this.buffered = 0;
  }
}

function unquote(path: string): string {
  if (!path.startsWith('"')) return path;
  try {
    return JSON.parse(
      path.replace(
        /\\([0-7]{3})/g,
        (_m, oct: string) => `\\u00${Number.parseInt(oct, 8).toString(16).padStart(2, '0')}`,
      ),
    ) as string;
  } catch {
    return path.slice(1, -1);
  }
}

function pathFromDiffHeader(header: string): string {
  const idx = header.lastIndexOf(' b/');
  return idx === -1 ? header.slice(11) : header.slice(idx + 3);
}
