/**
 * @module The ADR model: every MADR 4 field, plus a plain-language summary for founders and
 * whatever a real file carries beyond the template (extra sections, extra front-matter keys), so
 * that import → export → import loses nothing.
 */

export const ADR_STATUSES = [
  'proposed',
  'accepted',
  'rejected',
  'deprecated',
  'superseded',
] as const;
export type AdrStatus = (typeof ADR_STATUSES)[number];

export interface AdrOption {
  title: string;
  /** Markdown before the Good/Bad/Neutral bullets (example, pointer, description). */
  description: string;
  good: string[];
  neutral: string[];
  bad: string[];
}

export interface AdrSection {
  heading: string;
  /** The section's Markdown, verbatim. */
  body: string;
}

export interface Adr {
  /** From the file name (`0003-use-postgres.md`) or the title (`# 3. Use PostgreSQL`). */
  number: number | null;
  title: string;
  status: AdrStatus;
  /** The reference after "superseded by", verbatim (a Markdown link or `ADR-0005`). */
  supersededBy: string | null;
  /** References this decision supersedes, verbatim. */
  supersedes: string[];
  /** Other status lines kept as they were ("Amended by [4. …](0004-….md)"). */
  links: string[];
  /** YYYY-MM-DD. */
  date: string | null;
  decisionMakers: string[];
  consulted: string[];
  informed: string[];
  /** A few sentences a non-technical founder can read. Stored as front-matter `summary`. */
  summary: string;
  /** Markdown between the title and the first section ("Technical Story: …"). */
  preamble: string;
  context: string;
  decisionDrivers: string[];
  /** Text around the options list that is not an option. */
  optionsIntro: string;
  options: AdrOption[];
  outcome: {
    /** Null when the file states the decision as prose (Nygard's "## Decision"). */
    chosenOption: string | null;
    justification: string;
  };
  consequences: { notes: string; good: string[]; neutral: string[]; bad: string[] };
  confirmation: string;
  moreInformation: string;
  /** Sections the template does not know, in file order. */
  extraSections: AdrSection[];
  /** Front-matter keys the template does not know. */
  extraFrontMatter: Record<string, unknown>;
}

export type AdrFormat = 'madr-4' | 'madr-3' | 'madr-2' | 'nygard';

export interface AdrFile {
  path: string;
  content: string;
}

export interface ParsedAdr {
  path: string;
  format: AdrFormat;
  adr: Adr;
  /** Things that imported but deserve a look (an unknown status read as "proposed"). */
  warnings: AdrProblem[];
}

export interface AdrProblem {
  path: string;
  /** 1-based line in the file. */
  line: number;
  message: string;
}

export function emptyAdr(title = ''): Adr {
  return {
    number: null,
    title,
    status: 'proposed',
    supersededBy: null,
    supersedes: [],
    links: [],
    date: null,
    decisionMakers: [],
    consulted: [],
    informed: [],
    summary: '',
    preamble: '',
    context: '',
    decisionDrivers: [],
    optionsIntro: '',
    options: [],
    outcome: { chosenOption: null, justification: '' },
    consequences: { notes: '', good: [], neutral: [], bad: [] },
    confirmation: '',
    moreInformation: '',
    extraSections: [],
    extraFrontMatter: {},
  };
}
