/** @module Check: knowledge is not concentrated in one person, and not with people who have left. */
import type { CheckDefinition, FindingDraft } from './check-types.ts';
import { clampScore, notApplicable } from './check-types.ts';
import { shallowReason } from '../history/history.ts';

export const knowledgeRisk: CheckDefinition = {
  id: 'knowledge-risk',
  title: 'Knowledge spread (bus factor)',
  risk: 'medium',
  level: 'gold',
  whyItMatters:
    'If one person wrote most of the product, their holiday or departure stalls the company; code whose authors have left is slow and risky to change.',
  howToFix:
    'Pair and rotate reviews on the files with one main author, write down how the risky parts work, and give code whose authors left a new owner.',
  async run(context) {
    const history = context.history;
    // A shallow clone holds the newest commits only: authors look like one person and nobody has
    // left, so a score would move on missing data.
    if (history.status === 'shallow')
      return notApplicable(
        `Not applicable: ${shallowReason(history.commitsScanned)} (fetch the full history with \`git fetch --unshallow\`).`,
      );
    if (
      history.status === 'skipped' ||
      history.status === 'empty' ||
      history.knowledge.length === 0
    )
      return notApplicable(history.reason ?? 'No history to measure.');
    const bus = history.busFactor ?? 0;
    const orphaned = history.knowledge.filter((entry) => entry.authorHasLeft);
    const orphanShare = orphaned.length / history.knowledge.length;
    const busScore = bus >= 3 ? 10 : bus === 2 ? 7 : 4;
    const score = clampScore(busScore - orphanShare * 10);
    const findings: FindingDraft[] = history.folders
      .filter((folder) => folder.authorHasLeft)
      .map((folder) => ({
        message: `Most of ${folder.path} (${Math.round(folder.share * 100)}%) was written by ${folder.mainAuthor}, who has no commit in the last ${history.since}.`,
        path: folder.path === '.' ? undefined : folder.path,
        key: folder.path,
      }));
    if (bus === 1)
      findings.push({
        message: `Bus factor 1: one author is the main author of more than half of the files.`,
        severity: 'high',
        key: 'bus-factor',
      });
    return {
      score,
      summary: `Bus factor ${bus}; ${orphaned.length} of ${history.knowledge.length} files mainly written by people who have left.`,
      evidence: history.authors
        .slice(0, 10)
        .map(
          (author) => `${author.name}: ${author.commits} commits${author.active ? '' : ' (left)'}`,
        ),
      findings,
    };
  },
};
