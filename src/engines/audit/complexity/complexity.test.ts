import { describe, it, expect, afterEach } from 'vitest';
import { defaultConfig } from '../config.ts';
import { rankHotspots } from '../history/hotspots.ts';
import { runInventory } from '../inventory/inventory.ts';
import { buildRepo, type TestRepo } from '../testing/build-repo.ts';
import type { FileHistory, HistoryResult, SkipNote } from '../types.ts';
import { runComplexity } from './complexity.ts';
import { analyseTypeScript } from './typescript.ts';
import { analyseTreeSitter } from './tree-sitter.ts';
import { indentationComplexity } from './indentation.ts';

describe('analyseTypeScript', () => {
  it('measures cyclomatic, cognitive and nesting per function, nested functions apart', () => {
    const text = [
      'export function pick(a: number, b: boolean) {', //       cyclo 1
      '  if (a > 1 && b) {', //                                   +1 if, +1 &&   | cog +1 if, +1 &&
      '    for (const x of [1]) {', //                            +1            | cog +2 (nesting 1)
      '      if (x) return 1;', //                                +1            | cog +3 (nesting 2)
      '    }',
      '  } else if (a < 0) {', //                        +1            | cog +1
      '    return 2;',
      '  } else {',
      '    return a ? 3 : 4;', //  +1 ternary   | cog +1 else, +2 ternary (nesting 1)
      '  }',
      '  const inner = () => (a || b);',
      '  return inner();',
      '}',
    ].join('\n');

    const [pick, inner] = analyseTypeScript('src/pick.ts', text);

    expect(pick).toMatchObject({
      name: 'pick',
      line: 1,
      endLine: 13,
      cyclomatic: 7,
      cognitive: 11,
      nesting: 3,
    });
    expect(inner).toMatchObject({ name: 'inner', cyclomatic: 2, cognitive: 1, nesting: 0 });
  });

  it('names class methods and parses JSX', () => {
    const text =
      'class Cart { total(items) { return items.length ? <b>{items.length}</b> : null; } }';

    const [total] = analyseTypeScript('cart.jsx', text);

    expect(total).toMatchObject({ name: 'Cart.total', cyclomatic: 2 });
  });
});

describe('analyseTreeSitter', () => {
  it('measures Python functions', async () => {
    const text =
      'def grade(x):\n    if x > 90 and x < 100:\n        return "A"\n    elif x > 80:\n        return "B"\n    for i in range(3):\n        while i:\n            i -= 1\n    return "C"\n';

    const result = await analyseTreeSitter('g.py', 'Python', text);

    expect(result.ok && result.value).toEqual([
      { path: 'g.py', name: 'grade', line: 1, endLine: 9, cyclomatic: 6, cognitive: 6, nesting: 2 },
    ]);
  });

  it.each([
    [
      'Go',
      'func f(a int) int {\n\tif a > 1 || a < 0 {\n\t\treturn 1\n\t} else if a == 0 {\n\t\treturn 2\n\t}\n\treturn 3\n}\n',
      'f',
      4,
    ],
    ['Java', 'class A { int f(int a) { if (a > 1) { return 1; } return a > 0 ? 2 : 3; } }', 'f', 3],
    ['Ruby', 'def f(a)\n  if a && a > 1\n    1\n  elsif a\n    2\n  end\nend\n', 'f', 4],
    [
      'PHP',
      '<?php function f($a) { foreach ($a as $x) { if ($x) { return 1; } } return 0; }',
      'f',
      3,
    ],
    ['C#', 'class A { int F(int a) { while (a > 0) { a--; } return a ?? 0; } }', 'F', 3],
    ['Rust', 'fn f(a: i32) -> i32 { match a { 0 => 1, _ => if a > 2 { 2 } else { 3 } } }', 'f', 4],
  ])('measures %s functions', async (language, text, name, cyclomatic) => {
    const result = await analyseTreeSitter(`x.${language}`, language, text);

    expect(result.ok).toBe(true);
    expect(result.ok && result.value[0]).toMatchObject({ name, cyclomatic });
  });
});

