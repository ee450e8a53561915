/**
 * @module Pattern builders shared by the rule families, in the shape gitleaks uses so that
 * default rules and imported configs behave alike.
 */
import type { RuleSample, RuleSpec } from '../types.ts';

/**
 * What may end a token: quote, whitespace, separator, end of line, or a backslash (an escape
 * such as `\n` or `\"`: a token inside JSON-escaped text, a notebook cell or a string literal
 * holding code; no token format contains a backslash).
 */
const END = `(?:[\\x60'"\\s;,)\\]}<>\\\\]|$)`;
const UUID = '[0-9a-f]{8}-[0-9a-f]{4}-[0-9a-f]{4}-[0-9a-f]{4}-[0-9a-f]{12}';

/** A self-identifying token (fixed prefix): `\b(TOKEN)END`. */
export function prefixed(token: string, caseInsensitive = false): string {
  return `${caseInsensitive ? '(?i)' : ''}\\b(${token})${END}`;
}

/**
 * A token only recognisable by the name it is assigned to: `<identifier…> = "<secret>"`,
 * in env, YAML, JSON, code and CLI-flag forms, including an indexed name
 * (`gitlab_rails['smtp_password'] = …`, `$cfg['api_key'] = …`, `ENV["TOKEN"] = …`).
 */
export function keyed(identifiers: string, secret: string): string {
  return (
    `(?i)[\\w.-]{0,50}?(?:${identifiers})(?:[ \\t\\w.-]{0,20})[\\s'"\\]]{0,4}` +
    `(?:=|>|:{1,3}=|\\|\\||:|=>|\\?=|,)[\\x60'"\\s=]{0,5}(${secret})${END}`
  );
}

export const uuid = UUID;
export const uuidSample = '{uuid}';

/** Shorthand for a rule record; `family` is filled in by the registry. */
export function rule(
  id: string,
  description: string,
  keywords: string[],
  regex: string,
  sample: RuleSample,
  extra: Partial<RuleSpec> = {},
): RuleSpec {
  return { id, description, keywords, regex, sample, ...extra };
}

/** A rule for a token with a unique prefix. */
export function prefixRule(
  id: string,
  description: string,
  keywords: string[],
  token: string,
  sample: RuleSample,
  extra: Partial<RuleSpec> = {},
): RuleSpec {
  return rule(id, description, keywords, prefixed(token), sample, { entropy: 3, ...extra });
}

/**
 * Names are written with any separator (`DD_API_KEY`, `dd.api.key` in Java properties,
 * `dd-api-key` in CLI flags and YAML): each `_` or `-` in an identifier matches any of the three,
 * and the prefilter gets each spelling as a keyword.
 */
function anySeparator(identifier: string): string {
  return identifier.replace(/[_-]/g, '[._-]');
}

function spellings(identifier: string): string[] {
  const lower = identifier.toLowerCase();
  if (!/[_-]/.test(lower)) return [lower];
  return [...new Set(['_', '.', '-'].map((sep) => lower.replace(/[_-]/g, sep)))];
}

/** A rule for a token recognised by its variable name (needs an entropy floor). */
export function keyedRule(
  id: string,
  description: string,
  identifiers: string[],
  secret: string,
  sample: RuleSample,
  extra: Partial<RuleSpec> = {},
): RuleSpec {
  return rule(
    id,
    description,
    [...new Set(identifiers.flatMap(spellings))],
    keyed(identifiers.map(anySeparator).join('|'), secret),
    sample,
    {
      entropy: 3,
      ...extra,
    },
  );
}

/**
 * A value named by nested YAML keys (Helm values, Kubernetes and agent configs): the provider
 * is the parent key and the field a child a few lines below it,
 * `datadog:` … `  apiKey: <secret>`. Children must be indented under the parent; up to eight
 * sibling lines may come first.
 */
export function nestedKeyRule(
  id: string,
  description: string,
  parents: string[],
  children: string[],
  secret: string,
  sample: RuleSample,
  extra: Partial<RuleSpec> = {},
): RuleSpec {
  return rule(
    id,
    description,
    parents.map((p) => p.toLowerCase()),
    `(?im)^[ \\t-]*(?:${parents.join('|')})[ \\t]*:[ \\t]*\\r?\\n` +
      `(?:[ \\t]+[^\\n]*\\n){0,8}?[ \\t]+(?:${children.map(anySeparator).join('|')})[ \\t]*:` +
      `[ \\t]*["']?(${secret})${END}`,
    sample,
    // Ten lines from the parent key at most: 2 KiB, not the 64 KiB a private key may need.
    { entropy: 3, isMultiline: true, multilineSpan: 2048, ...extra },
  );
}
