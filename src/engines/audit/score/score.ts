/**
 * @module Stage 6, score: the overall score is the weighted mean of applicable checks (weight by
 * risk), and the level is the highest of Bronze / Silver / Gold whose checks, and every check of
 * the levels below, all pass (score ≥ passScore). Not-applicable checks neither count nor block;
 * a check that crashed (no score, not passed) does not count but blocks its level.
 */
import type { CheckResult } from '../report-types.ts';
import type { Level } from '../types.ts';

const ORDER: readonly Level[] = ['bronze', 'silver', 'gold'];

export function overallScore(checks: readonly CheckResult[]): number | null {
  let weighted = 0;
  let weights = 0;
  for (const check of checks) {
    if (check.score === null || check.weight <= 0) continue;
    weighted += check.score * check.weight;
    weights += check.weight;
  }
  return weights === 0 ? null : Math.round((weighted / weights) * 10) / 10;
}

export function levelOf(checks: readonly CheckResult[]): Level | null {
  let reached: Level | null = null;
  for (const level of ORDER) {
    const required = checks.filter((check) => check.level === level);
    if (required.some((check) => check.passed === false)) break;
    reached = level;
  }
  return reached;
}
