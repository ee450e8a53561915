/** @module Check: an automated dependency update tool (Dependabot or Renovate) is configured. */
import type { CheckDefinition } from './check-types.ts';
import { notApplicable } from './check-types.ts';
import { findManifests } from './manifests.ts';

const TOOLS: [RegExp, string][] = [
  [/^\.github\/dependabot\.ya?ml$/, 'Dependabot'],
  [
    /^(renovate\.json5?|\.renovaterc(\.json5?)?|\.github\/renovate\.json5?|\.gitlab\/renovate\.json5?)$/,
    'Renovate',
  ],
];

export const dependencyUpdateTool: CheckDefinition = {
  id: 'dependency-update-tool',
  title: 'Dependency updates automated',
  risk: 'high',
  level: 'silver',
  whyItMatters:
    'Libraries get security fixes every week; without a bot proposing updates, the product quietly falls behind and known holes stay open.',
  howToFix:
    'Add .github/dependabot.yml or a renovate.json so that update pull requests are opened automatically, and merge them regularly.',
  async run(context) {
    const found = TOOLS.flatMap(([pattern, tool]) =>
      [...context.paths].filter((path) => pattern.test(path)).map((path) => `${tool}: ${path}`),
    );
    if (found.length > 0)
      return { score: 10, summary: found.join(', '), evidence: found, findings: [] };
    // package.json "renovate" key counts too.
    const packageJson = await context.read('package.json');
    if (packageJson && /"renovate"\s*:/.test(packageJson))
      return {
        score: 10,
        summary: 'Renovate: package.json',
        evidence: ['package.json: "renovate" key'],
        findings: [],
      };
    if (findManifests(context.paths).length === 0)
      return notApplicable('No dependency manifests to update.');
    return {
      score: 0,
      summary: 'No Dependabot or Renovate configuration.',
      evidence: [],
      findings: [
        { message: 'No automated dependency update tool (Dependabot or Renovate) is configured.' },
      ],
    };
  },
};
