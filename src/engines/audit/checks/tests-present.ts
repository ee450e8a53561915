/** @module Check: tests exist, measured as the ratio of test code to source code. */
import type { CheckDefinition } from './check-types.ts';
import { clampScore, notApplicable } from './check-types.ts';

export const testsPresent: CheckDefinition = {
  id: 'tests-present',
  title: 'Automated tests present',
  risk: 'high',
  level: 'bronze',
  whyItMatters:
    'Tests are what let the team change the product quickly without breaking what already works; few tests means every change is a gamble.',
  howToFix:
    'Add unit and integration tests next to the code (e.g. *.test.ts, test_*.py, *_test.go) and run them in CI; start with the most changed files (the hotspots).',
  async run(context) {
    let testCode = 0;
    let sourceCode = 0;
    let testFiles = 0;
    for (const file of context.files) {
      if (file.excluded || file.languageType !== 'programming') continue;
      if (file.isTest) {
        testCode += file.code;
        testFiles++;
      } else sourceCode += file.code;
    }
    if (sourceCode === 0 && testCode === 0) return notApplicable('No source code to test.');
    const ratio = sourceCode === 0 ? 1 : testCode / sourceCode;
    const target = context.config.thresholds.testRatio;
    const evidence = [
      `${testFiles} test files`,
      `${testCode} lines of test code for ${sourceCode} lines of source code (ratio ${ratio.toFixed(2)}, target ${target})`,
    ];
    if (testFiles === 0)
      return {
        score: 0,
        summary: 'No test files found.',
        evidence,
        findings: [{ message: 'No test files found.' }],
      };
    const score = clampScore((10 * ratio) / target);
    return {
      score,
      summary: `Test-to-source ratio ${ratio.toFixed(2)} (${testFiles} test files).`,
      evidence,
      findings:
        score < context.config.passScore
          ? [
              {
                message: `Test-to-source code ratio is ${ratio.toFixed(2)}, below the target of ${target}.`,
                severity: 'medium',
                key: 'test-ratio',
              },
            ]
          : [],
    };
  },
};
