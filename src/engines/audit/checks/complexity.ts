/** @module Check: functions over the complexity thresholds (cyclomatic, cognitive, nesting). */
import type { CheckDefinition, FindingDraft } from './check-types.ts';
import { clampScore, notApplicable } from './check-types.ts';

export const complexity: CheckDefinition = {
  id: 'complexity',
  title: 'Function complexity under thresholds',
  risk: 'high',
  level: 'silver',
  whyItMatters:
    'Tangled functions are where bugs hide and where every change takes longer; they make the product slower and riskier to evolve.',
  howToFix:
    'Split the function: extract the branches into named helpers, return early instead of nesting, and replace long if/else chains with lookup tables or polymorphism. Add tests first.',
  async run(context) {
    const { cyclomatic, cognitive, nesting } = context.config.thresholds;
    const functions = context.complexity.flatMap((file) => file.functions);
    if (functions.length === 0) return notApplicable('No functions measured.');
    const over = functions.filter(
      (fn) => fn.cyclomatic > cyclomatic || fn.cognitive > cognitive || fn.nesting > nesting,
    );
    // At 1 function in 25 over the thresholds the check scores passScore (7 by default); one in 8 is 0.
    const share = over.length / functions.length;
    const score = clampScore(10 - share * 80);
    const findings: FindingDraft[] = over
      .sort((a, b) => b.cognitive - a.cognitive || b.cyclomatic - a.cyclomatic)
      .map((fn) => ({
        message: `${fn.name} is too complex: cyclomatic ${fn.cyclomatic} (max ${cyclomatic}), cognitive ${fn.cognitive} (max ${cognitive}), nesting ${fn.nesting} (max ${nesting}).`,
        path: fn.path,
        line: fn.line,
        severity:
          fn.cognitive > cognitive * 2 || fn.cyclomatic > cyclomatic * 2 ? 'high' : 'medium',
        key: fn.name,
      }));
    return {
      score,
      summary: `${over.length} of ${functions.length} functions over the thresholds.`,
      evidence: [
        `${functions.length} functions in ${context.complexity.filter((file) => file.functions.length > 0).length} files`,
      ],
      findings,
    };
  },
};
