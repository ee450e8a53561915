/** @module Check: a continuous-integration configuration is present. */
import type { CheckDefinition } from './check-types.ts';
import { filesMatching } from './check-types.ts';

const CI_FILES: [RegExp, string][] = [
  [/^\.github\/workflows\/[^/]+\.ya?ml$/, 'GitHub Actions'],
  [/^\.gitlab-ci\.ya?ml$/, 'GitLab CI'],
  [/^\.circleci\/config\.ya?ml$/, 'CircleCI'],
  [/^bitbucket-pipelines\.ya?ml$/, 'Bitbucket Pipelines'],
  [/^(azure-pipelines\.ya?ml|\.azure-pipelines\/.+\.ya?ml)$/, 'Azure Pipelines'],
  [/^Jenkinsfile$/, 'Jenkins'],
  [/^\.travis\.ya?ml$/, 'Travis CI'],
  [/^\.buildkite\/.+\.ya?ml$/, 'Buildkite'],
  [/^\.woodpecker(\.ya?ml|\/.+\.ya?ml)$/, 'Woodpecker'],
];

export const ciConfigured: CheckDefinition = {
  id: 'ci-configured',
  title: 'Continuous integration configured',
  risk: 'high',
  level: 'bronze',
  whyItMatters:
    'Without automatic checks on every change, mistakes reach customers and are found by them instead of by the team.',
  howToFix:
    'Add a CI pipeline (for example .github/workflows/ci.yml) that installs dependencies, builds, lints and runs the tests on every push and pull request.',
  async run(context) {
    const found = CI_FILES.flatMap(([pattern, system]) =>
      filesMatching(context, (path) => pattern.test(path)).map((path) => `${system}: ${path}`),
    );
    if (found.length === 0)
      return {
        score: 0,
        summary: 'No CI configuration found.',
        evidence: [],
        findings: [{ message: 'No CI configuration found in the repository.' }],
      };
    const systems = [...new Set(found.map((line) => line.split(':')[0]))];
    return {
      score: 10,
      summary: `CI configured: ${systems.join(', ')}.`,
      evidence: found,
      findings: [],
    };
  },
};
