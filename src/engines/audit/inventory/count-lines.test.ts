import { describe, it, expect } from 'vitest';
import { countLineBytes, countLines } from './count-lines.ts';
import { commentSyntaxFor } from './comment-syntax.ts';
import { countLinesByString } from '../testing/count-lines-by-string.ts';
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

describe('countLineBytes', () => {
  it('treats a UTF-8 byte order mark as white space, and Latin-1 bytes as text', () => {
    const bom = Buffer.from('\uFEFF// header\n\uFEFF\nconst é = 1;\n', 'utf8');
    const latin1 = Buffer.from('// caf\xe9\n\xef\xbb\xbf\nx\n', 'latin1');

    expect(countLineBytes(bom, commentSyntaxFor('TypeScript'), true)).toEqual({
      code: 1,
      comment: 1,
      blank: 1,
    });
    expect(countLineBytes(latin1, commentSyntaxFor('TypeScript'), false)).toEqual({
      code: 2,
      comment: 1,
      blank: 0,
    });
  });

  it('keeps a block comment open across lines (blank ones count as comment), closes it mid-line', () => {
    const text = 'a(); /* one\n\n two\n three */ b();\n/* x */ /* y\n*/\n<!-- z -->\n';

    expect(countLines(text, commentSyntaxFor('TypeScript'))).toEqual({
      code: 3,
      comment: 4,
      blank: 0,
    });
    expect(countLines('<!-- a\n-->\n<p>x</p> <!-- b -->\n', commentSyntaxFor('HTML'))).toEqual({
      code: 1,
      comment: 2,
      blank: 0,
    });
  });

  it('gives the counts of the string counter it replaced, for any text', () => {
    // Deterministic random texts over the characters that matter to the state machine.
    const alphabet = [...'/*#"\'\n \r<!->{}()=;%REM:[]a', '\uFEFF', 'é'];
    const languages = [
      'TypeScript',
      'Python',
      'Ruby',
      'HTML',
      'Lua',
      'Pascal',
      'Haskell',
      'Shell',
      'JSON',
      'Batchfile',
      'MATLAB',
      'PowerShell',
      'Julia',
      'OCaml',
      'SQL',
      'PHP',
    ];
    let seed = 7;
    const next = (n: number): number => {
      seed = (Math.imul(seed, 1103515245) + 12345) >>> 0;
      return Math.floor((seed / 4294967296) * n);
    };
    const mismatches: string[] = [];

    for (let i = 0; i < 20_000; i++) {
      let text = '';
      for (let length = next(50); length > 0; length--) text += alphabet[next(alphabet.length)];
      const syntax = commentSyntaxFor(languages[next(languages.length)] ?? null);
      const expected = countLinesByString(text, syntax);
      const actual = countLineBytes(Buffer.from(text, 'utf8'), syntax, true);
      if (JSON.stringify(actual) !== JSON.stringify(expected))
        mismatches.push(JSON.stringify(text));
    }

    expect(mismatches.slice(0, 5)).toEqual([]);
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
