/** @module Check: architecture decision records are kept. */
import type { CheckDefinition } from './check-types.ts';

const ADR_FOLDER =
  /(^|\/)(adr|adrs|decisions|architecture[-_]decisions|decision[-_]records)\/[^/]+\.(md|rst|txt|adoc)$/i;
const ADR_NAME = /(^|\/)(adr[-_]?)?\d{3,4}[-_][\w-]+\.md$/i;
// Files beside the records that are not decisions: an index, a README, a template.
const NOT_A_RECORD = /(^|\/)((readme|index|toc|summary|glossary)\.\w+|[^/]*template[^/]*)$/i;

/** Decision records: files in an ADR folder, or numbered ADR files under docs/, not their index or template. */
export function decisionRecords(paths: Iterable<string>): string[] {
  return [...paths]
    .filter(
      (path) =>
        (ADR_FOLDER.test(path) || (ADR_NAME.test(path) && /(^|\/)docs?\//.test(path))) &&
        !NOT_A_RECORD.test(path),
    )
    .sort();
}

export const adrs: CheckDefinition = {
  id: 'adrs',
  title: 'Architecture decision records',
  risk: 'low',
  level: 'gold',
  whyItMatters:
    'Written decisions explain why the product is built the way it is, so new people do not undo good choices or repeat old debates.',
  howToFix:
    'Create docs/decisions/ and record each significant choice as a short MADR file (context, options, decision, consequences), numbered 0001-…md.',
  async run(context) {
    const records = decisionRecords(context.paths);
    const hasConfig = context.paths.has('.adr-dir') || context.paths.has('.log4brains.yml');
    if (records.length === 0 && !hasConfig)
      return {
        score: 0,
        summary: 'No architecture decision records.',
        evidence: [],
        findings: [{ message: 'No architecture decision records found.' }],
      };
    return {
      score: records.length >= 3 ? 10 : records.length > 0 ? 7 : 5,
      summary: `${records.length} decision records.`,
      evidence: records.slice(0, 20),
      findings: [],
    };
  },
};
