/** @module Decides whether an allowance (rule-level or global) covers a candidate match. */
import type { CompiledAllow, CompiledRule } from './compile.ts';

export interface AllowContext {
  ruleId: string;
  secret: string;
  match: string;
  line: string;
  path: string;
  commit?: string;
}

function coversOne(allow: CompiledAllow, ctx: AllowContext): boolean {
  const checks: boolean[] = [];
  if (allow.commits.size > 0)
    checks.push(ctx.commit !== undefined && allow.commits.has(ctx.commit));
  if (allow.paths.length > 0) checks.push(allow.paths.some((re) => re.test(ctx.path)));
  if (allow.regexes.length > 0) {
    const target =
      allow.target === 'match' ? ctx.match : allow.target === 'line' ? ctx.line : ctx.secret;
    checks.push(allow.regexes.some((re) => re.test(target)));
  }
  if (allow.stopwords.length > 0) {
    const lower = ctx.secret.toLowerCase();
    checks.push(allow.stopwords.some((word) => lower.includes(word)));
  }
  if (checks.length === 0) return false;
  return allow.isAnd ? checks.every(Boolean) : checks.some(Boolean);
}

/** True when the rule's own allowances or a global allowance covers the match. */
export function isAllowed(
  rule: CompiledRule,
  globalAllows: CompiledAllow[],
  ctx: AllowContext,
): boolean {
  if (rule.allows.some((allow) => coversOne(allow, ctx))) return true;
  return globalAllows.some(
    (allow) => (!allow.targetRules || allow.targetRules.has(rule.id)) && coversOne(allow, ctx),
  );
}

/** True when a global path allowance skips the whole file (checked before matching). */
export function isPathAllowed(globalAllows: CompiledAllow[], path: string): boolean {
  return globalAllows.some(
    (allow) =>
      !allow.targetRules &&
      !allow.isAnd &&
      allow.paths.length > 0 &&
      allow.paths.some((re) => re.test(path)),
  );
}

const INLINE_MARKERS = ['keel:allow', 'gitleaks:allow'];

/** An inline `keel:allow` (or gitleaks' `gitleaks:allow`) comment on the line accepts the finding. */
export const hasInlineAllow = (line: string): boolean =>
  INLINE_MARKERS.some((marker) => line.includes(marker));
