/**
 * @module The weekly founder report's extension point. The report has a fixed shape (status,
 * shipped, KPIs, risks, decisions needed, next week, hours, and one section per later area);
 * every line in it comes from a contributor. Each domain (milestones, KPIs, decisions, time,
 * audits, security scans, monitoring…) writes one contributor and adds it to `contributors.ts`;
 * the report itself never queries a domain's tables.
 *
 * Lines are written for a non-technical founder: short sentences, plain words, no jargon, no
 * secrets. Every line links to its evidence inside Keel.
 */
import type { AppContext } from '../context.ts';

/** The sections of the report, in the order it shows them. */
export const reportSections = [
  'shipped',
  'kpis',
  'risks',
  'decisions',
  'next',
  'quality',
  'security',
  'uptime',
  'hours',
] as const;
export type ReportSection = (typeof reportSections)[number];

/** How a line bears on the week's status: the report's status is the worst signal it holds. */
export type Signal = 'red' | 'amber' | 'green';

export interface ReportLine {
  section: ReportSection;
  /** One plain-language sentence for a founder. */
  text: string;
  /** Where the evidence lives: a label and a path inside Keel's web app (starting with `/`). */
  evidence: { label: string; href: string };
  /** Set when the line should move the week's status; a red or amber line may become the headline. */
  signal?: Signal;
  /** For risks: what is being done about it, in one sentence. */
  mitigation?: string;
  /**
   * For decisions and commitments: the date it is due (YYYY-MM-DD), for ordering and for API
   * readers. Renderers do not print it: the text says the date in words ("by 26 November").
   */
  due?: string;
  /** Lower comes first within a section; ties keep contributor order. */
  order?: number;
}

/** The week a report covers, in the client's report time zone. */
export interface ReportWeek {
  clientId: string;
  /** Inclusive start and exclusive end of the week, as instants. */
  start: Date;
  end: Date;
  /** IANA time zone the report is written in (dates in lines use it). */
  timeZone: string;
}

export interface ReportContributor {
  /** Stable id, for ordering and for error messages (`milestones`, `kpis`, `audit`…). */
  id: string;
  /** The lines this domain adds for one client and week; [] when it has nothing to say. */
  lines(ctx: AppContext, week: ReportWeek): Promise<ReportLine[]>;
}
