/**
 * @module Reading GitHub Actions workflows: with a YAML parser (`yaml`, any indentation or style)
 * into triggers, permissions, jobs and steps with their line numbers, and line by line for the
 * checks that only look for a pattern (and as a fallback when a file is not valid YAML).
 */
import {
  isMap,
  isScalar,
  isSeq,
  LineCounter,
  parseDocument,
  type ParsedNode,
  type Scalar,
  type YAMLMap,
} from 'yaml';
import { err, messageOf, ok, type Result } from '../result.ts';
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

/** A parsed node: where it is in the source (start, end of value, end of node). */
export type Located = { range?: [number, number, number] | null };

/** A step of a job: what it uses, its `run:` script and its `with:` inputs, as YAML nodes. */
export interface WorkflowStep {
  uses: string | null;
  run: Scalar | null;
  inputs: Map<string, Scalar>;
}

export interface WorkflowJob {
  id: string;
  /** Line of the job's key. */
  line: number;
  /** The job's `permissions:` value, or undefined when it has none. */
  permissions: ParsedNode | null | undefined;
  steps: WorkflowStep[];
}

/** A workflow read with a YAML parser: triggers, top-level permissions and jobs, with lines. */
export interface ParsedWorkflow {
  triggers: Set<string>;
  /** The top-level `permissions:` value, or undefined when there is none. */
  permissions: ParsedNode | null | undefined;
  jobs: WorkflowJob[];
  /** 1-based line of a node's first character. */
  lineOf: (node: Located) => number;
  /** 1-based lines a node's source spans (a block scalar's content included). */
  linesOf: (node: Located) => number[];
}

/**
 * Parses a workflow (any indentation, flow or block style), or returns the parser's first error:
 * GitHub refuses such a file, and a check may fall back to reading its lines.
 */
export function parseWorkflow(workflow: Workflow): Result<ParsedWorkflow> {
  const counter = new LineCounter();
  const doc = parseDocument(workflow.text, { lineCounter: counter, uniqueKeys: false });
  if (doc.errors.length > 0) return err(messageOf(doc.errors[0]));
  if (!isMap(doc.contents)) return err('not a mapping of keys');
  const root = doc.contents;
  const lineOf = (node: Located): number => counter.linePos(node.range?.[0] ?? 0).line;
  const linesOf = (node: Located): number[] => {
    const [start, end] = node.range ?? [0, 0];
    const first = lineOf(node);
    const last = counter.linePos(Math.max(start, end - 1)).line;
    return Array.from({ length: last - first + 1 }, (_, index) => first + index);
  };
  const jobsNode = root.get('jobs', true);
  const jobs = isMap(jobsNode)
    ? jobsNode.items.flatMap((pair) =>
        isScalar(pair.key) ? [jobOf(pair.key, pair.value, lineOf)] : [],
      )
    : [];
  return ok({
    triggers: triggerNames(root.get('on', true)),
    permissions: valueOf(root, 'permissions'),
    jobs,
    lineOf,
    linesOf,
  });
}

/** `on:` as a scalar, a list or a map of event names. */
function triggerNames(on: unknown): Set<string> {
  const names = isScalar(on)
    ? [on]
    : isSeq(on)
      ? on.items
      : isMap(on)
        ? on.items.map((pair) => pair.key)
        : [];
  return new Set(names.filter(isScalar).map((name) => String(name.value)));
}

function jobOf(key: Scalar, job: unknown, lineOf: (node: Located) => number): WorkflowJob {
  const steps = isMap(job) ? job.get('steps', true) : undefined;
  return {
    id: String(key.value),
    line: lineOf(key),
    permissions: isMap(job) ? valueOf(job, 'permissions') : undefined,
    steps: isSeq(steps) ? steps.items.filter(isMap).map(stepOf) : [],
  };
}

function stepOf(step: YAMLMap): WorkflowStep {
  const uses = step.get('uses', true);
  const run = step.get('run', true);
  const withNode = step.get('with', true);
  const inputs = new Map<string, Scalar>();
  for (const input of isMap(withNode) ? withNode.items : [])
    if (isScalar(input.key) && isScalar(input.value))
      inputs.set(String(input.key.value), input.value);
  return {
    uses: isScalar(uses) ? String(uses.value) : null,
    run: isScalar(run) ? run : null,
    inputs,
  };
}

/** A key's value node: undefined when the key is absent, null when it has no value. */
function valueOf(map: YAMLMap, key: string): ParsedNode | null | undefined {
  if (!map.has(key)) return undefined;
  return (map.get(key, true) as ParsedNode | undefined) ?? null;
}
