/**
 * @module Stage 5, checks: runs every enabled check of the registry, applies the config's risk,
 * weight and level overrides, and turns each check's drafts into fingerprinted findings.
 */
import type { AuditConfig } from '../config.ts';
import { disambiguate, fingerprintOf } from '../findings/fingerprint.ts';
import type { CheckResult, Finding } from '../report-types.ts';
import { messageOf } from '../result.ts';
import type { SkipNote } from '../types.ts';
import type { CheckContext, CheckDefinition } from './check-types.ts';
import { CHECKS } from './index.ts';

/**
 * Findings kept per check. Every finding is reported (renderers show the first ones and say how
 * many more), so a --baseline still matches when one is fixed; this bound only keeps memory in
 * check on pathological trees, and a cut is reported in `skipped`.
 */
export const MAX_FINDINGS_PER_CHECK = 20_000;

export async function runChecks(
  context: CheckContext,
  config: AuditConfig,
  skipped: SkipNote[],
  registry: ReadonlyMap<string, CheckDefinition> = CHECKS,
  maxFindings = MAX_FINDINGS_PER_CHECK,
): Promise<{ checks: CheckResult[]; findings: Finding[] }> {
  const checks: CheckResult[] = [];
  const findings: Finding[] = [];
  for (const unknownId of Object.keys(config.checks).filter((id) => !registry.has(id))) {
    skipped.push({ stage: 'checks', reason: `config names an unknown check "${unknownId}"` });
  }
  for (const definition of registry.values()) {
    const override = config.checks[definition.id] ?? {};
    if (override.enabled === false) continue;
    const risk = override.risk ?? definition.risk;
    const weight = override.weight ?? config.riskWeights[risk];
    const level = override.level ?? definition.level;
    const described = {
      id: definition.id,
      title: definition.title,
      risk,
      weight,
      level,
      whyItMatters: definition.whyItMatters,
      howToFix: definition.howToFix,
    };
    let outcome;
    try {
      outcome = await definition.run(context);
    } catch (error) {
      // A check that crashes is reported, not fatal: the audit finishes with the others. It
      // counts as not passed, so its level is not awarded unchecked, and has no score, so the
      // overall score is not pulled down by a fault of Keel's rather than of the repository.
      skipped.push({
        stage: 'checks',
        reason: `check ${definition.id} failed: ${messageOf(error)}`,
      });
      checks.push({
        ...described,
        score: null,
        passed: false,
        summary: `Could not be checked (${messageOf(error)}); the ${level} level waits for it.`,
        evidence: [],
      });
      continue;
    }
    checks.push({
      ...described,
      score: outcome.score,
      passed: outcome.score === null ? null : outcome.score >= config.passScore,
      summary: outcome.summary,
      evidence: outcome.evidence,
    });
    if (outcome.findings.length > maxFindings)
      skipped.push({
        stage: 'checks',
        reason: `check ${definition.id}: ${outcome.findings.length - maxFindings} of ${outcome.findings.length} findings past the limit of ${maxFindings} were not reported`,
      });
    for (const draft of outcome.findings.slice(0, maxFindings)) {
      findings.push({
        fingerprint: fingerprintOf(definition.id, draft.path, draft.key ?? draft.message),
        checkId: definition.id,
        severity: draft.severity ?? risk,
        message: draft.message,
        ...(draft.path !== undefined ? { path: draft.path } : {}),
        ...(draft.line !== undefined ? { line: draft.line } : {}),
        ...(draft.commit !== undefined ? { commit: draft.commit } : {}),
        whyItMatters: definition.whyItMatters,
        howToFix: definition.howToFix,
        baselined: false,
      });
    }
  }
  return { checks, findings: disambiguate(findings) };
}
