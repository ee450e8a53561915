/**
 * @module Reads one ADR file in any of the formats found in real repositories: MADR 4 and 3
 * (YAML front matter), MADR 2 (`* Status:` lines under the title) and Michael Nygard's format
 * (`# 1. Title`, `Date:`, `## Status`, `## Decision`). Unknown sections are kept verbatim.
 * A file that cannot be read gives an error naming its line; it never throws.
 */
import { fromMarkdown } from 'mdast-util-from-markdown';
import type { RootContent } from 'mdast';
import { splitFrontMatter } from './front-matter.ts';
import {
  headingKey,
  headingText,
  itemText,
  rawOf,
  sortVerdicts,
  splitAtHeadings,
  type Source,
} from './markdown.ts';
import { err, ok, type Result } from './result.ts';
import {
  ADR_STATUSES,
  emptyAdr,
  type Adr,
  type AdrFile,
  type AdrFormat,
  type AdrProblem,
  type AdrStatus,
  type ParsedAdr,
} from './types.ts';

const KNOWN_FRONT_MATTER = new Set([
  'status',
  'date',
  'decision-makers',
  'deciders',
  'consulted',
  'informed',
  'summary',
  'supersedes',
  'links',
]);

class Problem extends Error {
  constructor(
    readonly line: number,
    message: string,
  ) {
    super(message);
  }
}

/** Number from a file name such as `0003-use-postgres.md` or `adr-003_use-postgres.md`. */
export function numberFromPath(path: string): number | null {
  const base = path.split(/[\\/]/).pop() ?? '';
  const match = /^(?:adr[-_]?)?(\d{1,6})(?=[-_ .])/i.exec(base);
  return match ? Number(match[1]) : null;
}

/** A scalar as text; objects become YAML-ish JSON rather than "[object Object]". */
function asText(value: unknown): string {
  return typeof value === 'string' || typeof value === 'number' || typeof value === 'boolean'
    ? String(value)
    : JSON.stringify(value);
}

function splitPeople(value: unknown): string[] {
  if (value === null || value === undefined) return [];
  const items = Array.isArray(value) ? value.map(asText) : asText(value).split(/\s*[,;]\s*/);
  return items.map((s) => s.trim()).filter(Boolean);
}

function listOf(value: unknown): string[] {
  if (value === null || value === undefined || value === '') return [];
  return (Array.isArray(value) ? value : [value]).map((v) => asText(v).trim()).filter(Boolean);
}

function checkDate(value: string, line: number): string {
  const text = value.trim();
  const match = /^(\d{4})-(\d{2})-(\d{2})$/.exec(text);
  const date = match ? new Date(`${text}T00:00:00Z`) : null;
  if (!match || !date || Number.isNaN(date.getTime()) || date.toISOString().slice(0, 10) !== text) {
    throw new Problem(line, `date "${text}" is not a calendar date written YYYY-MM-DD`);
  }
  return text;
}

interface State {
  adr: Adr;
  src: Source;
  /** File line of body line 1, minus one. */
  lineOffset: number;
  warnings: { line: number; message: string }[];
  filled: Set<string>;
  sawStatusList: boolean;
  sawNygard: boolean;
}

const lineOf = (state: State, node: RootContent | undefined) =>
  (node?.position?.start.line ?? 1) + state.lineOffset;

/** "accepted", "Superseded by [3. Use X](0003-use-x.md)", "draft"… */
function applyStatus(state: State, text: string, line: number): void {
  const value = text.trim().replace(/\.$/, '');
  const superseded = /^superseded\s+by\s*:?\s*(.+)$/i.exec(value);
  if (superseded) {
    state.adr.status = 'superseded';
    state.adr.supersededBy = superseded[1]!.trim();
    return;
  }
  const word = value.toLowerCase().split(/\s+/)[0] ?? '';
  const known = ADR_STATUSES.find((s) => s === word);
  if (known) state.adr.status = known;
  else if (['draft', 'proposal', 'open', 'pending'].includes(word)) state.adr.status = 'proposed';
  else {
    state.adr.status = 'proposed';
    state.warnings.push({
      line,
      message: `status "${value}" is not one of ${ADR_STATUSES.join(', ')}; read as proposed`,
    });
  }
}

