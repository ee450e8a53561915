/**
 * @module Bench: precision and recall of the default rules on the seeded corpus, on the tuned
 * set and on the four held-out sets, each scored separately (none is fed to tuning).
 * Usage: node --import tsx bench/secrets/accuracy.ts [--misses]
 */
import { buildCorpus } from '../../src/engines/secrets/fixtures/corpus.ts';
import { scoreCorpus } from '../../src/engines/secrets/fixtures/score.ts';
import { prepareRules } from '../../src/engines/secrets/scan.ts';

const prepared = await prepareRules({});
if (!prepared.ok) throw new Error(prepared.error.messages.join('\n'));
const showMisses = process.argv.includes('--misses');
for (const set of ['tuned', 'held-out', 'held-out-b', 'held-out-c', 'held-out-d'] as const) {
  const score = scoreCorpus(buildCorpus(set), prepared.value.ruleSet);
  const { misses, falseAlarms, ...figures } = score;
  console.log(
    JSON.stringify({
      set,
      ...figures,
      precision: Number(score.precision.toFixed(3)),
      precisionBlocking: Number(score.precisionBlocking.toFixed(3)),
      recall: Number(score.recall.toFixed(3)),
      ruleAccuracy: Number(score.ruleAccuracy.toFixed(3)),
    }),
  );
  if (showMisses) console.log(JSON.stringify({ set, misses, falseAlarms }, null, 1));
}
