/**
 * @module Comment syntax for the common languages. linguist has no comment data, so this table
 * maps linguist language names to their line and block comment markers.
 */
export interface CommentSyntax {
  line: readonly string[];
  block: readonly (readonly [string, string])[];
  /** Whether a block comment may open after code on the same line (false for Python docstrings). */
  blockMidLine: boolean;
}

const C_BLOCK = [['/*', '*/']] as const;
const cLike: CommentSyntax = { line: ['//'], block: C_BLOCK, blockMidLine: true };
const hash: CommentSyntax = { line: ['#'], block: [], blockMidLine: false };
const xml: CommentSyntax = { line: [], block: [['<!--', '-->']], blockMidLine: true };
const none: CommentSyntax = { line: [], block: [], blockMidLine: false };

const SYNTAX: Record<string, CommentSyntax> = {
  Python: {
    line: ['#'],
    block: [
      ['"""', '"""'],
      ["'''", "'''"],
    ],
    blockMidLine: false,
  },
  Ruby: { line: ['#'], block: [['=begin', '=end']], blockMidLine: false },
  CSS: { line: [], block: C_BLOCK, blockMidLine: true },
  PHP: { line: ['//', '#'], block: C_BLOCK, blockMidLine: true },
  SQL: { line: ['--'], block: C_BLOCK, blockMidLine: true },
  PLpgSQL: { line: ['--'], block: C_BLOCK, blockMidLine: true },
  Lua: { line: ['--'], block: [['--[[', ']]']], blockMidLine: false },
  Haskell: { line: ['--'], block: [['{-', '-}']], blockMidLine: true },
  Elm: { line: ['--'], block: [['{-', '-}']], blockMidLine: true },
  PowerShell: { line: ['#'], block: [['<#', '#>']], blockMidLine: true },
  Julia: { line: ['#'], block: [['#=', '=#']], blockMidLine: true },
  OCaml: { line: [], block: [['(*', '*)']], blockMidLine: true },
  'F#': { line: ['//'], block: [['(*', '*)']], blockMidLine: true },
  Pascal: {
    line: ['//'],
    block: [
      ['{', '}'],
      ['(*', '*)'],
    ],
    blockMidLine: true,
  },
  Erlang: { line: ['%'], block: [], blockMidLine: false },
  TeX: { line: ['%'], block: [], blockMidLine: false },
  MATLAB: { line: ['%'], block: [['%{', '%}']], blockMidLine: false },
  Fortran: { line: ['!'], block: [], blockMidLine: false },
  'Fortran Free Form': { line: ['!'], block: [], blockMidLine: false },
  'Visual Basic .NET': { line: ["'"], block: [], blockMidLine: false },
  Batchfile: { line: ['REM ', 'rem ', '::'], block: [], blockMidLine: false },
  INI: { line: [';', '#'], block: [], blockMidLine: false },
  Assembly: { line: [';'], block: [], blockMidLine: false },
  Clojure: { line: [';'], block: [], blockMidLine: false },
  'Common Lisp': { line: [';'], block: [], blockMidLine: false },
  Scheme: { line: [';'], block: [], blockMidLine: false },
  'Emacs Lisp': { line: [';'], block: [], blockMidLine: false },
  Vim: { line: ['"'], block: [], blockMidLine: false },
  'Vim Script': { line: ['"'], block: [], blockMidLine: false },
  Markdown: none,
  Text: none,
  JSON: none,
};

for (const name of [
  'C',
  'C++',
  'C#',
  'Java',
  'JavaScript',
  'TypeScript',
  'TSX',
  'Go',
  'Rust',
  'Swift',
  'Kotlin',
  'Scala',
  'Dart',
  'Objective-C',
  'Objective-C++',
  'Groovy',
  'Gradle',
  'Less',
  'SCSS',
  'Solidity',
  'Zig',
  'JSON with Comments',
  'JSON5',
  'Protocol Buffer',
  'Apex',
  'D',
  'Hack',
  'Cuda',
  'GLSL',
  'HLSL',
  'Stylus',
  'Sass',
  'V',
  'Verilog',
  'SystemVerilog',
  'Prisma',
  'Jsonnet',
  'Thrift',
  'Smithy',
]) {
  SYNTAX[name] = cLike;
}
for (const name of [
  'Shell',
  'Perl',
  'R',
  'YAML',
  'TOML',
  'Makefile',
  'Dockerfile',
  'Elixir',
  'Nix',
  'CMake',
  'GraphQL',
  'Crystal',
  'Tcl',
  'Awk',
  'Raku',
  'HCL',
  'Terraform',
  'Starlark',
  'Python console',
  'Git Config',
  'Ignore List',
  'Git Attributes',
  'Nginx',
  'Fish',
  'Zsh',
  'Procfile',
  'Just',
  'Cython',
  'Bicep',
  'Jinja',
  'Puppet',
  'EditorConfig',
  'Dotenv',
  'Gemfile.lock',
  'Hosts File',
]) {
  SYNTAX[name] = hash;
}
for (const name of [
  'HTML',
  'XML',
  'Vue',
  'Svelte',
  'SVG',
  'XSLT',
  'HTML+ERB',
  'Astro',
  'Handlebars',
  'Razor',
  'Maven POM',
  'XML Property List',
]) {
  SYNTAX[name] = xml;
}

/** The comment syntax for a linguist language, or "no comments" when unknown. */
export function commentSyntaxFor(language: string | null): CommentSyntax {
  return (language && SYNTAX[language]) || none;
}
