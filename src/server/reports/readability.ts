/**
 * @module Flesch reading ease of a report's prose (the `flesch` formula over `syllable` counts).
 * 60–70 is plain English; the weekly report must stay at 50 or above. Links, figures and
 * headings are left out: only the sentences a founder reads count.
 */
import { flesch } from 'flesch';
import { syllable } from 'syllable';

export function readingEase(sentences: string[]): number {
  let sentenceCount = 0;
  let words = 0;
  let syllables = 0;
  for (const sentence of sentences) {
    for (const part of sentence.split(/(?<=[.!?;:])\s+/)) {
      const tokens = part.match(/[A-Za-z][A-Za-z'’-]*/g) ?? [];
      if (tokens.length === 0) continue;
      sentenceCount += 1;
      words += tokens.length;
      for (const token of tokens) syllables += Math.max(1, syllable(token));
    }
  }
  if (words === 0) return 100;
  return (
    Math.round(flesch({ sentence: sentenceCount, word: words, syllable: syllables }) * 10) / 10
  );
}
