/**
 * @module The detector: keyword prefilter with plain string search, then RE2 matching only on
 * candidate lines (or windows of very long lines), then entropy, placeholder and allowance
 * filters. Input is one text and its path; output is hits with the secret held in memory only.
 */
import { hasInlineAllow, isAllowed, isPathAllowed } from './allow.ts';
import type { CompiledRule, RuleSet } from './compile.ts';
import { rankOf } from './compile.ts';
import { isPlaceholder, shannonEntropy } from './entropy.ts';

/** Lines longer than this (minified code) are matched in windows around keyword hits. */
const LONG_LINE = 8192;
const WINDOW = 2048;
const MULTILINE_SPAN = 65536;
/** Per keyword per text: bounds the work an adversarial file can cause. */
const MAX_KEYWORD_HITS = 2000;
/** Re-searches after rejected candidates, per range. */
const MAX_RETRIES = 16;

export interface Hit {
  rule: CompiledRule;
  /** The raw secret: callers mask it and drop it; it must never be stored. */
  secret: string;
  start: number;
  line: number;
  column: number;
  lineText: string;
  entropy: number;
}

export interface DetectOutput {
  hits: Hit[];
  inlineAllowed: number;
}

interface Range {
  start: number;
  end: number;
}

class LineIndex {
  private starts: number[] | undefined;
  constructor(private readonly text: string) {}
  /** 0-based line number of an offset. */
  lineOf(offset: number): number {
    this.starts ??= this.build();
    let lo = 0;
    let hi = this.starts.length - 1;
    while (lo < hi) {
      const mid = (lo + hi + 1) >> 1;
      if (this.starts[mid]! <= offset) lo = mid;
      else hi = mid - 1;
    }
    return lo;
  }
  startOf(line: number): number {
    this.starts ??= this.build();
    return this.starts[line] ?? 0;
  }
  private build(): number[] {
    const starts = [0];
    for (let i = this.text.indexOf('\n'); i !== -1; i = this.text.indexOf('\n', i + 1))
      starts.push(i + 1);
    return starts;
  }
}

/** Turns keyword hits into line ranges (windows on very long lines), without duplicates. */
function rangesFor(
  text: string,
  positions: number[],
  isMultiline: boolean,
  span = MULTILINE_SPAN,
): Range[] {
  const ranges: Range[] = [];
  let coveredUntil = -1;
  for (const idx of positions) {
    if (idx < coveredUntil) continue;
    const lineStart = text.lastIndexOf('\n', idx) + 1;
    let lineEnd = text.indexOf('\n', idx);
    if (lineEnd === -1) lineEnd = text.length;
    let range: Range;
    if (isMultiline) range = { start: lineStart, end: Math.min(text.length, lineStart + span) };
    else if (lineEnd - lineStart > LONG_LINE)
      range = { start: Math.max(lineStart, idx - WINDOW), end: Math.min(lineEnd, idx + WINDOW) };
    else range = { start: lineStart, end: lineEnd };
    ranges.push(range);
    coveredUntil = isMultiline ? idx + 1 : range.end;
  }
  return ranges;
}

/** Keyword id → sorted start offsets in the text (capped per keyword). */
function keywordHits(ruleSet: RuleSet, lower: string): Map<number, number[]> {
  const hits = new Map<number, number[]>();
  ruleSet.keywords.scan(lower, (id, start) => {
    let list = hits.get(id);
    if (!list) hits.set(id, (list = []));
    if (list.length < MAX_KEYWORD_HITS) list.push(start);
  });
  return hits;
}

function candidateRanges(
  rule: CompiledRule,
  ruleIndex: number,
  text: string,
  ruleSet: RuleSet,
  hits: Map<number, number[]> | undefined,
): Range[] {
  if (!hits || rule.keywords.length === 0) return [{ start: 0, end: text.length }];
  const positions: number[] = [];
  hits.forEach((list, id) => {
    if (ruleSet.rulesByKeyword[id]!.includes(ruleIndex)) positions.push(...list);
  });
  positions.sort((a, b) => a - b);
  return rangesFor(text, positions, rule.isMultiline, rule.spec.multilineSpan);
}

function lineTextAt(text: string, offset: number): string {
  const start = text.lastIndexOf('\n', offset) + 1;
  let end = text.indexOf('\n', offset);
  if (end === -1) end = text.length;
  return end - start > LONG_LINE
    ? text.slice(Math.max(start, offset - WINDOW), Math.min(end, offset + WINDOW))
    : text.slice(start, end);
}

