/** Markdown escaping of user text in proposals: shown literally, never as markup or HTML. */
import { describe, expect, it } from 'vitest';
import { escapeMarkdown, escapeMarkdownBlock } from './proposal.ts';

describe('escapeMarkdown', () => {
  it('turns HTML, links, emphasis and headings into literal text', () => {
    expect(escapeMarkdown('# <img src=x onerror=alert(1)> [a](javascript:x) *b* _c_ `d`')).toBe(
      '\\# &lt;img src=x onerror=alert(1)&gt; \\[a\\](javascript:x) \\*b\\* \\_c\\_ \\`d\\`',
    );
  });

  it('keeps the line breaks of a block and stops a line from starting a list', () => {
    expect(escapeMarkdownBlock('one\n- two\n\n\n\n3. three')).toBe('one\n\\- two\n\n3\\. three');
  });
});