/** One "Key: value" line from MADR 2's header list or Nygard's preamble; false if not one. */
function applyHeaderLine(state: State, text: string, line: number): boolean {
  const match =
    /^(status|date|deciders|decision-makers|decision makers|consulted|informed)\s*:\s*(.*)$/i.exec(
      text.trim(),
    );
  if (!match) return false;
  const key = match[1]!.toLowerCase();
  const value = match[2]!.trim();
  if (key === 'status') applyStatus(state, value, line);
  else if (key === 'date') state.adr.date = value ? checkDate(value, line) : null;
  else if (key === 'consulted') state.adr.consulted = splitPeople(value);
  else if (key === 'informed') state.adr.informed = splitPeople(value);
  else state.adr.decisionMakers = splitPeople(value);
  return true;
}

function readPreamble(state: State, nodes: RootContent[]): void {
  const kept: string[] = [];
  for (const node of nodes) {
    if (node.type === 'list') {
      const unknown: string[] = [];
      for (const item of node.children) {
        const line = (item.position?.start.line ?? 1) + state.lineOffset;
        if (applyHeaderLine(state, itemText(state.src, item), line)) state.sawStatusList = true;
        else unknown.push(rawOf(state.src, [item]));
      }
      if (unknown.length > 0) kept.push(unknown.join('\n'));
    } else if (node.type === 'paragraph') {
      const raw = rawOf(state.src, [node]);
      const lines = raw.split('\n');
      const isHeader = lines.every((l) =>
        /^(status|date|deciders|decision-makers|consulted|informed)\s*:/i.test(l.trim()),
      );
      if (isHeader) {
        lines.forEach((l, i) => applyHeaderLine(state, l, lineOf(state, node) + i));
        state.sawNygard = true;
      } else kept.push(raw);
    } else kept.push(rawOf(state.src, [node]));
  }
  state.adr.preamble = kept.filter(Boolean).join('\n\n');
}

function readStatusSection(state: State, nodes: RootContent[]): void {
  state.sawNygard = true;
  const firstLine = lineOf(state, nodes[0]);
  const lines = rawOf(state.src, nodes)
    .split('\n')
    .map((l) => l.replace(/^\s*(?:[-*+]|\d+\.)\s+/, '').trim());
  let sawStatus = false;
  lines.forEach((text, i) => {
    if (!text) return;
    const supersedes = /^supersedes\s*:?\s*(.+)$/i.exec(text);
    if (supersedes) state.adr.supersedes.push(supersedes[1]!.trim());
    else if (/^superseded\s+by\b/i.test(text) || !/\[[^\]]*\]\([^)]*\)/.test(text)) {
      if (sawStatus && !/^superseded\s+by\b/i.test(text)) state.adr.links.push(text);
      else applyStatus(state, text, firstLine + i);
      sawStatus = true;
    } else state.adr.links.push(text);
  });
}

function readOptionsList(state: State, nodes: RootContent[]): void {
  const intro: string[] = [];
  for (const node of nodes) {
    if (node.type === 'list') {
      for (const item of node.children) {
        const title = itemText(state.src, item).replace(/\s+/g, ' ');
        if (!findOption(state.adr, title)) state.adr.options.push(emptyOption(title));
      }
    } else intro.push(rawOf(state.src, [node]));
  }
  appendText(state.adr, 'optionsIntro', intro.join('\n\n'));
}

const emptyOption = (title: string) => ({ title, description: '', good: [], neutral: [], bad: [] });

