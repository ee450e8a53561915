/** @module Check: workflows restrict the GITHUB_TOKEN with an explicit, read-only-by-default `permissions:` block. */
import type { CheckDefinition, FindingDraft } from './check-types.ts';
import { clampScore, notApplicable } from './check-types.ts';
import { indentOf, readWorkflows, stripComment } from './workflows.ts';

export const tokenPermissions: CheckDefinition = {
  id: 'token-permissions',
  title: 'Workflow token permissions restricted',
  risk: 'high',
  level: 'silver',
  whyItMatters:
    "By default a pipeline's token may be allowed to change your code and releases; if any step is compromised, so is the repository.",
  howToFix:
    'Add `permissions: contents: read` at the top of each workflow and grant write scopes only to the jobs that need them; never use `write-all`.',
  async run(context) {
    const workflows = await readWorkflows(context);
    if (workflows.length === 0) return notApplicable('No GitHub Actions workflows.');
    const findings: FindingDraft[] = [];
    let restricted = 0;
    for (const workflow of workflows) {
      const lines = workflow.lines.map(stripComment);
      const writeAll = lines.findIndex((line) => /permissions:\s*write-all/.test(line));
      const topLevel = lines.findIndex((line) => /^permissions:/.test(line));
      const jobsLine = lines.findIndex((line) => /^jobs:/.test(line));
      const jobKeys =
        jobsLine === -1
          ? []
          : lines.slice(jobsLine + 1).filter((line) => line.trim() !== '' && indentOf(line) > 0);
      const jobIndent = jobKeys.length > 0 ? indentOf(jobKeys[0] ?? '') : 2;
      const jobs = jobKeys.filter(
        (line) => indentOf(line) === jobIndent && /^\s*[\w-]+:/.test(line),
      ).length;
      const jobPermissions = jobKeys.filter(
        (line) => indentOf(line) === jobIndent + 2 && /^\s*permissions:/.test(line),
      ).length;
      if (writeAll !== -1) {
        findings.push({
          message: 'Workflow grants `write-all` permissions to its token.',
          path: workflow.path,
          line: writeAll + 1,
          severity: 'high',
          key: 'write-all',
        });
      } else if (topLevel !== -1 || (jobs > 0 && jobPermissions >= jobs)) {
        restricted++;
      } else {
        findings.push({
          message:
            'Workflow does not restrict its token permissions (no top-level `permissions:`).',
          path: workflow.path,
          line: 1,
          key: 'missing',
        });
      }
    }
    return {
      score: clampScore((10 * restricted) / workflows.length),
      summary: `${restricted} of ${workflows.length} workflows restrict their token.`,
      evidence: workflows.map((w) => w.path),
      findings,
    };
  },
};
