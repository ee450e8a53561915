/** @module Check: a security policy telling people how to report a vulnerability. */
import type { CheckDefinition } from './check-types.ts';

export const securityPolicy: CheckDefinition = {
  id: 'security-policy',
  title: 'Security policy (SECURITY.md)',
  risk: 'medium',
  level: 'silver',
  whyItMatters:
    'When someone finds a security hole, a published contact means you hear about it privately first instead of reading about it in public.',
  howToFix:
    'Add SECURITY.md (root, .github/ or docs/) with a private contact address, what is in scope and the response time you commit to.',
  async run(context) {
    const path = [...context.paths].find((p) =>
      /^(\.github\/|docs\/)?security(\.md|\.rst|\.txt)?$/i.test(p),
    );
    return path
      ? { score: 10, summary: `Security policy: ${path}.`, evidence: [path], findings: [] }
      : {
          score: 0,
          summary: 'No SECURITY.md.',
          evidence: [],
          findings: [{ message: 'No security policy (SECURITY.md) found.' }],
        };
  },
};