const optionKey = (title: string) =>
  title
    .toLowerCase()
    .replace(/[[\]"'`*_]/g, '')
    .replace(/\s+/g, ' ')
    .trim();

function findOption(adr: Adr, title: string) {
  const key = optionKey(title);
  return (
    adr.options.find((o) => optionKey(o.title) === key) ??
    adr.options.find((o) => key.length > 0 && optionKey(o.title).startsWith(key))
  );
}

function appendText(
  adr: Adr,
  field: 'optionsIntro' | 'context' | 'moreInformation' | 'confirmation',
  text: string,
) {
  if (!text) return;
  adr[field] = adr[field] ? `${adr[field]}\n\n${text}` : text;
}

function readProsAndCons(state: State, nodes: RootContent[]): void {
  const { lead, groups } = splitAtHeadings(nodes, 3);
  appendText(state.adr, 'optionsIntro', rawOf(state.src, lead));
  for (const group of groups) {
    const title = headingText(state.src, group.heading);
    let option = findOption(state.adr, title);
    if (!option) {
      option = emptyOption(title);
      state.adr.options.push(option);
    }
    const sorted = sortVerdicts(state.src, group.nodes);
    option.description = [option.description, sorted.rest].filter(Boolean).join('\n\n');
    option.good.push(...sorted.good);
    option.neutral.push(...sorted.neutral);
    option.bad.push(...sorted.bad);
  }
}

function readConsequences(state: State, nodes: RootContent[], plain: 'good' | 'bad' | 'rest') {
  const sorted = sortVerdicts(state.src, nodes, plain);
  const c = state.adr.consequences;
  c.good.push(...sorted.good);
  c.neutral.push(...sorted.neutral);
  c.bad.push(...sorted.bad);
  c.notes = [c.notes, sorted.rest].filter(Boolean).join('\n\n');
}

/** `Chosen option: "X", because …` (MADR) or the decision as prose (Nygard). */
function readChosen(text: string): { chosenOption: string; justification: string } | null {
  const match = /^chosen option\s*:?\s*/i.exec(text);
  if (!match) return null;
  let rest = text.slice(match[0].length);
  let title: string;
  const quoted = /^"([^"\n]+)"/.exec(rest) ?? /^\[([^\]\n]+)\](?!\()/.exec(rest);
  if (quoted) {
    title = quoted[1]!;
    rest = rest.slice(quoted[0].length);
  } else {
    const end = rest.search(/,\s*because\b|\n/);
    title = (end < 0 ? rest : rest.slice(0, end)).replace(/\.$/, '');
    rest = end < 0 ? '' : rest.slice(end);
  }
  const justification = rest.replace(/^\s*,?\s*(?:because\b\s*)?/i, '');
  return { chosenOption: title.trim(), justification };
}

function readOutcome(state: State, nodes: RootContent[]): void {
  const { lead, groups } = splitAtHeadings(nodes, 3);
  const first = lead[0];
  const chosen = first?.type === 'paragraph' ? readChosen(rawOf(state.src, [first])) : null;
  const parts: string[] = [];
  if (chosen) {
    state.adr.outcome.chosenOption = chosen.chosenOption;
    parts.push(chosen.justification);
    parts.push(rawOf(state.src, lead.slice(1)));
  } else parts.push(rawOf(state.src, lead));
  for (const group of groups) {
    const key = headingKey(headingText(state.src, group.heading));
    if (key === 'consequences') readConsequences(state, group.nodes, 'rest');
    else if (key === 'positive consequences') readConsequences(state, group.nodes, 'good');
    else if (key === 'negative consequences') readConsequences(state, group.nodes, 'bad');
    else if (key === 'confirmation' || key === 'validation')
      appendText(state.adr, 'confirmation', rawOf(state.src, group.nodes));
    else parts.push(rawOf(state.src, [group.heading, ...group.nodes]));
  }
  const text = parts.filter(Boolean).join('\n\n');
  state.adr.outcome.justification = [state.adr.outcome.justification, text]
    .filter(Boolean)
    .join('\n\n');
}

type SectionReader = (state: State, nodes: RootContent[]) => void;

const SECTIONS: Record<string, { field: string; read: SectionReader }> = {};
const register = (keys: string[], field: string, read: SectionReader) => {
  for (const key of keys) SECTIONS[key] = { field, read };
};
register(
  ['context and problem statement', 'context', 'problem statement', 'context and problem'],
  'context',
  (s, n) => appendText(s.adr, 'context', rawOf(s.src, n)),
);
register(['decision drivers'], 'drivers', (s, nodes) => {
  for (const node of nodes) {
    if (node.type === 'list')
      s.adr.decisionDrivers.push(...node.children.map((i) => itemText(s.src, i)));
    else s.adr.decisionDrivers.push(rawOf(s.src, [node]));
  }
});
register(['considered options'], 'options', readOptionsList);
register(
  ['pros and cons of the options', 'pros and cons of the alternatives'],
  'pros',
  readProsAndCons,
);
register(['decision outcome', 'decision'], 'outcome', readOutcome);
register(['consequences'], 'consequences', (s, n) => readConsequences(s, n, 'rest'));
register(['positive consequences'], 'positive', (s, n) => readConsequences(s, n, 'good'));
register(['negative consequences'], 'negative', (s, n) => readConsequences(s, n, 'bad'));
register(['confirmation', 'validation'], 'confirmation', (s, n) =>
  appendText(s.adr, 'confirmation', rawOf(s.src, n)),
);
register(['more information', 'links'], 'more', (s, n) =>
  appendText(s.adr, 'moreInformation', rawOf(s.src, n)),
);
register(['status'], 'status', readStatusSection);
register(
  ['summary', 'summary for founders', 'plain-language summary', 'in plain words'],
  'summary',
  (s, n) => {
    if (!s.adr.summary) s.adr.summary = rawOf(s.src, n);
    else s.adr.extraSections.push({ heading: 'Summary', body: rawOf(s.src, n) });
  },
);

