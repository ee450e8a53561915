import { describe, it, expect, afterEach } from 'vitest';
import { buildRepo, type TestRepo } from '../testing/build-repo.ts';
import type { InventoryFile, SkipNote } from '../types.ts';
import { detectDuplicates } from './builtin.ts';
import { runDuplication } from './duplication.ts';
import { findJscpdBinary, summarise } from './jscpd.ts';

let repo: TestRepo | undefined;
afterEach(() => repo?.cleanup());

const body = Array.from(
  { length: 14 },
  (_, i) => `  const value${i} = compute(input, ${i}) + adjust(${i * 3}, limit);`,
).join('\n');
const source = (name: string): string =>
  `export function ${name}(input: number, limit: number) {\n${body}\n  return input;\n}\n`;

function inventoryFile(
  path: string,
  code: number,
  extra: Partial<InventoryFile> = {},
): InventoryFile {
  return {
    path,
    bytes: 100,
    language: 'TypeScript',
    languageType: 'programming',
    excluded: null,
    isTest: false,
    isUtf8: true,
    code,
    comment: 0,
    blank: 0,
    ...extra,
  };
}

describe('duplication', () => {
  it.skipIf(!findJscpdBinary())('finds clones with jscpd between counted files only', async () => {
    repo = buildRepo({ git: false });
    repo.write({
      'src/a.ts': source('a'),
      'src/b.ts': source('b'),
      'dist/c.ts': source('c'),
      'src/unique.ts': 'export const x = 1;\n',
    });
    const files = [
      inventoryFile('src/a.ts', 17),
      inventoryFile('src/b.ts', 17),
      inventoryFile('dist/c.ts', 17, { excluded: 'generated' }),
      inventoryFile('src/unique.ts', 1),
    ];

    const result = await runDuplication({ root: repo.root, files, maxFileBytes: 1 << 20 }, []);

    expect(result.detector).toBe('jscpd');
    expect(result.clones).toHaveLength(1);
    expect([result.clones[0]?.a.path, result.clones[0]?.b.path].sort()).toEqual([
      'src/a.ts',
      'src/b.ts',
    ]);
    expect(result.totalLines).toBe(35);
    expect(result.percentage).toBeGreaterThan(50);
    expect(result.percentage).toBeLessThanOrEqual(100);
  });

  it('falls back to the built-in detector with the same shape', () => {
    const result = detectDuplicates([
      { path: 'a.ts', text: source('a'), lines: 17 },
      { path: 'b.ts', text: source('b'), lines: 17 },
      { path: 'c.ts', text: 'let x = 1;\n', lines: 1 },
    ]);

    expect(result.detector).toBe('builtin');
    expect(result.clones).toHaveLength(1);
    expect(result.duplicatedLines).toBe(30); // 14 body lines and `return input;` in each file
  });

  it('switches to the built-in detector above jscpdMaxBytes of source, and says so', async () => {
    repo = buildRepo({ git: false });
    repo.write({ 'src/a.ts': source('a'), 'src/b.ts': source('b') });
    const skipped: SkipNote[] = [];

    const result = await runDuplication(
      {
        root: repo.root,
        files: [inventoryFile('src/a.ts', 17), inventoryFile('src/b.ts', 17)],
        maxFileBytes: 1 << 20,
        jscpdMaxBytes: 150,
      },
      skipped,
    );

    expect(result.detector).toBe('builtin');
    expect(result.clones).toHaveLength(1);
    expect(skipped[0]?.reason).toMatch(/over duplication.jscpdMaxBytes/);
  });

  it('counts overlapping clones once', () => {
    const clone = (start: number, end: number) => ({
      lines: end - start + 1,
      a: { path: 'a', startLine: start, endLine: end },
      b: { path: 'b', startLine: start, endLine: end },
    });

    const result = summarise(
      'jscpd',
      [clone(1, 10), clone(5, 12)],
      new Map([
        ['a', 20],
        ['b', 20],
      ]),
    );

    expect(result.duplicatedLines).toBe(24);
    expect(result.percentage).toBe(60);
  });
});
