/**
 * @module YAML front matter of a MADR 3/4 file: split it off the Markdown and read it, naming the
 * file line of any problem (the `---` opener is line 1, so YAML line n is file line n + 1).
 */
import { parseDocument } from 'yaml';
import { err, ok, type Result } from './result.ts';

export interface FrontMatter {
  data: Record<string, unknown>;
  /** File line of each top-level key, for messages. */
  keyLines: Record<string, number>;
  /** The Markdown after the closing `---`, and the file line it starts on. */
  body: string;
  bodyLine: number;
}

export interface LineError {
  line: number;
  message: string;
}

export function splitFrontMatter(content: string): Result<FrontMatter, LineError> {
  if (!/^---[ \t]*\n/.test(content))
    return ok({ data: {}, keyLines: {}, body: content, bodyLine: 1 });
  const lines = content.split('\n');
  const close = lines.findIndex((line, i) => i > 0 && /^(---|\.\.\.)[ \t]*$/.test(line));
  if (close < 0) {
    return err({
      line: 1,
      message: 'front matter opened with --- but never closed with a --- line',
    });
  }
  const yamlText = lines.slice(1, close).join('\n');
  const doc = parseDocument(yamlText);
  const firstError = doc.errors[0];
  if (firstError) {
    const yamlLine = firstError.linePos?.[0]?.line ?? 1;
    const reason = firstError.message.split('\n')[0] ?? 'invalid YAML';
    return err({ line: yamlLine + 1, message: `front matter is not valid YAML: ${reason}` });
  }
  const data: unknown = doc.toJS();
  if (data !== null && data !== undefined && (typeof data !== 'object' || Array.isArray(data))) {
    return err({ line: 2, message: 'front matter must be key: value pairs' });
  }
  const keyLines: Record<string, number> = {};
  lines.slice(1, close).forEach((line, i) => {
    const key = /^([A-Za-z][\w-]*)\s*:/.exec(line)?.[1];
    if (key && !(key in keyLines)) keyLines[key] = i + 2;
  });
  return ok({
    data: (data ?? {}) as Record<string, unknown>,
    keyLines,
    body: lines.slice(close + 1).join('\n'),
    bodyLine: close + 2,
  });
}
