/**
 * @module Loads gitleaks-format TOML configs as they are: `[extend]` (useDefault, path,
 * disabledRules), `[[rules]]`, `[allowlist]`, `[[allowlists]]`, `[rules.allowlist]` and
 * `[[rules.allowlists]]`. Problems come back as values that name the file and the rule.
 */
import { readFile, realpath, stat } from 'node:fs/promises';
import { dirname, resolve, sep } from 'node:path';
import { parse } from 'smol-toml';
import { defaultGlobalAllow } from './rules/global-allow.ts';
import { resolveRuleId } from './gitleaks-ids.ts';
import { defaultRules } from './rules/index.ts';
import type { AllowSpec, Result, RuleSpec } from './types.ts';
import { err, ok } from './types.ts';

const MAX_CONFIG_BYTES = 1024 * 1024;
const MAX_EXTEND_DEPTH = 2;
const MAX_RULES = 5000;

export interface LoadedConfig {
  rules: RuleSpec[];
  globalAllow: AllowSpec[];
}

interface LoadState {
  problems: ConfigProblem[];
  /** Not errors: the config still loads (an id that matches no rule, for instance). */
  warnings: ConfigProblem[];
  root: string | undefined;
}

export interface ConfigProblem {
  file: string;
  ruleId?: string;
  message: string;
}

type Table = Record<string, unknown>;
const isTable = (value: unknown): value is Table =>
  typeof value === 'object' && value !== null && !Array.isArray(value);

class Problems {
  readonly list: ConfigProblem[] = [];
  constructor(private readonly file: string) {}
  add(message: string, ruleId?: string): void {
    this.list.push({ file: this.file, ruleId, message });
  }
  strings(value: unknown, field: string, ruleId?: string): string[] | undefined {
    if (value === undefined) return undefined;
    if (Array.isArray(value) && value.every((v) => typeof v === 'string')) return value;
    this.add(`${field} must be a list of strings`, ruleId);
    return undefined;
  }
}

function readAllow(
  raw: unknown,
  field: string,
  problems: Problems,
  ruleId?: string,
): AllowSpec | undefined {
  if (!isTable(raw)) {
    problems.add(`${field} must be a table`, ruleId);
    return undefined;
  }
  const target = raw.regexTarget;
  if (target !== undefined && target !== 'secret' && target !== 'match' && target !== 'line') {
    problems.add(`${field}.regexTarget must be "secret", "match" or "line"`, ruleId);
  }
  const condition = typeof raw.condition === 'string' ? raw.condition.toUpperCase() : undefined;
  if (condition !== undefined && condition !== 'AND' && condition !== 'OR')
    problems.add(`${field}.condition must be "AND" or "OR"`, ruleId);
  return {
    description: typeof raw.description === 'string' ? raw.description : undefined,
    condition: condition === 'AND' ? 'AND' : 'OR',
    paths: problems.strings(raw.paths, `${field}.paths`, ruleId),
    regexes: problems.strings(raw.regexes, `${field}.regexes`, ruleId),
    regexTarget: target === 'match' || target === 'line' ? target : 'secret',
    stopwords: problems.strings(raw.stopwords, `${field}.stopwords`, ruleId),
    commits: problems.strings(raw.commits, `${field}.commits`, ruleId),
    targetRules: problems.strings(raw.targetRules, `${field}.targetRules`, ruleId),
  };
}

/** Old singular table and new array of tables, both accepted. */
function readAllows(
  single: unknown,
  many: unknown,
  field: string,
  problems: Problems,
  ruleId?: string,
): AllowSpec[] {
  const out: AllowSpec[] = [];
  if (single !== undefined) {
    const allow = readAllow(single, field, problems, ruleId);
    if (allow) out.push(allow);
  }
  if (many !== undefined) {
    if (!Array.isArray(many)) problems.add(`${field}s must be an array of tables`, ruleId);
    else
      many.forEach((item, i) => {
        const allow = readAllow(item, `${field}s[${i}]`, problems, ruleId);
        if (allow) out.push(allow);
      });
  }
  return out;
}

