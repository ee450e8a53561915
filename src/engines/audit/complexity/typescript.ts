/**
 * @module Per-function complexity for TypeScript and JavaScript with the TypeScript compiler's
 * parser (syntax only, no type checking): cyclomatic (McCabe), cognitive (SonarSource's rules:
 * +1 per break in flow, plus nesting) and maximum nesting.
 */
import ts from 'typescript';
import type { FunctionMetric } from '../types.ts';

const SCRIPT_KIND: Record<string, ts.ScriptKind> = { '.ts': ts.ScriptKind.TS, '.mts': ts.ScriptKind.TS, '.cts': ts.ScriptKind.TS, '.tsx': ts.ScriptKind.TSX, '.jsx': ts.ScriptKind.JSX };

function isFunctionLike(node: ts.Node): node is ts.FunctionLikeDeclaration {
  return ts.isFunctionDeclaration(node) || ts.isFunctionExpression(node) || ts.isArrowFunction(node) || ts.isMethodDeclaration(node)
    || ts.isConstructorDeclaration(node) || ts.isGetAccessorDeclaration(node) || ts.isSetAccessorDeclaration(node);
}

function nameOf(node: ts.FunctionLikeDeclaration, file: ts.SourceFile): string {
  const own = node.name && (ts.isIdentifier(node.name) || ts.isStringLiteral(node.name) || ts.isPrivateIdentifier(node.name)) ? node.name.text : undefined;
  let name = own ?? (ts.isConstructorDeclaration(node) ? 'constructor' : undefined);
  const parent = node.parent;
  if (!name && ts.isVariableDeclaration(parent) && ts.isIdentifier(parent.name)) name = parent.name.text;
  if (!name && ts.isPropertyAssignment(parent)) name = parent.name.getText(file);
  if (!name && ts.isPropertyDeclaration(parent)) name = parent.name.getText(file);
  const owner = node.parent && (ts.isClassDeclaration(node.parent) || ts.isClassExpression(node.parent)) ? node.parent.name?.text : undefined;
  return owner && name ? `${owner}.${name}` : (name ?? '<anonymous>');
}

const LOGICAL = new Set([ts.SyntaxKind.AmpersandAmpersandToken, ts.SyntaxKind.BarBarToken, ts.SyntaxKind.QuestionQuestionToken,
  ts.SyntaxKind.AmpersandAmpersandEqualsToken, ts.SyntaxKind.BarBarEqualsToken, ts.SyntaxKind.QuestionQuestionEqualsToken]);

interface Counter {
  cyclomatic: number;
  cognitive: number;
  nesting: number;
}

/** Analyses one file's text; `path` picks the script kind from its extension. */
export function analyseTypeScript(path: string, text: string): FunctionMetric[] {
  const ext = path.slice(path.lastIndexOf('.')).toLowerCase();
  const file = ts.createSourceFile(path, text, ts.ScriptTarget.Latest, true, SCRIPT_KIND[ext] ?? ts.ScriptKind.JS);
  const out: FunctionMetric[] = [];

  const measure = (fn: ts.FunctionLikeDeclaration): void => {
    const counter: Counter = { cyclomatic: 1, cognitive: 0, nesting: 0 };
    if (fn.body) visit(fn.body, counter, 0, fn);
    const start = file.getLineAndCharacterOfPosition(fn.getStart(file)).line + 1;
    const end = file.getLineAndCharacterOfPosition(fn.getEnd()).line + 1;
    out.push({ path, name: nameOf(fn, file), line: start, endLine: end, ...counter });
  };

  const visit = (node: ts.Node, counter: Counter, depth: number, owner: ts.Node): void => {
    if (node !== owner && isFunctionLike(node)) {
      measure(node); // nested functions are measured on their own
      return;
    }
    let childDepth = depth;
    const nest = (): void => {
      counter.cognitive += 1 + depth;
      childDepth = depth + 1;
      counter.nesting = Math.max(counter.nesting, childDepth);
    };
    switch (node.kind) {
      case ts.SyntaxKind.IfStatement: {
        counter.cyclomatic++;
        const isElseIf = ts.isIfStatement(node.parent) && node.parent.elseStatement === node;
        if (isElseIf) {
          counter.cognitive++;
          childDepth = depth; // an else-if sits at the level of its if
        } else nest();
        const elseBranch = (node as ts.IfStatement).elseStatement;
        if (elseBranch && !ts.isIfStatement(elseBranch)) counter.cognitive++;
        break;
      }
      case ts.SyntaxKind.ForStatement: case ts.SyntaxKind.ForInStatement: case ts.SyntaxKind.ForOfStatement:
      case ts.SyntaxKind.WhileStatement: case ts.SyntaxKind.DoStatement: case ts.SyntaxKind.CatchClause:
      case ts.SyntaxKind.ConditionalExpression:
        counter.cyclomatic++;
        nest();
        break;
      case ts.SyntaxKind.SwitchStatement:
        nest();
        break;
      case ts.SyntaxKind.CaseClause:
        counter.cyclomatic++;
        break;
      case ts.SyntaxKind.BreakStatement: case ts.SyntaxKind.ContinueStatement:
        if ((node as ts.BreakStatement).label) counter.cognitive++;
        break;
      case ts.SyntaxKind.BinaryExpression: {
        const operator = (node as ts.BinaryExpression).operatorToken.kind;
        if (LOGICAL.has(operator)) {
          counter.cyclomatic++;
          // A run of the same operator counts once (a && b && c is one sequence).
          const parent = node.parent;
          if (!(ts.isBinaryExpression(parent) && parent.operatorToken.kind === operator)) counter.cognitive++;
        }
        break;
      }
      default:
        break;
    }
    ts.forEachChild(node, (child) => visit(child, counter, childDepth, owner));
  };

  const top = (node: ts.Node): void => {
    if (isFunctionLike(node)) measure(node);
    else ts.forEachChild(node, top);
  };
  top(file);
  return out.sort((a, b) => a.line - b.line);
}
