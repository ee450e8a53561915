/**
 * @module Per-function complexity for TypeScript and JavaScript with the TypeScript compiler's
 * parser (syntax only, no type checking): cyclomatic (McCabe), cognitive (SonarSource's rules:
 * +1 per break in flow, plus nesting) and maximum nesting.
 */
import { createRequire } from 'node:module';
import type * as TS from 'typescript';
import type { FunctionMetric } from '../types.ts';

// require, not import: importing this 9 MB CommonJS file as ESM makes Node 20 scan it for module
// syntax and named exports first (measured 0.6 s of CPU against 0.2 s for require).
const ts = createRequire(import.meta.url)('typescript') as typeof TS;

const SCRIPT_KIND: Record<string, TS.ScriptKind> = {
  '.ts': ts.ScriptKind.TS,
  '.mts': ts.ScriptKind.TS,
  '.cts': ts.ScriptKind.TS,
  '.tsx': ts.ScriptKind.TSX,
  '.jsx': ts.ScriptKind.JSX,
};

function isFunctionLike(node: TS.Node): node is TS.FunctionLikeDeclaration {
  return (
    ts.isFunctionDeclaration(node) ||
    ts.isFunctionExpression(node) ||
    ts.isArrowFunction(node) ||
    ts.isMethodDeclaration(node) ||
    ts.isConstructorDeclaration(node) ||
    ts.isGetAccessorDeclaration(node) ||
    ts.isSetAccessorDeclaration(node)
  );
}

function nameOf(
  node: TS.FunctionLikeDeclaration,
  parent: TS.Node | undefined,
  file: TS.SourceFile,
): string {
  const own =
    node.name &&
    (ts.isIdentifier(node.name) ||
      ts.isStringLiteral(node.name) ||
      ts.isPrivateIdentifier(node.name))
      ? node.name.text
      : undefined;
  let name = own ?? (ts.isConstructorDeclaration(node) ? 'constructor' : undefined);
  if (!name && parent && ts.isVariableDeclaration(parent) && ts.isIdentifier(parent.name))
    name = parent.name.text;
  if (!name && parent && (ts.isPropertyAssignment(parent) || ts.isPropertyDeclaration(parent)))
    name = parent.name.getText(file);
  const owner =
    parent && (ts.isClassDeclaration(parent) || ts.isClassExpression(parent))
      ? parent.name?.text
      : undefined;
  return owner && name ? `${owner}.${name}` : (name ?? '<anonymous>');
}

const LOGICAL = new Set([
  ts.SyntaxKind.AmpersandAmpersandToken,
  ts.SyntaxKind.BarBarToken,
  ts.SyntaxKind.QuestionQuestionToken,
  ts.SyntaxKind.AmpersandAmpersandEqualsToken,
  ts.SyntaxKind.BarBarEqualsToken,
  ts.SyntaxKind.QuestionQuestionEqualsToken,
]);

interface Counter {
  cyclomatic: number;
  cognitive: number;
  nesting: number;
}

/**
 * Analyses one file's text; `path` picks the script kind from its extension. Parent pointers are
 * not built (a third of the parse time): the walker passes each node's parent down itself.
 */
export function analyseTypeScript(path: string, text: string): FunctionMetric[] {
  const ext = path.slice(path.lastIndexOf('.')).toLowerCase();
  const file = ts.createSourceFile(
    path,
    text,
    ts.ScriptTarget.Latest,
    false,
    SCRIPT_KIND[ext] ?? ts.ScriptKind.JS,
  );
  const walker = new Walker(file, path);
  walker.top(file, undefined);
  return walker.out.sort((a, b) => a.line - b.line);
}

class Walker {
  readonly out: FunctionMetric[] = [];

  constructor(
    private readonly file: TS.SourceFile,
    private readonly path: string,
  ) {}

  top(node: TS.Node, parent: TS.Node | undefined): void {
    if (isFunctionLike(node)) this.measure(node, parent);
    else ts.forEachChild(node, (child) => this.top(child, node));
  }

  private measure(fn: TS.FunctionLikeDeclaration, parent: TS.Node | undefined): void {
    const counter: Counter = { cyclomatic: 1, cognitive: 0, nesting: 0 };
    if (fn.body) this.visit(fn.body, fn, counter, 0);
    const start = this.file.getLineAndCharacterOfPosition(fn.getStart(this.file)).line + 1;
    const end = this.file.getLineAndCharacterOfPosition(fn.getEnd()).line + 1;
    this.out.push({
      path: this.path,
      name: nameOf(fn, parent, this.file),
      line: start,
      endLine: end,
      ...counter,
    });
  }

  private visit(node: TS.Node, parent: TS.Node, counter: Counter, depth: number): void {
    if (isFunctionLike(node)) {
      this.measure(node, parent); // nested functions are measured on their own
      return;
    }
    let childDepth = depth;
    let nests = false;
    switch (node.kind) {
      case ts.SyntaxKind.IfStatement: {
        counter.cyclomatic++;
        if (ts.isIfStatement(parent) && parent.elseStatement === node)
          counter.cognitive++; // else-if: no nesting surcharge
        else nests = true;
        const elseBranch = (node as TS.IfStatement).elseStatement;
        if (elseBranch && !ts.isIfStatement(elseBranch)) counter.cognitive++;
        break;
      }
      case ts.SyntaxKind.ForStatement:
      case ts.SyntaxKind.ForInStatement:
      case ts.SyntaxKind.ForOfStatement:
      case ts.SyntaxKind.WhileStatement:
      case ts.SyntaxKind.DoStatement:
      case ts.SyntaxKind.CatchClause:
      case ts.SyntaxKind.ConditionalExpression:
        counter.cyclomatic++;
        nests = true;
        break;
      case ts.SyntaxKind.SwitchStatement:
        nests = true;
        break;
      case ts.SyntaxKind.CaseClause:
        counter.cyclomatic++;
        break;
      case ts.SyntaxKind.BreakStatement:
      case ts.SyntaxKind.ContinueStatement:
        if ((node as TS.BreakStatement).label) counter.cognitive++;
        break;
      case ts.SyntaxKind.BinaryExpression: {
        const operator = (node as TS.BinaryExpression).operatorToken.kind;
        if (LOGICAL.has(operator)) {
          counter.cyclomatic++;
          // A run of the same operator counts once (a && b && c is one sequence).
          if (!(ts.isBinaryExpression(parent) && parent.operatorToken.kind === operator))
            counter.cognitive++;
        }
        break;
      }
      default:
        break;
    }
    if (nests) {
      counter.cognitive += 1 + depth;
      childDepth = depth + 1;
      if (childDepth > counter.nesting) counter.nesting = childDepth;
    }
    ts.forEachChild(node, (child) => this.visit(child, node, counter, childDepth));
  }
}
