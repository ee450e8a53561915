import { describe, expect, it } from 'vitest';
import { checkContext } from '../testing/check-context.ts';
import { adrs, decisionRecords } from './adrs.ts';

describe('adrs check', () => {
  it('counts decision records, not the folder README, index or template', async () => {
    const context = checkContext({
      'docs/adr/README.md': '# Decisions\n',
      'docs/adr/index.md': '- 0001\n',
      'docs/adr/template.md': '# Title\n',
      'docs/adr/0000-adr-template.md': '# Title\n',
      'docs/adr/0001-record-architecture-decisions.md': '# 1\n',
      'docs/adr/0002-use-postgres.md': '# 2\n',
    });

    const outcome = await adrs.run(context);

    expect(outcome).toMatchObject({
      score: 7,
      summary: '2 decision records.',
      evidence: ['docs/adr/0001-record-architecture-decisions.md', 'docs/adr/0002-use-postgres.md'],
    });
    expect(decisionRecords(['decisions/use-kafka.md', 'decisions/TOC.md', 'src/adr/x.ts'])).toEqual(
      ['decisions/use-kafka.md'],
    );
  });
});
