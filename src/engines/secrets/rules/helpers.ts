/**
 * @module Pattern builders shared by the rule families, in the shape gitleaks uses so that
 * default rules and imported configs behave alike.
 */
import type { RuleSample, RuleSpec } from '../types.ts';

/** What may end a token: quote, whitespace, separator, escaped newline or end of line. */
const END = `(?:[\\x60'"\\s;,)\\]}<>]|\\\\[nrt]|$)`;
const UUID = '[0-9a-f]{8}-[0-9a-f]{4}-[0-9a-f]{4}-[0-9a-f]{4}-[0-9a-f]{12}';

/** A self-identifying token (fixed prefix): `\b(TOKEN)END`. */
export function prefixed(token: string, caseInsensitive = false): string {
  return `${caseInsensitive ? '(?i)' : ''}\\b(${token})${END}`;
}

/**
 * A token only recognisable by the name it is assigned to: `<identifier…> = "<secret>"`,
 * in env, YAML, JSON, code and CLI-flag forms.
 */
export function keyed(identifiers: string, secret: string): string {
  return (
    `(?i)[\\w.-]{0,50}?(?:${identifiers})(?:[ \\t\\w.-]{0,20})[\\s'"]{0,3}` +
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
    identifiers.map((k) => k.toLowerCase()),
    keyed(identifiers.join('|'), secret),
    sample,
    {
      entropy: 3,
      ...extra,
    },
  );
}
