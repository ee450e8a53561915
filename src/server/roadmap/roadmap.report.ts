/**
 * @module What the roadmap adds to the weekly founder report: milestones shipped this week (with
 * their acceptance), late milestones, next week's commitments, and open risks with their
 * mitigation. Lateness is against the planned date (for a shipped milestone) or the due date as of
 * the week's end, or today for the week still running. A line about a milestone whose due date
 * was moved says where it was moved from. Short words, short sentences.
 */
import { and, eq, inArray } from 'drizzle-orm';
import { addDays, daysBetween } from '../../shared/dates.ts';
import type { ReportContributor, ReportLine, ReportWeek } from '../reports/contributor.ts';
import { milestones, risks } from '../db/schema.ts';

/** The calendar date of an instant in a time zone (YYYY-MM-DD). */
export function localDate(instant: Date, timeZone: string): string {
  return new Intl.DateTimeFormat('en-CA', {
    timeZone,
    year: 'numeric',
    month: '2-digit',
    day: '2-digit',
  }).format(instant);
}

/** "Tue 1 Dec" */
export function shortDate(date: string): string {
  return new Intl.DateTimeFormat('en-GB', {
    timeZone: 'UTC',
    weekday: 'short',
    day: 'numeric',
    month: 'short',
  }).format(new Date(`${date}T12:00:00Z`));
}

const plural = (n: number, word: string) => `${n} ${word}${n === 1 ? '' : 's'}`;

/** The week's first day and the day after its last, as dates in the report's time zone. */
export function weekDates(week: ReportWeek): { first: string; next: string } {
  return {
    first: localDate(week.start, week.timeZone),
    next: addDays(localDate(new Date(week.end.getTime() - 1), week.timeZone), 1),
  };
}

export const roadmapContributor: ReportContributor = {
  id: 'roadmap',
  async lines(ctx, week) {
    const { first, next } = weekDates(week);
    const asOf = localDate(new Date(Math.min(week.end.getTime() - 1, Date.now())), week.timeZone);
    const base = `/clients/${week.clientId}`;
    const lines: ReportLine[] = [];
    const rows = await ctx.db
      .select()
      .from(milestones)
      .where(eq(milestones.clientId, week.clientId));
    const evidence = (id: string) => ({ label: 'Milestone', href: `${base}/milestones#m-${id}` });

    for (const m of rows) {
      const isMoved = m.plannedDate !== m.dueDate;
      const movedFrom = isMoved ? ` We moved it from ${shortDate(m.plannedDate)}.` : '';
      if (m.status === 'done' && m.doneDate && m.doneDate >= first && m.doneDate < next) {
        const late = daysBetween(m.plannedDate, m.doneDate);
        const checks = m.acceptance.length
          ? ` It passed ${m.acceptance.length === 1 ? 'its one check' : `all ${m.acceptance.length} checks`}: ${m.acceptance.map((a) => a.text).join('; ')}.`
          : '';
        const timing =
          late <= 0
            ? ' It was on time.'
            : isMoved
              ? ` It came ${plural(late, 'day')} late. We planned it for ${shortDate(m.plannedDate)}.`
              : ` It came ${plural(late, 'day')} late.`;
        lines.push({
          section: 'shipped',
          text: `We shipped ${m.title}.${checks}${timing}`,
          evidence: evidence(m.id),
          signal: 'green',
          order: 0,
        });
      }
      const isOpen = m.status === 'planned' || m.status === 'in-progress';
      if (!isOpen) continue;
      // Days late as of the report's last moment, or now for the week still running: a milestone
      // due on Friday is not late on Tuesday (the same "as of" as the decisions lines).
      const late = daysBetween(m.dueDate, asOf);
      const behindPlan = daysBetween(m.plannedDate, asOf);
      if (m.dueDate < next) {
        if (late > 0)
          lines.push({
            section: 'next',
            text: `${m.title} is late. It was due on ${shortDate(m.dueDate)}.${movedFrom}`,
            evidence: evidence(m.id),
            signal: Math.max(late, behindPlan) > 7 ? 'red' : 'amber',
            due: m.dueDate,
            order: -1,
          });
        else if (late === 0)
          lines.push({
            section: 'next',
            text: `${m.title} is due on ${shortDate(m.dueDate)}. It is not done yet.${movedFrom}`,
            evidence: evidence(m.id),
            signal: 'amber',
            due: m.dueDate,
            order: -1,
          });
        // Due later in the week still running: nothing is wrong yet.
        else
          lines.push({
            section: 'next',
            text: `${m.title} is due on ${shortDate(m.dueDate)}.${movedFrom}`,
            evidence: evidence(m.id),
            ...(behindPlan > 0 ? { signal: 'amber' as const } : {}),
            due: m.dueDate,
            order: -1,
          });
      } else if (behindPlan > 0) {
        // Moved past its plan: not due yet, but the founder should not lose sight of the slip.
        lines.push({
          section: 'next',
          text: `${m.title} is behind plan. We planned it for ${shortDate(m.plannedDate)}. It is now due on ${shortDate(m.dueDate)}.`,
          evidence: evidence(m.id),
          signal: 'amber',
          due: m.dueDate,
          order: -1,
        });
      } else if (m.dueDate < addDays(next, 7)) {
        lines.push({
          section: 'next',
          text: `Next: ${m.title}, due on ${shortDate(m.dueDate)}.${movedFrom}`,
          evidence: evidence(m.id),
          due: m.dueDate,
          order: 0,
        });
      }
    }

    const open = await ctx.db
      .select()
      .from(risks)
      .where(and(eq(risks.clientId, week.clientId), inArray(risks.status, ['open'])));
    const weight = { low: 1, medium: 2, high: 3 } as const;
    for (const r of open.sort(
      (a, b) => weight[b.impact] * weight[b.likelihood] - weight[a.impact] * weight[a.likelihood],
    )) {
      const score = weight[r.impact] * weight[r.likelihood];
      lines.push({
        section: 'risks',
        text: r.description.trim().replace(/([^.!?])$/, '$1.'),
        mitigation: r.mitigation.trim()
          ? r.mitigation.trim().replace(/([^.!?])$/, '$1.')
          : 'We have no plan for this yet. We will make one this week.',
        evidence: { label: 'Risk', href: `${base}/scoping#risk-${r.id}` },
        ...(score >= 6 ? { signal: 'amber' as const } : {}),
        order: -score,
      });
    }
    return lines;
  },
};
