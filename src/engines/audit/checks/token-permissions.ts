/** @module Check: workflows restrict the GITHUB_TOKEN with an explicit, read-only-by-default `permissions:` block. */
import type { CheckDefinition, FindingDraft } from './check-types.ts';
import { clampScore, notApplicable } from './check-types.ts';
import { isScalar } from 'yaml';
import { parseWorkflow, readWorkflows } from './workflows.ts';

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
      const parsed = parseWorkflow(workflow);
      if (!parsed.ok) {
        findings.push({
          message: `Workflow is not valid YAML (${parsed.error}): GitHub will not run it, and its token permissions cannot be read.`,
          path: workflow.path,
          line: 1,
          key: 'invalid',
        });
        continue;
      }
      const { permissions, jobs, lineOf } = parsed.value;
      const writeAll = [permissions, ...jobs.map((job) => job.permissions)].find(
        (node) => isScalar(node) && node.value === 'write-all',
      );
      if (writeAll) {
        findings.push({
          message: 'Workflow grants `write-all` permissions to its token.',
          path: workflow.path,
          line: lineOf(writeAll),
          severity: 'high',
          key: 'write-all',
        });
      } else if (
        permissions !== undefined ||
        (jobs.length > 0 && jobs.every((job) => job.permissions !== undefined))
      ) {
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
