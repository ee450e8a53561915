/**
 * @module Per-function complexity for Python, Go, Java, Ruby, PHP, C# and Rust with tree-sitter
 * WASM grammars (shipped in @vscode/tree-sitter-wasm, run by web-tree-sitter; nothing native).
 */
import { createRequire } from 'node:module';
import { dirname, join } from 'node:path';
import { Language, Parser, type TreeCursor } from 'web-tree-sitter';
import { err, messageOf, ok, type Result } from '../result.ts';
import type { FunctionMetric } from '../types.ts';
import { GRAMMARS, type GrammarRules } from './tree-sitter-rules.ts';

const require = createRequire(import.meta.url);
let initialised: Promise<void> | null = null;
const parsers = new Map<string, Promise<Result<Parser>>>();

export function hasGrammar(language: string | null): boolean {
  return language !== null && language in GRAMMARS;
}

async function parserFor(language: string): Promise<Result<Parser>> {
  const rules = GRAMMARS[language];
  if (!rules) return err(`no grammar for ${language}`);
  let pending = parsers.get(language);
  if (!pending) {
    pending = (async (): Promise<Result<Parser>> => {
      try {
        initialised ??= Parser.init();
        await initialised;
        const folder = join(
          dirname(require.resolve('@vscode/tree-sitter-wasm/package.json')),
          'wasm',
        );
        const grammar = await Language.load(join(folder, rules.wasm));
        const parser = new Parser();
        parser.setLanguage(grammar);
        return ok(parser);
      } catch (error) {
        return err(`cannot load the ${language} grammar: ${messageOf(error)}`);
      }
    })();
    parsers.set(language, pending);
  }
  return pending;
}

interface Open {
  metric: FunctionMetric;
  depth: number;
}

/** Analyses one file with its language's grammar; an error value when the grammar will not load. */
export async function analyseTreeSitter(
  path: string,
  language: string,
  text: string,
): Promise<Result<FunctionMetric[]>> {
  const parser = await parserFor(language);
  if (!parser.ok) return parser;
  const rules = GRAMMARS[language] as GrammarRules;
  const tree = parser.value.parse(text);
  if (!tree) return err('the parser returned no tree');
  const out: FunctionMetric[] = [];
  const cursor = tree.walk();
  try {
    walk(cursor, rules, path, out, null, 0, false);
  } catch (error) {
    return err(`cannot walk the syntax tree: ${messageOf(error)}`);
  } finally {
    cursor.delete();
    tree.delete();
  }
  return ok(out.sort((a, b) => a.line - b.line));
}

function walk(
  cursor: TreeCursor,
  rules: GrammarRules,
  path: string,
  out: FunctionMetric[],
  fn: Open | null,
  depth: number,
  isElseIf: boolean,
): void {
  // Anonymous nodes are keywords and punctuation: Ruby's `if` keyword has type "if" too.
  const type = cursor.nodeIsNamed ? cursor.nodeType : '';
  let current = fn;
  let childDepth = depth;
  if (rules.functions.has(type)) {
    const node = cursor.currentNode;
    const name = node.childForFieldName('name')?.text ?? '<anonymous>';
    current = {
      metric: {
        path,
        name,
        line: node.startPosition.row + 1,
        endLine: node.endPosition.row + 1,
        cyclomatic: 1,
        cognitive: 0,
        nesting: 0,
      },
      depth: 0,
    };
    out.push(current.metric);
    childDepth = 0;
  } else if (current) {
    const metric = current.metric;
    if (rules.branches.has(type)) {
      metric.cyclomatic++;
      // An else-if costs +1 without the nesting surcharge, but its body is still one level in.
      metric.cognitive += isElseIf ? 1 : 1 + depth;
      childDepth = depth + 1;
      metric.nesting = Math.max(metric.nesting, childDepth);
    } else if (rules.switches.has(type)) {
      metric.cognitive += 1 + depth;
      childDepth = depth + 1;
      metric.nesting = Math.max(metric.nesting, childDepth);
    } else if (rules.elseIfs.has(type)) {
      metric.cyclomatic++;
      metric.cognitive++;
    } else if (rules.elses.has(type)) {
      // Rust's `else if` is an else_clause holding an if_expression: the if counts, not the else.
      const inner = cursor.currentNode.firstNamedChild;
      if (!(inner && rules.branches.has(inner.type) && /if/.test(inner.type))) metric.cognitive++;
    } else if (rules.cases.has(type)) {
      metric.cyclomatic++;
    } else if (rules.binaries.has(type)) {
      const node = cursor.currentNode;
      const operator = node.childForFieldName('operator')?.type;
      if (operator && rules.logicalOperators.has(operator)) {
        metric.cyclomatic++;
        const parent = node.parent;
        const parentOperator =
          parent && rules.binaries.has(parent.type)
            ? parent.childForFieldName('operator')?.type
            : undefined;
        if (parentOperator !== operator) metric.cognitive++;
      }
    }
  }
  if (!cursor.gotoFirstChild()) return;
  do {
    // `else if` (Go, Java, C#, Rust): an if in an else position is not nested deeper.
    const field = cursor.currentFieldName;
    const childIsElseIf =
      rules.branches.has(cursor.nodeType) &&
      (field === 'alternative' || rules.elses.has(type)) &&
      /if/.test(cursor.nodeType);
    // A plain `else` held in an if's `alternative` field (Go, Java, C#) costs +1, as else_clause does.
    if (
      current &&
      field === 'alternative' &&
      !childIsElseIf &&
      rules.branches.has(type) &&
      /if/.test(type) &&
      !rules.elses.has(cursor.nodeType) &&
      !rules.elseIfs.has(cursor.nodeType)
    )
      current.metric.cognitive++;
    walk(cursor, rules, path, out, current, childIsElseIf ? depth : childDepth, childIsElseIf);
  } while (cursor.gotoNextSibling());
  cursor.gotoParent();
}
