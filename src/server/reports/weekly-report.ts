/**
 * @module Builds the weekly founder report for one client and week: asks every contributor for
 * its lines, groups them into the fixed sections, and derives the status (the worst signal) and
 * the one-line headline. A contributor that fails costs its own lines only: the report says
 * which part is missing.
 */
import type { WeeklyReport } from '../../shared/reports.ts';
import type { AppContext } from '../context.ts';
import { findClient } from '../clients/clients.repo.ts';
import { notFound } from '../http/app-error.ts';
import {
  reportSections,
  type ReportContributor,
  type ReportLine,
  type ReportSection,
  type Signal,
} from './contributor.ts';
import { reportContributors } from './contributors.ts';
import { readingEase } from './readability.ts';
import { reportWeek, shortDate } from './week.ts';

/** Each section's title, and the one line it shows when it has nothing to say. */
export const sectionText: Record<ReportSection, { title: string; empty: string }> = {
  shipped: { title: 'Shipped this week', empty: 'Nothing shipped this week.' },
  kpis: { title: 'Your numbers', empty: 'No numbers are tracked yet.' },
  risks: { title: 'Risks', empty: 'No open risks right now.' },
  decisions: { title: 'Decisions we need from you', empty: 'No decisions wait on you.' },
  next: { title: 'Next week', empty: 'No plans for next week yet.' },
  quality: { title: 'Code health', empty: 'No code check ran this week.' },
  security: { title: 'Security', empty: 'No security scan ran this week.' },
  uptime: { title: 'Uptime', empty: 'No uptime checks are set up.' },
  hours: { title: 'Hours', empty: 'No hours were logged this week.' },
};

const rank: Record<Signal, number> = { green: 0, amber: 1, red: 2 };

export async function buildWeeklyReport(
  ctx: AppContext,
  options: {
    clientId: string;
    timeZone: string;
    weekOf?: string | undefined;
    at?: Date | undefined;
    contributors?: ReportContributor[];
  },
): Promise<WeeklyReport> {
  const client = await findClient(ctx.db, options.clientId);
  if (!client) throw notFound('client');
  const week = reportWeek(options);
  const contributors = options.contributors ?? reportContributors;
  const problems: string[] = [];
  const gathered = await Promise.all(
    contributors.map(async (contributor, index) => {
      try {
        const lines = await contributor.lines(ctx, week);
        return lines.map((line, position) => ({ line, index, position }));
      } catch (error) {
        ctx.logger.error(
          { err: error, contributor: contributor.id, clientId: client.id },
          'report contributor failed',
        );
        problems.push(`The ${contributor.id} part could not be read this week; it is left out.`);
        return [];
      }
    }),
  );
  const all = gathered.flat();
  const sections = reportSections.map((id) => ({
    id,
    title: sectionText[id].title,
    empty: sectionText[id].empty,
    lines: all
      .filter((g) => g.line.section === id)
      .sort(
        (a, b) =>
          (a.line.order ?? 0) - (b.line.order ?? 0) || a.index - b.index || a.position - b.position,
      )
      .map((g) => present(g.line)),
  }));

  const worst = all
    .map((g) => g.line)
    .filter((l) => l.signal && l.signal !== 'green')
    .sort((a, b) => rank[b.signal!] - rank[a.signal!])[0];
  const status: Signal = worst?.signal ?? 'green';
  const shipped = sections.find((s) => s.id === 'shipped')!.lines.length;
  const headline = worst
    ? worst.text
    : shipped > 0
      ? `On track: ${shipped} ${shipped === 1 ? 'thing' : 'things'} shipped this week.`
      : 'On track, with no problems this week.';

  const prose = [
    headline,
    ...sections.flatMap((s) =>
      s.lines.length === 0 ? [s.empty] : s.lines.flatMap((l) => [l.text, l.mitigation ?? '']),
    ),
  ].filter(Boolean);

  return {
    client: { id: client.id, name: client.name },
    week: {
      start: week.key,
      end: new Date(week.end.getTime() - 1).toISOString(),
      timeZone: week.timeZone,
      label: `${shortDate(week.start, week.timeZone)} – ${shortDate(new Date(week.end.getTime() - 1), week.timeZone)}`,
    },
    status,
    headline,
    sections,
    readingEase: readingEase(prose),
    generatedAt: new Date().toISOString(),
    problems,
  };
}

function present(line: ReportLine) {
  return {
    text: line.text,
    evidence: line.evidence,
    ...(line.signal ? { signal: line.signal } : {}),
    ...(line.mitigation ? { mitigation: line.mitigation } : {}),
    ...(line.due ? { due: line.due } : {}),
  };
}
