/**
 * @module Markdown helpers for the ADR parser: the source text of nodes (kept verbatim so that
 * export → import gives back the same text), headings as plain keys, and Good/Bad/Neutral bullets.
 */
import type { Heading, ListItem, RootContent } from 'mdast';

export interface Source {
  text: string;
}

/** The Markdown source of a run of sibling nodes, verbatim. */
export function rawOf(src: Source, nodes: readonly RootContent[]): string {
  const first = nodes[0];
  const last = nodes[nodes.length - 1];
  if (!first?.position || !last?.position) return '';
  return src.text.slice(first.position.start.offset, last.position.end.offset).trim();
}

/** A list item's content without its bullet. */
export function itemText(src: Source, item: ListItem): string {
  return rawOf(src, item.children).trim();
}

/** A heading's inline Markdown, without HTML comments such as MADR's `<!-- optional -->`. */
export function headingText(src: Source, heading: Heading): string {
  return rawOf(src, heading.children)
    .replace(/<!--[\s\S]*?-->/g, '')
    .replace(/\s+/g, ' ')
    .trim();
}

/** A heading as a lookup key: lower case, no punctuation around it. */
export function headingKey(text: string): string {
  return text
    .toLowerCase()
    .replace(/[*_`]/g, '')
    .replace(/[:.]+$/, '')
    .replace(/\s+/g, ' ')
    .trim();
}

export type Verdict = 'good' | 'neutral' | 'bad';

export interface Sorted {
  good: string[];
  neutral: string[];
  bad: string[];
  /** Everything that is not a Good/Bad/Neutral bullet, verbatim, blocks separated by a blank line. */
  rest: string;
}

const VERDICT = /^(good|bad|neutral)\s*,?\s*because\b[ \t]*/i;

/**
 * Sorts "Good, because …" / "Bad, because …" / "Neutral, because …" bullets from the rest.
 * `plain` says where a bullet without a verdict goes (MADR 2's "Positive Consequences" list).
 */
export function sortVerdicts(
  src: Source,
  nodes: readonly RootContent[],
  plain: Verdict | 'rest' = 'rest',
): Sorted {
  const sorted: Sorted = { good: [], neutral: [], bad: [], rest: '' };
  const rest: string[] = [];
  for (const node of nodes) {
    if (node.type !== 'list') {
      rest.push(rawOf(src, [node]));
      continue;
    }
    const unsorted: string[] = [];
    for (const item of node.children) {
      const text = itemText(src, item);
      const match = VERDICT.exec(text);
      if (match) sorted[match[1]!.toLowerCase() as Verdict].push(text.slice(match[0].length));
      else if (plain !== 'rest') sorted[plain].push(text);
      else unsorted.push(rawOf(src, [item]));
    }
    if (unsorted.length > 0) rest.push(unsorted.join('\n'));
  }
  sorted.rest = rest.filter(Boolean).join('\n\n');
  return sorted;
}

/** Splits nodes at headings of `depth` (or shallower): the lead, then one group per heading. */
export function splitAtHeadings(nodes: readonly RootContent[], depth: number) {
  const lead: RootContent[] = [];
  const groups: { heading: Heading; nodes: RootContent[] }[] = [];
  for (const node of nodes) {
    if (node.type === 'heading' && node.depth <= depth) groups.push({ heading: node, nodes: [] });
    else if (groups.length > 0) groups[groups.length - 1]!.nodes.push(node);
    else lead.push(node);
  }
  return { lead, groups };
}
