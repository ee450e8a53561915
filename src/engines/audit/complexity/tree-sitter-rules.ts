/**
 * @module Node types per tree-sitter grammar that make a function, a branch, an else, a case or a
 * logical operator. One generic walker (tree-sitter.ts) applies them to every language.
 */
export interface GrammarRules {
  /** File name of the WASM grammar inside @vscode/tree-sitter-wasm. */
  wasm: string;
  functions: ReadonlySet<string>;
  /** Increase cyclomatic and cognitive (+nesting) and open a nesting level. */
  branches: ReadonlySet<string>;
  /** Switch-like nodes: cognitive (+nesting) and a nesting level, but cyclomatic comes from their cases. */
  switches: ReadonlySet<string>;
  /** +1 cognitive and cyclomatic, no nesting (elif / else if clauses). */
  elseIfs: ReadonlySet<string>;
  /** +1 cognitive only. */
  elses: ReadonlySet<string>;
  /** +1 cyclomatic only (each case of a switch or match). */
  cases: ReadonlySet<string>;
  /** Binary nodes whose operator field is one of `logicalOperators`. */
  binaries: ReadonlySet<string>;
  logicalOperators: ReadonlySet<string>;
}

const set = (...items: string[]): ReadonlySet<string> => new Set(items);
const C_LOGIC = set('&&', '||');

export const GRAMMARS: Record<string, GrammarRules> = {
  Python: {
    wasm: 'tree-sitter-python.wasm',
    functions: set('function_definition', 'lambda'),
    branches: set(
      'if_statement',
      'for_statement',
      'while_statement',
      'except_clause',
      'conditional_expression',
    ),
    switches: set('match_statement'),
    elseIfs: set('elif_clause'),
    elses: set('else_clause'),
    cases: set('case_clause', 'if_clause'),
    binaries: set('boolean_operator'),
    logicalOperators: set('and', 'or'),
  },
  Go: {
    wasm: 'tree-sitter-go.wasm',
    functions: set('function_declaration', 'method_declaration', 'func_literal'),
    branches: set('if_statement', 'for_statement'),
    switches: set('expression_switch_statement', 'type_switch_statement', 'select_statement'),
    elseIfs: set(),
    elses: set(),
    cases: set('expression_case', 'type_case', 'communication_case'),
    binaries: set('binary_expression'),
    logicalOperators: C_LOGIC,
  },
  Java: {
    wasm: 'tree-sitter-java.wasm',
    functions: set(
      'method_declaration',
      'constructor_declaration',
      'lambda_expression',
      'compact_constructor_declaration',
    ),
    branches: set(
      'if_statement',
      'for_statement',
      'enhanced_for_statement',
      'while_statement',
      'do_statement',
      'catch_clause',
      'ternary_expression',
    ),
    switches: set('switch_expression'),
    elseIfs: set(),
    elses: set(),
    cases: set('switch_label', 'switch_rule'),
    binaries: set('binary_expression'),
    logicalOperators: C_LOGIC,
  },
  Ruby: {
    wasm: 'tree-sitter-ruby.wasm',
    functions: set('method', 'singleton_method', 'lambda'),
    branches: set(
      'if',
      'unless',
      'while',
      'until',
      'for',
      'rescue',
      'conditional',
      'if_modifier',
      'unless_modifier',
      'while_modifier',
      'until_modifier',
      'rescue_modifier',
    ),
    switches: set('case'),
    elseIfs: set('elsif'),
    elses: set('else'),
    cases: set('when', 'in_clause'),
    binaries: set('binary'),
    logicalOperators: set('&&', '||', 'and', 'or'),
  },
  PHP: {
    wasm: 'tree-sitter-php.wasm',
    functions: set(
      'function_definition',
      'method_declaration',
      'anonymous_function',
      'anonymous_function_creation_expression',
      'arrow_function',
    ),
    branches: set(
      'if_statement',
      'for_statement',
      'foreach_statement',
      'while_statement',
      'do_statement',
      'catch_clause',
      'conditional_expression',
    ),
    switches: set('switch_statement', 'match_expression'),
    elseIfs: set('else_if_clause'),
    elses: set('else_clause'),
    cases: set('case_statement', 'match_conditional_expression'),
    binaries: set('binary_expression'),
    logicalOperators: set('&&', '||', 'and', 'or', '??'),
  },
  'C#': {
    wasm: 'tree-sitter-c-sharp.wasm',
    functions: set(
      'method_declaration',
      'constructor_declaration',
      'local_function_statement',
      'lambda_expression',
      'accessor_declaration',
      'anonymous_method_expression',
    ),
    branches: set(
      'if_statement',
      'for_statement',
      'foreach_statement',
      'while_statement',
      'do_statement',
      'catch_clause',
      'conditional_expression',
    ),
    switches: set('switch_statement', 'switch_expression'),
    elseIfs: set(),
    elses: set(),
    cases: set('switch_section', 'switch_expression_arm'),
    binaries: set('binary_expression'),
    logicalOperators: set('&&', '||', '??'),
  },
  Rust: {
    wasm: 'tree-sitter-rust.wasm',
    functions: set('function_item', 'closure_expression'),
    branches: set('if_expression', 'for_expression', 'while_expression', 'loop_expression'),
    switches: set('match_expression'),
    elseIfs: set(),
    elses: set('else_clause'),
    cases: set('match_arm'),
    binaries: set('binary_expression'),
    logicalOperators: C_LOGIC,
  },
};
