import { describe, it, expect } from 'vitest';
import { countLines } from './count-lines.ts';
import { commentSyntaxFor } from './comment-syntax.ts';
import { languageForPath, languageForShebang } from './languages.ts';

describe('countLines', () => {
  it('separates code, comments and blanks in C-like code', () => {
    const text =
      [
        '// header',
        'const a = 1; // trailing',
        '',
        '/* block',
        '   still */',
        'const b = /* inline */ 2;',
        '  /* one line */',
        'x(); /* opens',
        'closes */',
      ].join('\n') + '\n';

    const counts = countLines(text, commentSyntaxFor('TypeScript'));

    expect(counts).toEqual({ code: 3, comment: 5, blank: 1 });
  });

  it('treats Python docstrings at line start as comments but not strings after code', () => {
    const text =
      'def f():\n    """Doc\n    more"""\n    x = """not a comment"""\n    # note\n\n    return x';

    const counts = countLines(text, commentSyntaxFor('Python'));

    expect(counts).toEqual({ code: 3, comment: 3, blank: 1 });
  });

  it('counts every non-blank line as code when the language has no comments', () => {
    expect(countLines('{\n  "a": 1\n}\n\n', commentSyntaxFor('JSON'))).toEqual({
      code: 3,
      comment: 0,
      blank: 1,
    });
  });

  it('handles a file without a trailing newline and CRLF endings', () => {
    expect(countLines('a\r\n\r\n# c\r\nb', commentSyntaxFor('Shell'))).toEqual({
      code: 2,
      comment: 1,
      blank: 1,
    });
  });
});

describe('language detection', () => {
  it('uses linguist extensions, file names and preferred choices', () => {
    expect(languageForPath('src/a.ts')?.name).toBe('TypeScript');
    expect(languageForPath('lib/x.h')?.name).toBe('C');
    expect(languageForPath('Dockerfile')?.name).toBe('Dockerfile');
    expect(languageForPath('main.go')?.name).toBe('Go');
    expect(languageForPath('noextension')).toBeNull();
  });

  it('reads shebang lines', () => {
    expect(languageForShebang('#!/usr/bin/env python3')?.name).toBe('Python');
    expect(languageForShebang('#!/bin/bash')?.name).toBe('Shell');
  });
});

describe('language index', () => {
  it('matches the installed linguist-languages database', async () => {
    const { buildLanguageIndex } = await import('./build-language-index.ts');
    const { readFileSync } = await import('node:fs');

    const stored = JSON.parse(
      readFileSync(new URL('./language-index.json', import.meta.url), 'utf8'),
    ) as unknown;

    // If this fails after an upgrade: node --import tsx src/engines/audit/inventory/build-language-index.ts --write
    expect(stored).toEqual(buildLanguageIndex());
  });
});