// The same function in each language, scored by SonarSource's cognitive complexity rules:
//   if (a > 0 && b)        +1 if, +1 &&         cyclomatic +2
//     for x in xs          +2 (nesting 1)       cyclomatic +1
//       if (x > 1) return  +3 (nesting 2)       cyclomatic +1
//   else if (a < 0)        +1                   cyclomatic +1
//   else                   +1
// = cyclomatic 6, cognitive 9, deepest nesting 3.
const SAME_FUNCTION: [string, string, string][] = [
  [
    'Go',
    'f',
    'func f(a int, b bool, xs []int) int {\n\tif a > 0 && b {\n\t\tfor _, x := range xs {\n\t\t\tif x > 1 {\n\t\t\t\treturn 1\n\t\t\t}\n\t\t}\n\t} else if a < 0 {\n\t\treturn 2\n\t} else {\n\t\treturn 3\n\t}\n\treturn 0\n}\n',
  ],
  [
    'Java',
    'f',
    'class A { int f(int a, boolean b, int[] xs) {\n if (a > 0 && b) {\n  for (int x : xs) {\n   if (x > 1) { return 1; }\n  }\n } else if (a < 0) {\n  return 2;\n } else {\n  return 3;\n }\n return 0;\n} }',
  ],
  [
    'Ruby',
    'f',
    'def f(a, b, xs)\n  if a > 0 && b\n    for x in xs\n      if x > 1\n        return 1\n      end\n    end\n  elsif a < 0\n    2\n  else\n    3\n  end\nend\n',
  ],
  [
    'PHP',
    'f',
    '<?php function f($a, $b, $xs) {\n if ($a > 0 && $b) {\n  foreach ($xs as $x) {\n   if ($x > 1) { return 1; }\n  }\n } elseif ($a < 0) {\n  return 2;\n } else {\n  return 3;\n }\n return 0;\n}',
  ],
  [
    'C#',
    'F',
    'class A { int F(int a, bool b, int[] xs) {\n if (a > 0 && b) {\n  foreach (var x in xs) {\n   if (x > 1) { return 1; }\n  }\n } else if (a < 0) {\n  return 2;\n } else {\n  return 3;\n }\n return 0;\n} }',
  ],
  [
    'Rust',
    'f',
    'fn f(a: i32, b: bool, xs: &[i32]) -> i32 {\n if a > 0 && b {\n  for x in xs {\n   if *x > 1 { return 1; }\n  }\n } else if a < 0 {\n  return 2;\n } else {\n  return 3;\n }\n 0\n}\n',
  ],
];

describe('cognitive complexity and nesting with tree-sitter', () => {
  it.each(SAME_FUNCTION)(
    'scores %s: nesting surcharges, else and else-if +1 each',
    async (language, name, text) => {
      const result = await analyseTreeSitter(`x.${language}`, language, text);

      expect(result.ok && result.value).toEqual([
        expect.objectContaining({ name, cyclomatic: 6, cognitive: 9, nesting: 3 }),
      ]);
    },
  );

  it('counts a nested function apart, its nesting starting again from 0', async () => {
    const text =
      'func outer(xs []int) func() int {\n\tif len(xs) > 0 {\n\t\treturn func() int {\n\t\t\tif xs[0] > 1 {\n\t\t\t\treturn 1\n\t\t\t}\n\t\t\treturn 0\n\t\t}\n\t}\n\treturn nil\n}\n';

    const result = await analyseTreeSitter('x.go', 'Go', text);

    expect(
      result.ok && result.value.map(({ name, cognitive, nesting }) => [name, cognitive, nesting]),
    ).toEqual([
      ['outer', 1, 1],
      ['<anonymous>', 1, 1],
    ]);
  });
});