function readRule(raw: unknown, index: number, problems: Problems): RuleSpec | undefined {
  if (!isTable(raw)) return void problems.add(`rules[${index}] must be a table`);
  const before = problems.list.length;
  const id = typeof raw.id === 'string' && raw.id.trim() ? raw.id : undefined;
  const name = id ?? `rules[${index}]`;
  if (!id) problems.add(`rules[${index}] has no id`, name);
  for (const field of ['regex', 'path', 'description'] as const) {
    if (raw[field] !== undefined && typeof raw[field] !== 'string')
      problems.add(`${field} must be a string`, name);
  }
  if (raw.secretGroup !== undefined && !Number.isInteger(raw.secretGroup))
    problems.add('secretGroup must be an integer', name);
  if (raw.entropy !== undefined && typeof raw.entropy !== 'number')
    problems.add('entropy must be a number', name);
  const tags = problems.strings(raw.tags, 'tags', name) ?? [];
  const isGeneric = name.startsWith('generic') || tags.includes('generic');
  const allow = readAllows(raw.allowlist, raw.allowlists, 'allowlist', problems, name);
  // A rule with a problem is left out, so the rest of the config can still run if asked.
  if (problems.list.length > before) return undefined;
  return {
    id: name,
    description: typeof raw.description === 'string' ? raw.description : name,
    regex: typeof raw.regex === 'string' ? raw.regex : undefined,
    path: typeof raw.path === 'string' ? raw.path : undefined,
    secretGroup: typeof raw.secretGroup === 'number' ? raw.secretGroup : undefined,
    entropy: typeof raw.entropy === 'number' ? raw.entropy : undefined,
    keywords: problems.strings(raw.keywords, 'keywords', name) ?? [],
    tags,
    allow,
    confidence: isGeneric ? 'low' : 'high',
    family: 'config',
  };
}

/** gitleaks' extend semantics: a rule with a known id refines the base rule. */
function mergeRule(base: RuleSpec, over: RuleSpec): RuleSpec {
  return {
    ...base,
    description: over.description !== over.id ? over.description : base.description,
    regex: over.regex ?? base.regex,
    path: over.path ?? base.path,
    secretGroup: over.secretGroup ?? base.secretGroup,
    entropy: over.entropy ?? base.entropy,
    keywords: [...base.keywords, ...over.keywords],
    tags: [...(base.tags ?? []), ...(over.tags ?? [])],
    allow: [...(base.allow ?? []), ...(over.allow ?? [])],
  };
}

/** True when `file` (symlinks resolved) is `root` or inside it. */
export async function isInside(root: string, file: string): Promise<boolean> {
  const [realRoot, realFile] = await Promise.all([
    realpath(root).catch(() => undefined),
    realpath(file).catch(() => undefined),
  ]);
  return (
    realRoot !== undefined &&
    realFile !== undefined &&
    (realFile === realRoot || realFile.startsWith(realRoot + sep))
  );
}

