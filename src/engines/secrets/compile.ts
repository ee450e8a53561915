/**
 * @module Turns rule specs into matchers. Every pattern runs on RE2 semantics (re2js), so a
 * hostile pattern or input cannot backtrack; invalid specs come back as errors naming the rule.
 */
import { RE2JS } from 're2js';
import { KeywordIndex } from './keyword-index.ts';
import type { AllowSpec, Confidence, RuleSpec } from './types.ts';

export const MAX_PATTERN_LENGTH = 4096;
const MAX_KEYWORDS = 100;

export interface CompiledAllow {
  isAnd: boolean;
  paths: RE2JS[];
  regexes: RE2JS[];
  target: 'secret' | 'match' | 'line';
  stopwords: string[];
  commits: Set<string>;
  targetRules?: Set<string>;
}

export interface CompiledRule {
  spec: RuleSpec;
  id: string;
  order: number;
  /** The compiled pattern; built on first use for the (tested) default rules. */
  regex: () => RE2JS | undefined;
  pathRe?: RE2JS;
  keywords: string[];
  secretGroup: number;
  confidence: Confidence;
  isBlocking: boolean;
  isMultiline: boolean;
  /** Recognised only by its variable name: loses ties to self-identifying rules. */
  isKeyed: boolean;
  allows: CompiledAllow[];
}

export interface RuleSet {
  rules: CompiledRule[];
  globalAllows: CompiledAllow[];
  keywords: KeywordIndex;
  /** For each keyword id, the rules (by index in `rules`) that list it. */
  rulesByKeyword: number[][];
  /** Rules without keywords run on every text. */
  keywordless: number[];
}

/** A rule or allowance that could not be used, and why. */
export interface RuleError {
  ruleId: string;
  field: string;
  message: string;
}

const CONFIDENCE_RANK: Record<Confidence, number> = { high: 3, medium: 2, low: 1 };
export const rankOf = (confidence: Confidence): number => CONFIDENCE_RANK[confidence];

/** Compiles one RE2 pattern; the error is a value. */
export function compilePattern(pattern: string): { re: RE2JS } | { error: string } {
  if (pattern.length > MAX_PATTERN_LENGTH)
    return { error: `pattern is ${pattern.length} characters (limit ${MAX_PATTERN_LENGTH})` };
  try {
    return { re: RE2JS.compile(pattern) };
  } catch (error) {
    return { error: error instanceof Error ? error.message : String(error) };
  }
}

function compileAllow(allow: AllowSpec, ruleId: string, errors: RuleError[]): CompiledAllow {
  const compileAll = (patterns: string[] | undefined, field: string): RE2JS[] =>
    (patterns ?? []).flatMap((pattern) => {
      const result = compilePattern(pattern);
      if ('re' in result) return [result.re];
      errors.push({
        ruleId,
        field,
        message: `invalid regex ${JSON.stringify(pattern.slice(0, 80))}: ${result.error}`,
      });
      return [];
    });
  return {
    isAnd: allow.condition?.toUpperCase() === 'AND',
    paths: compileAll(allow.paths, 'allowlist.paths'),
    regexes: compileAll(allow.regexes, 'allowlist.regexes'),
    target: allow.regexTarget ?? 'secret',
    stopwords: (allow.stopwords ?? []).map((word) => word.toLowerCase()),
    commits: new Set(allow.commits ?? []),
    targetRules: allow.targetRules ? new Set(allow.targetRules) : undefined,
  };
}

/** Group count without compiling: counts capturing `(` (not `(?:`, not escaped, not in a class). */
export function countGroups(pattern: string): number {
  let count = 0;
  let inClass = false;
  for (let i = 0; i < pattern.length; i++) {
    const c = pattern[i];
    if (c === '\\') i++;
    else if (inClass) inClass = c !== ']';
    else if (c === '[') inClass = true;
    else if (
      c === '(' &&
      (pattern[i + 1] !== '?' || pattern[i + 2] === 'P' || pattern[i + 2] === '<')
    )
      count++;
  }
  return count;
}

/**
 * Compiles one rule; errors are appended and `undefined` returned when it cannot run.
 * Trusted (built-in, tested) rules compile their pattern lazily: most scans need few of them.
 */
