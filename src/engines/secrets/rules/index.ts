/**
 * @module The default rule registry: one map from family name to its rules, each family in
 * its own file. Adding a family means one import and one entry here.
 */
import type { RuleSpec } from '../types.ts';
import { aiRules } from './ai.ts';
import { chatRules } from './chat.ts';
import { ciRules } from './ci.ts';
import { cloudRules } from './cloud.ts';
import { databaseRules } from './databases.ts';
import { emailSmsRules } from './email-sms.ts';
import { genericRules } from './generic.ts';
import { keyRules } from './keys.ts';
import { observabilityRules } from './observability.ts';
import { paymentRules } from './payments.ts';
import { registryRules } from './registries.ts';
import { saasRules } from './saas.ts';
import { sourceHostingRules } from './source-hosting.ts';

/** Specific families first: when two rules match the same secret the earlier one is kept. */
export const ruleFamilies: ReadonlyMap<string, readonly RuleSpec[]> = new Map([
  ['keys', keyRules],
  ['cloud', cloudRules],
  ['source-hosting', sourceHostingRules],
  ['ci', ciRules],
  ['payments', paymentRules],
  ['chat', chatRules],
  ['email-sms', emailSmsRules],
  ['registries', registryRules],
  ['ai', aiRules],
  ['observability', observabilityRules],
  ['saas', saasRules],
  ['databases', databaseRules],
  ['generic', genericRules],
]);

/** Every default rule, tagged with its family. */
export function defaultRules(): RuleSpec[] {
  const rules: RuleSpec[] = [];
  for (const [family, list] of ruleFamilies)
    for (const spec of list) rules.push({ ...spec, family });
  return rules;
}
