import { describe, expect, it } from 'vitest';
import { buildCorpus } from './fixtures/corpus.ts';
import { scoreCorpus } from './fixtures/score.ts';
import { prepareRules } from './scan.ts';

describe('accuracy corpus (tuned set)', () => {
  it('has enough positives, kinds and hard negatives, and meets precision 0.95 / recall 0.90', async () => {
    const prepared = await prepareRules({});
    if (!prepared.ok) throw new Error('default rules must compile');

    const score = scoreCorpus(buildCorpus('tuned'), prepared.value.ruleSet);

    expect(score.positives).toBeGreaterThanOrEqual(300);
    expect(score.kinds).toBeGreaterThanOrEqual(100);
    expect(score.negatives).toBeGreaterThanOrEqual(300);
    expect(score.precision).toBeGreaterThanOrEqual(0.95);
    expect(score.recall).toBeGreaterThanOrEqual(0.9);
  });
});
