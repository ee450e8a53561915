/**
 * @module Indentation complexity for languages without a parser here: the sum of logical
 * indentation levels of non-blank lines (after Hindle et al., "Reading beside the lines"), a
 * language-neutral stand-in for nesting that correlates well with McCabe.
 */
export interface IndentationResult {
  total: number;
  max: number;
}

export function indentationComplexity(text: string): IndentationResult {
  let total = 0;
  let max = 0;
  let unit = 0;
  const lines = text.split('\n');
  for (const line of lines) {
    let spaces = 0;
    for (let i = 0; i < line.length; i++) {
      const c = line.charCodeAt(i);
      if (c === 32) spaces++;
      else if (c === 9) spaces += 4;
      else break;
    }
    if (spaces === line.length || line.trim() === '') continue;
    // The first indented line sets the unit (2 or 4 spaces, a tab counts 4).
    if (spaces > 0 && unit === 0) unit = Math.min(spaces, 8);
    const level = unit === 0 ? 0 : Math.floor(spaces / unit);
    total += level;
    max = Math.max(max, level);
  }
  return { total, max };
}
