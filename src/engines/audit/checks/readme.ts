/** @module Check: a README that explains how to install and how to use the project. */
import type { CheckDefinition } from './check-types.ts';

const INSTALL =
  /^#+.*\b(install|installation|setup|set up|getting started|quick ?start|development|prerequisites|requirements)\b/im;
const USAGE = /^#+.*\b(usage|use|using|run|running|example|examples|how to|commands|deploy)\b/im;

export const readme: CheckDefinition = {
  id: 'readme',
  title: 'README with install and usage',
  risk: 'medium',
  level: 'bronze',
  whyItMatters:
    'A new engineer should be productive in a day, not a week; a README that says how to install and run the product is the first step.',
  howToFix:
    'Add README.md at the root with at least an "Installation" (or "Getting started") section and a "Usage" section with the commands to run.',
  async run(context) {
    const path = [...context.paths].filter((p) => /^readme(\.[a-z]+)?$/i.test(p)).sort()[0];
    if (!path)
      return {
        score: 0,
        summary: 'No README at the root.',
        evidence: [],
        findings: [{ message: 'No README file at the repository root.' }],
      };
    const text = (await context.read(path)) ?? '';
    const hasInstall = INSTALL.test(text);
    const hasUsage = USAGE.test(text);
    const evidence = [
      `${path}: ${text.split('\n').length} lines`,
      `install section: ${hasInstall ? 'yes' : 'no'}`,
      `usage section: ${hasUsage ? 'yes' : 'no'}`,
    ];
    const score = hasInstall && hasUsage ? 10 : hasInstall || hasUsage ? 6 : 3;
    const missing = [hasInstall ? null : 'installation', hasUsage ? null : 'usage']
      .filter(Boolean)
      .join(' and ');
    return {
      score,
      summary: missing
        ? `${path} lacks ${missing} instructions.`
        : `${path} explains installation and usage.`,
      evidence,
      findings: missing
        ? [{ message: `README has no ${missing} section.`, path, line: 1, severity: 'low' }]
        : [],
    };
  },
};
