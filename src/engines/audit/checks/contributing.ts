/** @module Check: contribution guidelines for new engineers. */
import type { CheckDefinition } from './check-types.ts';

export const contributing: CheckDefinition = {
  id: 'contributing',
  title: 'Contribution guide (CONTRIBUTING)',
  risk: 'low',
  level: 'gold',
  whyItMatters:
    'Written conventions make each new hire or contractor productive faster and keep the code consistent as the team grows.',
  howToFix:
    'Add CONTRIBUTING.md: how to set up, the branch and review workflow, code style and how to run the tests.',
  async run(context) {
    const path = [...context.paths].find((p) =>
      /^(\.github\/|docs\/)?contributing(\.md|\.rst|\.txt)?$/i.test(p),
    );
    return path
      ? { score: 10, summary: `Contribution guide: ${path}.`, evidence: [path], findings: [] }
      : {
          score: 0,
          summary: 'No CONTRIBUTING file.',
          evidence: [],
          findings: [{ message: 'No CONTRIBUTING guide found.' }],
        };
  },
};