describe('indentationComplexity', () => {
  it('sums logical indentation levels', () => {
    expect(indentationComplexity('a\n  b\n    c\n\n  d\n')).toEqual({ total: 4, max: 2 });
  });
});

const folders: TestRepo[] = [];
afterEach(() => {
  for (const folder of folders.splice(0)) folder.cleanup();
});

const NESTED_YAML = Array.from({ length: 40 }, (_, i) => `${'  '.repeat(i % 8)}k${i}: v`).join(
  '\n',
);

describe('runComplexity on every other text file', () => {
  it('measures markup, data and unknown text by indentation, leaves prose and generated files out', async () => {
    const folder = buildRepo({ git: false });
    folders.push(folder);
    folder.write({
      'src/cart.ts': 'export function f(a: number) {\n  return a ? 1 : 2;\n}\n',
      'infra/main.tf': 'resource "x" "y" {\n  tags = {\n    a = 1\n  }\n}\n',
      Dockerfile: 'FROM node:20\nRUN npm ci \\\n    && npm test\n',
      'web/page.html': '<main>\n  <p>\n    hi\n  </p>\n</main>\n',
      'deploy/values.yaml': NESTED_YAML + '\n',
      'config/app.json': '{\n  "a": {\n    "b": 1\n  }\n}\n',
      '.nvmrc': '20\n',
      'README.md': '# Title\n\n- item\n  - nested\n    - deeper\n',
      'docs/notes.txt': 'text\n    indented quote\n',
      'docs/guide.rst': 'Title\n=====\n\n  quoted\n',
      'deploy/generated.yaml': '# Code generated by helm. DO NOT EDIT.\na:\n  b: 1\n',
      'vendor/lib/config.yml': 'a:\n  b: 1\n',
    });
    const config = defaultConfig();
    const inventory = await runInventory({ root: folder.root, isGitWorkTree: false, config });
    const skipped: SkipNote[] = [];

    const measured = await runComplexity({ root: folder.root, files: inventory.files }, skipped);

    expect(measured.map((file) => [file.path, file.method, file.kind])).toEqual([
      ['.nvmrc', 'indentation', 'other'],
      ['Dockerfile', 'indentation', 'code'],
      ['config/app.json', 'indentation', 'data'],
      ['deploy/values.yaml', 'indentation', 'data'],
      ['infra/main.tf', 'indentation', 'code'],
      ['src/cart.ts', 'typescript', 'code'],
      ['web/page.html', 'indentation', 'markup'],
    ]);
    expect(measured.find((file) => file.path === 'config/app.json')?.total).toBe(4);
    expect(skipped).toEqual([]);
  });

  it('ranks only code as hotspots, however often markup and data files change', () => {
    const history = (path: string, revisions: number): FileHistory => ({
      path,
      revisions,
      added: revisions,
      deleted: 0,
      authors: { Ada: revisions },
      firstCommitAt: 0,
      lastCommitAt: 0,
    });
    const files = new Map([
      ['deploy/values.yaml', history('deploy/values.yaml', 50)],
      ['web/page.html', history('web/page.html', 3)],
      ['src/cart.ts', history('src/cart.ts', 2)],
    ]);

    const ranked = rankHotspots(
      { files } as HistoryResult,
      [
        {
          path: 'deploy/values.yaml',
          method: 'indentation',
          kind: 'data',
          total: 900,
          functions: [],
        },
        { path: 'src/cart.ts', method: 'typescript', kind: 'code', total: 2, functions: [] },
        { path: 'web/page.html', method: 'indentation', kind: 'markup', total: 4, functions: [] },
      ],
      20,
    );

    expect(ranked.hotspots.map((hotspot) => hotspot.path)).toEqual(['src/cart.ts']);
    expect(ranked.topShare).toBe(3.6); // 2 of 55 changes: the other files still count in the total
  });
});
