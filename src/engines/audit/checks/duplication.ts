/** @module Check: duplicated code stays under the threshold percentage. */
import type { CheckDefinition, FindingDraft } from './check-types.ts';
import { clampScore, notApplicable } from './check-types.ts';

export const duplication: CheckDefinition = {
  id: 'duplication',
  title: 'Duplicated code under threshold',
  risk: 'medium',
  level: 'silver',
  whyItMatters:
    'Copy-pasted code means a bug fixed in one place stays broken in the copies, and every change costs several times the work.',
  howToFix:
    'Extract the duplicated block into one shared function or module and call it from each place; start with the largest clones.',
  async run(context) {
    const result = context.duplication;
    if (result.detector === 'none' || result.totalLines === 0)
      return notApplicable('No source code to compare.');
    const { duplicationPercent } = context.config.thresholds;
    // Linear: 0 % scores 10 and the threshold scores passScore.
    const score = clampScore(
      10 - ((10 - context.config.passScore) * result.percentage) / duplicationPercent,
    );
    const findings: FindingDraft[] = result.clones.map((clone) => ({
      message: `${clone.lines} duplicated lines: ${clone.a.path}:${clone.a.startLine}-${clone.a.endLine} and ${clone.b.path}:${clone.b.startLine}-${clone.b.endLine}.`,
      path: clone.b.path,
      line: clone.b.startLine,
      severity: clone.lines >= 50 ? 'medium' : 'low',
      key: `${clone.a.path}\0${(clone.fragment ?? '').replace(/\s+/g, ' ').slice(0, 400)}\0${clone.lines}`,
    }));
    return {
      score,
      summary: `${result.percentage}% of ${result.totalLines} lines duplicated (${result.clones.length} clones, ${result.detector}).`,
      evidence: [
        `detector: ${result.detector}`,
        `${result.duplicatedLines} duplicated lines of ${result.totalLines}`,
      ],
      findings,
    };
  },
};
