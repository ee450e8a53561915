import { describe, expect, it } from 'vitest';
import { KeywordIndex } from './keyword-index.ts';

describe('KeywordIndex', () => {
  it('finds every occurrence of every keyword, overlapping ones included', () => {
    const index = new KeywordIndex(['he', 'she', 'his', 'hers', 'sk_live_', 'live_']);
    const hits: [string, number][] = [];

    index.scan('ushers x sk_live_1', (id, start) => hits.push([index.keywords[id]!, start]));

    expect(hits.sort()).toEqual(
      [
        ['he', 2],
        ['hers', 2],
        ['live_', 12],
        ['she', 1],
        ['sk_live_', 9],
      ].sort(),
    );
  });
});
