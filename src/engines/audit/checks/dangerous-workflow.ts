/**
 * @module Check: dangerous GitHub Actions patterns — a privileged trigger (`pull_request_target`,
 * `workflow_run`) that checks out untrusted code, and `${{ github.event.* }}` (or head_ref)
 * interpolated into a `run:` script, which lets a pull request title run commands.
 */
import type { CheckDefinition, FindingDraft } from './check-types.ts';
import { notApplicable } from './check-types.ts';
import { readWorkflows, runBlockLines, stripComment, triggersOf } from './workflows.ts';

const UNTRUSTED_REF =
  /\$\{\{\s*github\.(event\.pull_request\.head\.(sha|ref)|event\.workflow_run\.head_(sha|branch)|head_ref)\s*\}\}/;
// Event fields an outsider controls (after OpenSSF Scorecard's list); numbers and SHAs are safe.
const INJECTION =
  /\$\{\{\s*(github\.event\.(issue\.(title|body)|pull_request\.(title|body|head\.(ref|label|repo\.default_branch))|comment\.body|review\.body|review_comment\.body|discussion\.(title|body)|pages\.[^}]*page_name|commits\.[^}]*\.(message|author\.(email|name))|head_commit\.(message|author\.(email|name))|workflow_run\.(head_branch|head_commit\.[^}\s]*))|github\.head_ref)\s*\}\}/;

export const dangerousWorkflow: CheckDefinition = {
  id: 'dangerous-workflow',
  title: 'No dangerous workflow patterns',
  risk: 'critical',
  level: 'bronze',
  whyItMatters:
    'These pipeline patterns let an outsider who opens a pull request run commands with your secrets: a direct path to stolen credentials or tampered releases.',
  howToFix:
    "Never check out the pull request's code in pull_request_target/workflow_run jobs that hold secrets; pass `${{ github.event.* }}` values to `run:` through `env:` variables instead of inline.",
  async run(context) {
    const workflows = await readWorkflows(context);
    if (workflows.length === 0) return notApplicable('No GitHub Actions workflows.');
    const findings: FindingDraft[] = [];
    for (const workflow of workflows) {
      const triggers = triggersOf(workflow);
      const privileged = [...triggers].filter(
        (name) => name === 'pull_request_target' || name === 'workflow_run',
      );
      if (privileged.length > 0) {
        workflow.lines.forEach((line, index) => {
          if (UNTRUSTED_REF.test(stripComment(line))) {
            findings.push({
              message: `${privileged.join('/')} workflow checks out untrusted pull request code.`,
              path: workflow.path,
              line: index + 1,
              key: `checkout:${line.trim()}`,
            });
          }
        });
      }
      for (const lineNumber of runBlockLines(workflow.lines)) {
        const line = workflow.lines[lineNumber - 1] ?? '';
        const match = INJECTION.exec(line);
        if (match)
          findings.push({
            message: `Script injection: ${match[0]} is interpolated into a run: step.`,
            path: workflow.path,
            line: lineNumber,
            key: `inject:${line.trim()}`,
          });
      }
    }
    return {
      score: findings.length === 0 ? 10 : 0,
      summary:
        findings.length === 0
          ? `No dangerous patterns in ${workflows.length} workflows.`
          : `${findings.length} dangerous workflow patterns.`,
      evidence: workflows.map((w) => w.path),
      findings,
    };
  },
};
