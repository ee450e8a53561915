/** @module Turns detector hits into findings: masked, fingerprinted, with their provenance. */
import type { Hit } from './detect.ts';
import type { CommitMeta } from './patch-parser.ts';
import { fingerprintOf, maskSecret } from './redact.ts';
import type { Finding, Presence } from './types.ts';

/** Builds a finding; the raw secret goes no further than this function. */
export function toFinding(
  hit: Hit,
  file: string,
  presence: Presence,
  line = hit.line,
  meta?: CommitMeta,
): Finding {
  const { rule, secret } = hit;
  const finding: Finding = {
    ruleId: rule.id,
    description: rule.spec.description,
    confidence: rule.confidence,
    isBlocking: rule.isBlocking,
    file,
    line,
    column: hit.column,
    presence,
    secretMasked: maskSecret(secret),
    secretLength: secret.length,
    entropy: Math.round(hit.entropy * 100) / 100,
    fingerprint: fingerprintOf(rule.id, file, secret),
  };
  if (meta)
    Object.assign(finding, {
      commit: meta.commit,
      author: meta.author,
      email: meta.email,
      date: meta.date,
    });
  return finding;
}

/** Stable order for reports: blocking first, then file and line. */
export function sortFindings(findings: Finding[]): Finding[] {
  return findings.sort(
    (a, b) =>
      Number(b.isBlocking) - Number(a.isBlocking) ||
      a.file.localeCompare(b.file) ||
      a.line - b.line ||
      a.ruleId.localeCompare(b.ruleId),
  );
}

export const failLevels = ['critical', 'high', 'medium', 'low'] as const;
export type FailLevel = (typeof failLevels)[number];

/**
 * A finding's severity, for `--fail-on`: blocking rules are critical (high confidence: a live
 * credential format) or high; non-blocking ones medium, or low for low-confidence (generic) rules.
 */
export function severityOf(f: Pick<Finding, 'isBlocking' | 'confidence'>): FailLevel {
  if (f.isBlocking) return f.confidence === 'high' ? 'critical' : 'high';
  return f.confidence === 'low' ? 'low' : 'medium';
}

/** Findings at `level` or above become blocking, the rest not (`keel secrets --fail-on`). */
export function applyFailOn(findings: Finding[], level: FailLevel): Finding[] {
  const bar = failLevels.indexOf(level);
  return findings.map((f) => ({ ...f, isBlocking: failLevels.indexOf(severityOf(f)) <= bar }));
}
