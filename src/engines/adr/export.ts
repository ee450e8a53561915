/**
 * @module Writes an ADR as a MADR 4 Markdown file. Fields the template has no slot for travel as
 * extra front-matter keys (`summary`, `supersedes`, `links`) or extra sections, so reading the
 * file back gives the same ADR.
 */
import { stringify } from 'yaml';
import type { Adr } from './types.ts';

/** `0007-use-postgresql.md`; without a number, just the slug. */
export function adrFileName(adr: Pick<Adr, 'number' | 'title'>): string {
  const slug =
    adr.title
      .toLowerCase()
      .normalize('NFKD')
      .replace(/[^a-z0-9]+/g, '-')
      .replace(/^-+|-+$/g, '')
      .slice(0, 60)
      .replace(/-+$/, '') || 'decision';
  return adr.number === null ? `${slug}.md` : `${String(adr.number).padStart(4, '0')}-${slug}.md`;
}

function frontMatter(adr: Adr): string {
  const data: Record<string, unknown> = {
    status:
      adr.status === 'superseded' && adr.supersededBy
        ? `superseded by ${adr.supersededBy}`
        : adr.status,
  };
  if (adr.date) data.date = adr.date;
  if (adr.decisionMakers.length) data['decision-makers'] = adr.decisionMakers;
  if (adr.consulted.length) data.consulted = adr.consulted;
  if (adr.informed.length) data.informed = adr.informed;
  if (adr.summary) data.summary = adr.summary;
  if (adr.supersedes.length) data.supersedes = adr.supersedes;
  if (adr.links.length) data.links = adr.links;
  Object.assign(data, adr.extraFrontMatter);
  return `---\n${stringify(data, { lineWidth: 0 })}---\n`;
}

const bullets = (items: string[], prefix = '') => items.map((i) => `* ${prefix}${i}`).join('\n');

function verdicts(v: { good: string[]; neutral: string[]; bad: string[] }): string {
  return [
    bullets(v.good, 'Good, because '),
    bullets(v.neutral, 'Neutral, because '),
    bullets(v.bad, 'Bad, because '),
  ]
    .filter(Boolean)
    .join('\n');
}

const join = (parts: string[]) => parts.filter((p) => p.trim() !== '').join('\n\n');

function section(heading: string, body: string, level = 2): string {
  return body.trim() ? `${'#'.repeat(level)} ${heading}\n\n${body.trim()}` : '';
}

/** A justification that opens with a list, heading, quote, table or code goes below the line. */
const startsWithBlock = (text: string) => /^(?:[-*+]\s|\d+[.)]\s|#|>|```|~~~|\||<)/.test(text);

function outcome(adr: Adr): string {
  const { chosenOption, justification } = adr.outcome;
  const lead =
    chosenOption === null
      ? justification
      : `Chosen option: "${chosenOption}"${justification ? `, because${startsWithBlock(justification) ? '\n\n' : ' '}${justification}` : ''}`;
  const c = adr.consequences;
  return join([
    lead,
    section('Consequences', join([c.notes, verdicts(c)]), 3),
    section('Confirmation', adr.confirmation, 3),
  ]);
}

function prosAndCons(adr: Adr): string {
  const detailed = adr.options.filter(
    (o) => o.description || o.good.length || o.neutral.length || o.bad.length,
  );
  return join(
    detailed.map(
      (o) => section(o.title, join([o.description, verdicts(o)]), 3) || `### ${o.title}`,
    ),
  );
}

/** The ADR as MADR 4 Markdown. */
export function exportAdr(adr: Adr): { fileName: string; content: string } {
  const body = join([
    `# ${adr.title}`,
    adr.preamble,
    section('Context and Problem Statement', adr.context),
    section('Decision Drivers', bullets(adr.decisionDrivers)),
    section(
      'Considered Options',
      join([adr.optionsIntro, bullets(adr.options.map((o) => o.title))]),
    ),
    section('Decision Outcome', outcome(adr)),
    section('Pros and Cons of the Options', prosAndCons(adr)),
    section('More Information', adr.moreInformation),
    ...adr.extraSections.map((s) =>
      s.body.trim() ? section(s.heading, s.body) : `## ${s.heading}`,
    ),
  ]);
  return { fileName: adrFileName(adr), content: `${frontMatter(adr)}\n${body}\n` };
}
