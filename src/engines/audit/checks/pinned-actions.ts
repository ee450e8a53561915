/** @module Check: GitHub Actions are pinned to a full commit SHA, not a movable tag or branch. */
import type { CheckDefinition, FindingDraft } from './check-types.ts';
import { clampScore, notApplicable } from './check-types.ts';
import { readWorkflows, stripComment } from './workflows.ts';

const USES = /^\s*(-\s+)?uses:\s*["']?([^"'\s]+)["']?/;

export const pinnedActions: CheckDefinition = {
  id: 'pinned-actions',
  title: 'GitHub Actions pinned by commit SHA',
  risk: 'medium',
  level: 'silver',
  whyItMatters:
    'A tag like @v4 can be moved by whoever controls that action; if it is hijacked, your pipeline runs their code with your secrets.',
  howToFix:
    "Replace `uses: owner/action@v4` with `uses: owner/action@<40-character commit SHA> # v4` (tools such as pinact or Renovate's helpers:pinGitHubActionDigests do it for you).",
  async run(context) {
    const workflows = await readWorkflows(context);
    if (workflows.length === 0) return notApplicable('No GitHub Actions workflows.');
    const findings: FindingDraft[] = [];
    let total = 0;
    for (const workflow of workflows) {
      workflow.lines.forEach((line, index) => {
        const match = USES.exec(stripComment(line));
        const target = match?.[2];
        if (!target || target.startsWith('./') || target.startsWith('docker://')) return;
        total++;
        const ref = target.split('@')[1] ?? '';
        if (!/^[0-9a-f]{40}$/.test(ref)) {
          findings.push({
            message: `Action ${target} is not pinned to a commit SHA.`,
            path: workflow.path,
            line: index + 1,
            key: target,
          });
        }
      });
    }
    if (total === 0) return notApplicable('Workflows use no third-party actions.');
    const pinned = total - findings.length;
    return {
      score: clampScore((10 * pinned) / total),
      summary: `${pinned} of ${total} action references pinned by SHA.`,
      evidence: [`${workflows.length} workflows, ${total} action references`],
      findings,
    };
  },
};