async function loadFile(
  file: string,
  depth: number,
  state: LoadState,
): Promise<LoadedConfig | undefined> {
  const { problems, root } = state;
  const local = new Problems(file);
  // A config from a scanned repository must not read the scanning machine's files.
  if (root !== undefined && !(await isInside(root, file)))
    return void problems.push({ file, message: 'the file is outside the repository' });
  const size = await stat(file).then(
    (s) => s.size,
    () => -1,
  );
  if (size < 0) return void problems.push({ file, message: 'cannot read the file' });
  if (size > MAX_CONFIG_BYTES)
    return void problems.push({
      file,
      message: `config is ${size} bytes (limit ${MAX_CONFIG_BYTES})`,
    });
  let doc: Table;
  try {
    doc = parse(await readFile(file, 'utf8'));
  } catch (error) {
    const message = error instanceof Error ? error.message.split('\n')[0]! : String(error);
    return void problems.push({ file, message: `invalid TOML: ${message}` });
  }
  let base: LoadedConfig = { rules: [], globalAllow: [] };
  if (doc.extend !== undefined) {
    const extend = isTable(doc.extend) ? doc.extend : (local.add('[extend] must be a table'), {});
    if (extend.useDefault === true)
      base = { rules: defaultRules(), globalAllow: [...defaultGlobalAllow] };
    if (typeof extend.path === 'string') {
      if (depth >= MAX_EXTEND_DEPTH)
        local.add(`[extend] path nests deeper than ${MAX_EXTEND_DEPTH} levels`);
      else {
        const extended = await loadFile(resolve(dirname(file), extend.path), depth + 1, state);
        if (extended)
          base = {
            rules: [...base.rules, ...extended.rules],
            globalAllow: [...base.globalAllow, ...extended.globalAllow],
          };
      }
    }
    // gitleaks' own default ids (aws-access-token, private-key, …) name Keel's rules too.
    const known = new Set(base.rules.map((r) => r.id));
    const disabled = new Set<string>();
    for (const id of local.strings(extend.disabledRules, '[extend] disabledRules') ?? []) {
      const matched = resolveRuleId(id, known);
      if (matched.length === 0)
        state.warnings.push({
          file,
          ruleId: id,
          message: '[extend] disabledRules: no rule has this id; nothing was disabled',
        });
      for (const k of matched) disabled.add(k);
    }
    base.rules = base.rules.filter((r) => !disabled.has(r.id));
  }
  const rawRules = doc.rules ?? [];
  if (!Array.isArray(rawRules)) local.add('rules must be an array of tables ([[rules]])');
  else if (rawRules.length > MAX_RULES) local.add(`${rawRules.length} rules (limit ${MAX_RULES})`);
  const rules = [...base.rules];
  if (Array.isArray(rawRules) && rawRules.length <= MAX_RULES) {
    rawRules.forEach((raw, i) => {
      const spec = readRule(raw, i, local);
      if (!spec) return;
      // A gitleaks default id refines the Keel rules covering the same credential.
      const targets = resolveRuleId(spec.id, new Set(rules.map((r) => r.id)));
      if (targets.length === 0) {
        if (!spec.regex && !spec.path)
          local.add(
            'no rule has this id to refine, and a new rule needs a regex or a path',
            spec.id,
          );
        else rules.push(spec);
        return;
      }
      for (const id of targets) {
        const at = rules.findIndex((r) => r.id === id);
        rules[at] = mergeRule(rules[at]!, spec);
      }
    });
  }
  const globalAllow = [
    ...base.globalAllow,
    ...readAllows(doc.allowlist, doc.allowlists, 'allowlist', local),
  ];
  problems.push(...local.list);
  return { rules, globalAllow };
}

/**
 * Loads a gitleaks config. With `root`, the file and every `[extend] path` must lie inside it
 * (symlinks resolved): the server reads configs from repositories it does not trust.
 * An unreadable file is an error; problems in single rules come back
 * beside the usable rules, each naming file and rule, and the caller decides whether to go on.
 */
export async function loadGitleaksConfig(
  file: string,
  options: { root?: string } = {},
): Promise<
  Result<
    { config: LoadedConfig; problems: ConfigProblem[]; warnings: ConfigProblem[] },
    ConfigProblem[]
  >
> {
  const state: LoadState = { problems: [], warnings: [], root: options.root };
  const loaded = await loadFile(resolve(file), 0, state);
  if (!loaded) return err(state.problems);
  // targetRules may use gitleaks' ids too; one that names no rule would silently allow nothing.
  const known = new Set(loaded.rules.map((r) => r.id));
  for (const allow of loaded.globalAllow) {
    if (!allow.targetRules) continue;
    allow.targetRules = allow.targetRules.flatMap((id) => {
      const matched = resolveRuleId(id, known);
      if (matched.length === 0)
        state.warnings.push({
          file: resolve(file),
          ruleId: id,
          message: 'allowlist targetRules: no rule has this id; the allowlist applies to none',
        });
      return matched;
    });
  }
  return ok({ config: loaded, problems: state.problems, warnings: state.warnings });
}

export const describeProblem = (p: ConfigProblem): string =>
  `${p.file}${p.ruleId ? `: rule "${p.ruleId}"` : ''}: ${p.message}`;
