/**
 * @module Severity of an OSV record: the score of its CVSS v4.0 or v3.x vector (v4 first, as
 * the newer assessment), else the database's own label (GitHub's `database_specific.severity`),
 * mapped to the CVSS qualitative rating scale.
 */
import cvssCalculator from 'ae-cvss-calculator';
import type { OsvRecord, OsvSeverity } from '../osv/osv-types.ts';
import type { Severity, SeverityRating } from '../types.ts';
import { cvss3BaseScore } from './cvss3.ts';

export function ratingFor(score: number): SeverityRating {
  if (score === 0) return 'none';
  if (score < 4) return 'low';
  if (score < 7) return 'medium';
  if (score < 9) return 'high';
  return 'critical';
}

function cvss4BaseScore(vector: string): number | null {
  try {
    const score = new cvssCalculator.Cvss4P0(vector).calculateScores().base;
    return typeof score === 'number' && Number.isFinite(score) ? score : null;
  } catch {
    // The library throws on malformed vectors; an unreadable vector just means no score.
    return null;
  }
}

// Advisories reuse a small set of vectors; scoring each distinct one once keeps scans fast.
const vectorScores = new Map<string, Severity | null>();

export function scoreVector(entry: OsvSeverity): Severity | null {
  const key = `${entry.type}\u0000${entry.score}`;
  let scored = vectorScores.get(key);
  if (scored === undefined) {
    scored = computeScore(entry);
    if (vectorScores.size > 100_000) vectorScores.clear();
    vectorScores.set(key, scored);
  }
  return scored;
}

function computeScore(entry: OsvSeverity): Severity | null {
  const score =
    entry.type === 'CVSS_V4'
      ? cvss4BaseScore(entry.score)
      : entry.type === 'CVSS_V3'
        ? cvss3BaseScore(entry.score)
        : null;
  return score === null ? null : { score, rating: ratingFor(score), vector: entry.score };
}

const labels: Record<string, SeverityRating> = {
  LOW: 'low',
  MODERATE: 'medium',
  MEDIUM: 'medium',
  HIGH: 'high',
  CRITICAL: 'critical',
};

export function severityOf(record: OsvRecord): Severity {
  const entries = [
    ...(record.severity ?? []),
    ...(record.affected ?? []).flatMap((a) => a.severity ?? []),
  ];
  for (const type of ['CVSS_V4', 'CVSS_V3']) {
    for (const entry of entries) {
      if (entry.type !== type || typeof entry.score !== 'string') continue;
      const scored = scoreVector(entry);
      if (scored) return scored;
    }
  }
  const label = record.database_specific?.severity;
  const rating = typeof label === 'string' ? labels[label.toUpperCase()] : undefined;
  return { score: null, rating: rating ?? 'unknown' };
}

const order: SeverityRating[] = ['unknown', 'none', 'low', 'medium', 'high', 'critical'];

/** The more severe of two; scores break ties within a rating. */
export function maxSeverity(a: Severity, b: Severity): Severity {
  const diff = order.indexOf(a.rating) - order.indexOf(b.rating);
  if (diff !== 0) return diff > 0 ? a : b;
  return (b.score ?? -1) > (a.score ?? -1) ? b : a;
}
