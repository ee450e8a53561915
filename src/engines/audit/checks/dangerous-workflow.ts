/**
 * @module Check: dangerous GitHub Actions patterns — a privileged trigger (`pull_request_target`,
 * `workflow_run`) that checks out untrusted code, and `${{ github.event.* }}` (or head_ref)
 * interpolated into a script (`run:`, a `script:` input, any input of `actions/github-script`),
 * which lets a pull request title run commands.
 */
import type { CheckDefinition, FindingDraft } from './check-types.ts';
import { notApplicable } from './check-types.ts';
import {
  parseWorkflow,
  readWorkflows,
  runBlockLines,
  stripComment,
  triggersOf,
  type ParsedWorkflow,
  type Workflow,
} from './workflows.ts';

// The pull request's own code, wherever it appears in a privileged workflow.
const UNTRUSTED_REF =
  /\$\{\{\s*github\.(event\.pull_request\.head\.(sha|ref)|event\.workflow_run\.head_(sha|branch)|head_ref)\s*\}\}/;
// In a checkout's `ref:` the pull request is also named by its number or merge commit:
// `refs/pull/${{ github.event.number }}/merge` is the PR's code merged into the base.
const UNTRUSTED_CHECKOUT_REF = new RegExp(
  `${UNTRUSTED_REF.source}|refs/pull/|\\$\\{\\{\\s*github\\.event\\.(number|pull_request\\.(number|merge_commit_sha)|workflow_run\\.pull_requests)`,
);
// Event fields an outsider controls (after OpenSSF Scorecard's list); numbers and SHAs are safe.
const INJECTION =
  /\$\{\{\s*(github\.event\.(issue\.(title|body)|pull_request\.(title|body|head\.(ref|label|repo\.default_branch))|comment\.body|review\.body|review_comment\.body|discussion\.(title|body)|pages\.[^}]*page_name|commits\.[^}]*\.(message|author\.(email|name))|head_commit\.(message|author\.(email|name))|workflow_run\.(head_branch|head_commit\.[^}\s]*))|github\.head_ref)\s*\}\}/;

const isCheckout = (uses: string | null): boolean => /^actions\/checkout@/i.test(uses ?? '');
const isGithubScript = (uses: string | null): boolean =>
  /^actions\/github-script@/i.test(uses ?? '');

export const dangerousWorkflow: CheckDefinition = {
  id: 'dangerous-workflow',
  title: 'No dangerous workflow patterns',
  risk: 'critical',
  level: 'bronze',
  whyItMatters:
    'These pipeline patterns let an outsider who opens a pull request run commands with your secrets: a direct path to stolen credentials or tampered releases.',
  howToFix:
    "Never check out the pull request's code in pull_request_target/workflow_run jobs that hold secrets; pass `${{ github.event.* }}` values to `run:` and `actions/github-script` through `env:` variables instead of inline.",
  async run(context) {
    const workflows = await readWorkflows(context);
    if (workflows.length === 0) return notApplicable('No GitHub Actions workflows.');
    const findings: FindingDraft[] = [];
    for (const workflow of workflows) {
      const parsed = parseWorkflow(workflow);
      const checkoutLines = new Set<number>();
      // Line → where the script is, for the message.
      const scriptLines = new Map<number, string>();
      let triggers: Set<string>;
      if (parsed.ok) {
        triggers = parsed.value.triggers;
        collectLines(parsed.value, checkoutLines, scriptLines);
      } else {
        // Not valid YAML (GitHub refuses it too): read its lines as the earlier version did.
        triggers = triggersOf(workflow);
        for (const line of runBlockLines(workflow.lines)) scriptLines.set(line, 'a run: step');
      }
      const privileged = [...triggers].filter(
        (name) => name === 'pull_request_target' || name === 'workflow_run',
      );
      if (privileged.length > 0) findings.push(...checkouts(workflow, privileged, checkoutLines));
      for (const [lineNumber, where] of [...scriptLines].sort(([a], [b]) => a - b)) {
        const line = workflow.lines[lineNumber - 1] ?? '';
        const match = INJECTION.exec(line);
        if (match)
          findings.push({
            message: `Script injection: ${match[0]} is interpolated into ${where}.`,
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
      findings: findings.sort((a, b) => (a.line ?? 0) - (b.line ?? 0)),
    };
  },
};

/** Lines of checkout `ref:` inputs, and of every script: `run:`, `script:`, github-script inputs. */
function collectLines(
  parsed: ParsedWorkflow,
  checkouts: Set<number>,
  scripts: Map<number, string>,
): void {
  for (const job of parsed.jobs)
    for (const step of job.steps) {
      if (step.run) for (const line of parsed.linesOf(step.run)) scripts.set(line, 'a run: step');
      const ref = step.inputs.get('ref');
      if (ref && isCheckout(step.uses)) checkouts.add(parsed.lineOf(ref));
      for (const [name, value] of step.inputs) {
        if (name !== 'script' && !isGithubScript(step.uses)) continue;
        const where = `the ${name}: input of ${step.uses ?? 'a step'}`;
        for (const line of parsed.linesOf(value)) scripts.set(line, where);
      }
    }
}

/** The pull request's code checked out: in a checkout's `ref:`, or its head anywhere else. */
function checkouts(
  workflow: Workflow,
  privileged: string[],
  checkoutLines: ReadonlySet<number>,
): FindingDraft[] {
  const findings: FindingDraft[] = [];
  workflow.lines.forEach((raw, index) => {
    const line = stripComment(raw);
    const pattern = checkoutLines.has(index + 1) ? UNTRUSTED_CHECKOUT_REF : UNTRUSTED_REF;
    if (!pattern.test(line)) return;
    findings.push({
      message: `${privileged.join('/')} workflow checks out untrusted pull request code.`,
      path: workflow.path,
      line: index + 1,
      key: `checkout:${raw.trim()}`,
    });
  });
  return findings;
}