function readFrontMatter(
  state: State,
  data: Record<string, unknown>,
  keyLines: Record<string, number>,
) {
  const adr = state.adr;
  if (data.status !== undefined && data.status !== null)
    applyStatus(state, asText(data.status), keyLines.status ?? 2);
  if (data.date !== undefined && data.date !== null && data.date !== '')
    adr.date = checkDate(asText(data.date), keyLines.date ?? 2);
  adr.decisionMakers = splitPeople(data['decision-makers'] ?? data.deciders);
  adr.consulted = splitPeople(data.consulted);
  adr.informed = splitPeople(data.informed);
  if (typeof data.summary === 'string') adr.summary = data.summary.trim();
  adr.supersedes = listOf(data.supersedes);
  adr.links = listOf(data.links);
  for (const [key, value] of Object.entries(data)) {
    if (!KNOWN_FRONT_MATTER.has(key)) adr.extraFrontMatter[key] = value;
  }
}

function detectFormat(
  state: State,
  data: Record<string, unknown>,
  hasFrontMatter: boolean,
): AdrFormat {
  if (hasFrontMatter) return 'deciders' in data ? 'madr-3' : 'madr-4';
  if (state.sawStatusList) return 'madr-2';
  if (state.sawNygard) return 'nygard';
  return 'madr-4';
}

/** Reads one ADR file. */
export function parseAdr(file: AdrFile): Result<ParsedAdr, AdrProblem> {
  const content = file.content.replace(/^\uFEFF/, '').replace(/\r\n?/g, '\n');
  const fail = (line: number, message: string) => err({ path: file.path, line, message });
  if (!content.trim()) return fail(1, 'the file is empty');
  const fm = splitFrontMatter(content);
  if (!fm.ok) return fail(fm.error.line, fm.error.message);
  const src: Source = { text: fm.value.body };
  const tree = fromMarkdown(src.text);
  const state: State = {
    adr: emptyAdr(),
    src,
    lineOffset: fm.value.bodyLine - 1,
    warnings: [],
    filled: new Set(),
    sawStatusList: false,
    sawNygard: false,
  };
  try {
    readFrontMatter(state, fm.value.data, fm.value.keyLines);
    const titleIndex = tree.children.findIndex((n) => n.type === 'heading' && n.depth === 1);
    const titleNode = tree.children[titleIndex];
    if (!titleNode || titleNode.type !== 'heading') {
      return fail(fm.value.bodyLine, 'no title: an ADR starts with a "# Title" line');
    }
    readTitle(state, headingText(src, titleNode), file.path);
    const before = tree.children.slice(0, titleIndex);
    const { lead, groups } = splitAtHeadings(tree.children.slice(titleIndex + 1), 2);
    readPreamble(state, [...before, ...lead]);
    for (const group of groups) {
      const heading = headingText(src, group.heading);
      const section = SECTIONS[headingKey(heading)];
      if (section && !state.filled.has(section.field)) {
        state.filled.add(section.field);
        section.read(state, group.nodes);
      } else state.adr.extraSections.push({ heading, body: rawOf(src, group.nodes) });
    }
  } catch (error) {
    if (error instanceof Problem) return fail(error.line, error.message);
    throw error;
  }
  const warnings = state.warnings.map((w) => ({ path: file.path, ...w }));
  return ok({
    path: file.path,
    format: detectFormat(state, fm.value.data, fm.value.body !== content),
    adr: state.adr,
    warnings,
  });
}

function readTitle(state: State, text: string, path: string): void {
  const numbered = /^(?:adr[-\s]?)?(\d+)\s*[.:\-–—]\s*(.+)$/i.exec(text);
  state.adr.title = (numbered ? numbered[2]! : text).trim();
  state.adr.number = numberFromPath(path) ?? (numbered ? Number(numbered[1]) : null);
}

export type { AdrStatus };
