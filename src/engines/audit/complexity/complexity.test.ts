import { describe, it, expect } from 'vitest';
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

describe('indentationComplexity', () => {
  it('sums logical indentation levels', () => {
    expect(indentationComplexity('a\n  b\n    c\n\n  d\n')).toEqual({ total: 4, max: 2 });
  });
});