export function compileRule(
  spec: RuleSpec,
  order: number,
  errors: RuleError[],
  isTrusted = false,
): CompiledRule | undefined {
  const before = errors.length;
  const fail = (field: string, message: string): void =>
    void errors.push({ ruleId: spec.id, field, message });
  if (!spec.regex && !spec.path) fail('regex', 'a rule needs a regex or a path');
  let re: RE2JS | undefined;
  let groups = 0;
  if (spec.regex && !isTrusted) {
    const result = compilePattern(spec.regex);
    if ('re' in result) {
      re = result.re;
      groups = re.groupCount();
    } else fail('regex', result.error);
  } else if (spec.regex) groups = countGroups(spec.regex);
  let pathRe: RE2JS | undefined;
  if (spec.path) {
    const result = compilePattern(spec.path);
    if ('re' in result) pathRe = result.re;
    else fail('path', result.error);
  }
  if (spec.keywords.length > MAX_KEYWORDS)
    fail('keywords', `${spec.keywords.length} keywords (limit ${MAX_KEYWORDS})`);
  const secretGroup = spec.secretGroup ?? (groups > 0 ? 1 : 0);
  if (secretGroup < 0 || secretGroup > groups)
    fail('secretGroup', `secretGroup ${secretGroup} but the regex has ${groups} groups`);
  if (spec.entropy !== undefined && !(spec.entropy >= 0 && spec.entropy <= 8))
    fail('entropy', `entropy must be between 0 and 8`);
  const allows = (spec.allow ?? []).map((allow) => compileAllow(allow, spec.id, errors));
  if (errors.length > before) return undefined;
  const confidence = spec.confidence ?? 'high';
  return {
    spec,
    id: spec.id,
    order,
    regex: () => {
      if (re === undefined && spec.regex) {
        const result = compilePattern(spec.regex);
        re = 're' in result ? result.re : undefined;
      }
      return re;
    },
    pathRe,
    keywords: [...new Set(spec.keywords.map((k) => k.toLowerCase()).filter((k) => k.length > 0))],
    secretGroup,
    confidence,
    isBlocking: spec.isBlocking ?? confidence !== 'low',
    isKeyed: (spec.regex ?? '').startsWith('(?i)[\\w.-]{0,50}?'),
    isMultiline: spec.isMultiline ?? /\\n|\[\\s\\S\]|\(\?s|-----BEGIN/.test(spec.regex ?? ''),
    allows,
  };
}

/** Compiles a rule set: usable rules plus every error found (callers decide whether to go on). */
export function compileRuleSet(
  specs: RuleSpec[],
  globalAllow: AllowSpec[],
): { ruleSet: RuleSet; errors: RuleError[] } {
  const errors: RuleError[] = [];
  const seen = new Set<string>();
  const rules: CompiledRule[] = [];
  specs.forEach((spec, index) => {
    if (seen.has(spec.id))
      errors.push({ ruleId: spec.id, field: 'id', message: 'duplicate rule id' });
    seen.add(spec.id);
    const compiled = compileRule(
      spec,
      index,
      errors,
      spec.family !== undefined && spec.family !== 'config',
    );
    if (compiled) rules.push(compiled);
  });
  const globalAllows = globalAllow.map((allow) =>
    compileAllow(allow, '(global allowlist)', errors),
  );
  const keywordIds = new Map<string, number>();
  const rulesByKeyword: number[][] = [];
  const keywordless: number[] = [];
  rules.forEach((rule, i) => {
    // The keyword automaton is ASCII-only: a rule with another keyword runs on every text.
    if (
      rule.keywords.length === 0 ||
      rule.keywords.some((k) => [...k].some((ch) => ch.charCodeAt(0) > 127))
    ) {
      keywordless.push(i);
      return;
    }
    for (const keyword of rule.keywords) {
      let id = keywordIds.get(keyword);
      if (id === undefined) {
        id = keywordIds.size;
        keywordIds.set(keyword, id);
        rulesByKeyword.push([]);
      }
      rulesByKeyword[id]!.push(i);
    }
  });
  const keywords = new KeywordIndex([...keywordIds.keys()]);
  return { ruleSet: { rules, globalAllows, keywords, rulesByKeyword, keywordless }, errors };
}