/** Drops weaker hits that overlap a stronger one (a generic rule re-finding a known token). */
function dropOverlaps(hits: Hit[]): Hit[] {
  hits.sort(
    (a, b) =>
      rankOf(b.rule.confidence) - rankOf(a.rule.confidence) ||
      Number(a.rule.isKeyed) - Number(b.rule.isKeyed) ||
      a.rule.order - b.rule.order,
  );
  const kept: Hit[] = [];
  for (const hit of hits) {
    const end = hit.start + hit.secret.length;
    if (!kept.some((k) => k.start < end && hit.start < k.start + k.secret.length)) kept.push(hit);
  }
  return kept.sort((a, b) => a.start - b.start);
}

export interface DetectOptions {
  path: string;
  commit?: string;
  /** Default rules also drop placeholder-looking values; imported config rules do not. */
  isPlaceholderCheckFor?: (rule: CompiledRule) => boolean;
}

/** Finds secrets in one text. */
export function detect(text: string, ruleSet: RuleSet, options: DetectOptions): DetectOutput {
  const { path } = options;
  if (isPathAllowed(ruleSet.globalAllows, path)) return { hits: [], inlineAllowed: 0 };
  const lower = text.toLowerCase();
  // Case folding can change length (some non-ASCII letters); then offsets would not line up
  // and every rule runs on the whole text instead (still linear).
  const kwHits = lower.length === text.length ? keywordHits(ruleSet, lower) : undefined;
  const active = new Set<number>(ruleSet.keywordless);
  if (kwHits)
    for (const id of kwHits.keys()) for (const r of ruleSet.rulesByKeyword[id]!) active.add(r);
  else ruleSet.rules.forEach((_rule, i) => active.add(i));
  const index = new LineIndex(text);
  const hits: Hit[] = [];
  let inlineAllowed = 0;
  for (const ruleIndex of [...active].sort((a, b) => a - b)) {
    const rule = ruleSet.rules[ruleIndex]!;
    if (rule.pathRe && !rule.pathRe.test(path)) continue;
    const re = rule.regex();
    if (!re) {
      // A path-only rule (gitleaks allows them): the file itself is the finding.
      if (rule.pathRe && !rule.spec.regex)
        hits.push({ rule, secret: path, start: 0, line: 1, column: 1, lineText: '', entropy: 0 });
      continue;
    }
    const seen = new Set<number>();
    for (const range of candidateRanges(rule, ruleIndex, text, ruleSet, kwHits)) {
      const slice = text.slice(range.start, range.end);
      // The DFA answers "any match?" several times faster than the capturing matcher, and
      // most candidate lines (a keyword in ordinary code) do not match at all.
      if (!re.test(slice)) continue;
      const matcher = re.matcher(slice);
      let retries = 0;
      for (let found = matcher.find(); found;) {
        const secret = matcher.group(rule.secretGroup);
        const local = matcher.start(rule.secretGroup);
        const whole = matcher.group(0) ?? '';
        // A rejected candidate (say `process.env.X` before `|| 'real-value'`) may hide a real
        // one inside its match: search again just after it, a bounded number of times.
        const next = (): boolean =>
          retries++ < MAX_RETRIES ? matcher.find(local + 1) : matcher.find();
        if (!secret) {
          found = matcher.find();
          continue;
        }
        const start = range.start + local;
        if (seen.has(start)) {
          found = matcher.find();
          continue;
        }
        seen.add(start);
        const entropy = shannonEntropy(secret);
        const checkPlaceholder =
          options.isPlaceholderCheckFor?.(rule) ??
          (rule.spec.family !== 'config' && !rule.spec.skipPlaceholderCheck);
        if (
          (rule.spec.entropy !== undefined && entropy < rule.spec.entropy) ||
          (checkPlaceholder && isPlaceholder(secret))
        ) {
          found = next();
          continue;
        }
        found = matcher.find();
        const lineText = lineTextAt(text, start);
        const ctx = {
          ruleId: rule.id,
          secret,
          match: whole,
          line: lineText,
          path,
          commit: options.commit,
        };
        if (isAllowed(rule, ruleSet.globalAllows, ctx)) continue;
        if (hasInlineAllow(lineText)) {
          inlineAllowed++;
          continue;
        }
        const line = index.lineOf(start);
        hits.push({
          rule,
          secret,
          start,
          line: line + 1,
          column: start - index.startOf(line) + 1,
          lineText,
          entropy,
        });
      }
    }
  }
  return { hits: dropOverlaps(hits), inlineAllowed };
}
