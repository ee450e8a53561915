/** @module Reading GitHub Actions workflows line by line, keeping line numbers for findings. */
import type { CheckContext } from './check-types.ts';
import { WORKFLOW_PATH } from './check-types.ts';

export interface Workflow {
  path: string;
  lines: string[];
  text: string;
}

export async function readWorkflows(context: CheckContext): Promise<Workflow[]> {
  const out: Workflow[] = [];
  for (const path of [...context.paths].filter((p) => WORKFLOW_PATH.test(p)).sort()) {
    const text = await context.read(path);
    if (text !== null) out.push({ path, text, lines: text.split('\n') });
  }
  return out;
}

export function indentOf(line: string): number {
  return line.length - line.trimStart().length;
}

/** Strips a YAML comment that is not inside quotes (good enough for workflow keys). */
export function stripComment(line: string): string {
  const hash = line.search(/(^|\s)#/);
  return hash === -1 ? line : line.slice(0, hash);
}

/** Line numbers (1-based) of the contents of every `run:` step, including block scalars. */
export function runBlockLines(lines: readonly string[]): number[] {
  const out: number[] = [];
  for (let i = 0; i < lines.length; i++) {
    const line = lines[i] ?? '';
    const match = /^(\s*)(-\s+)?run:\s*(.*)$/.exec(line);
    if (!match) continue;
    out.push(i + 1);
    const keyIndent = (match[1] ?? '').length + (match[2] ?? '').length;
    if (!/^[|>]/.test((match[3] ?? '').trim())) continue;
    for (let j = i + 1; j < lines.length; j++) {
      const next = lines[j] ?? '';
      if (next.trim() !== '' && indentOf(next) <= keyIndent) break;
      out.push(j + 1);
    }
  }
  return out;
}

/** The workflow's triggers (`on:` as a scalar, a list or a map). */
export function triggersOf(workflow: Workflow): Set<string> {
  const triggers = new Set<string>();
  const lines = workflow.lines;
  for (let i = 0; i < lines.length; i++) {
    const match = /^(on|"on"|'on'):\s*(.*)$/.exec(stripComment(lines[i] ?? ''));
    if (!match) continue;
    const inline = (match[2] ?? '').trim();
    if (inline)
      for (const name of inline.replace(/[[\]]/g, '').split(',')) triggers.add(name.trim());
    let keyIndent = -1;
    for (let j = i + 1; j < lines.length; j++) {
      const next = stripComment(lines[j] ?? '');
      if (next.trim() === '') continue;
      if (indentOf(next) === 0) break;
      if (keyIndent === -1) keyIndent = indentOf(next);
      const key = /^\s+(-\s+)?([\w-]+)/.exec(next);
      if (key && indentOf(next) === keyIndent) triggers.add(key[2] ?? '');
    }
  }
  return triggers;
}
