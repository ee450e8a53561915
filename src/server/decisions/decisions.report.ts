/**
 * @module The weekly report's decision lines (decisions needed with due dates, decisions made this
 * week) and the portfolio's items for questions past due (90) or due within three days (65).
 */
import { and, eq, gte, inArray, isNull, lt, or } from 'drizzle-orm';
import { weekDates } from '../roadmap/roadmap.report.ts';
import type { AttentionSource } from '../portfolio/attention.ts';
import type { ReportContributor, ReportLine } from '../reports/contributor.ts';
import { decisions, decisionsNeeded } from '../db/schema.ts';

const dayOf = (date: Date) => date.toISOString().slice(0, 10);
const plainDate = (day: string) =>
  new Date(`${day}T00:00:00Z`).toLocaleDateString('en-GB', {
    day: 'numeric',
    month: 'long',
    timeZone: 'UTC',
  });

export const decisionsReportContributor: ReportContributor = {
  id: 'decisions',
  async lines(ctx, week) {
    // "Late" as of the report's last moment, or now for the week still running: a question due
    // on Thursday is not late on Tuesday.
    const today = dayOf(new Date(Math.min(week.end.getTime() - 1, Date.now())));
    // Open as the week ended: a past week's report lists what was waiting on the founder then,
    // not what waits today (a question asked since, answered since or withdrawn since).
    // A withdrawn question keeps no withdrawal time of its own; its last update is that time.
    const open = await ctx.db
      .select()
      .from(decisionsNeeded)
      .where(
        and(
          eq(decisionsNeeded.clientId, week.clientId),
          lt(decisionsNeeded.createdAt, week.end),
          or(
            eq(decisionsNeeded.state, 'open'),
            and(eq(decisionsNeeded.state, 'answered'), gte(decisionsNeeded.answeredAt, week.end)),
            and(eq(decisionsNeeded.state, 'withdrawn'), gte(decisionsNeeded.updatedAt, week.end)),
          ),
        ),
      );
    const lines: ReportLine[] = open
      .sort((a, b) => a.dueDate.localeCompare(b.dueDate))
      .map((q, order) => {
        const late = q.dueDate < today;
        const advice = q.recommendation ? ` We suggest: ${q.recommendation}.` : '';
        return {
          section: 'decisions',
          text: `${late ? 'Late: we need' : 'We need'} your answer by ${plainDate(q.dueDate)}. ${q.question}${advice}`,
          due: q.dueDate,
          order,
          ...(late ? { signal: 'red' as const } : {}),
          evidence: {
            label: 'The question',
            href: `/clients/${q.clientId}/decisions-needed/${q.id}`,
          },
        };
      });
    const answered = await ctx.db
      .select()
      .from(decisionsNeeded)
      .where(
        and(
          eq(decisionsNeeded.clientId, week.clientId),
          eq(decisionsNeeded.state, 'answered'),
          gte(decisionsNeeded.answeredAt, week.start),
          lt(decisionsNeeded.answeredAt, week.end),
        ),
      );
    for (const q of answered) {
      lines.push({
        section: 'decisions',
        text: `You chose "${q.answer}" for: ${q.question}`,
        order: 100,
        evidence: { label: 'Your answer', href: `/clients/${q.clientId}/decisions-needed/${q.id}` },
      });
    }
    // Decided this week = the record's own date falls in the week (or, undated, it was written
    // this week). Not `updated_at`: importing thirty old ADRs or fixing a typo decides nothing.
    const { first, next } = weekDates(week);
    const made = await ctx.db
      .select()
      .from(decisions)
      .where(
        and(
          eq(decisions.clientId, week.clientId),
          eq(decisions.status, 'accepted'),
          or(
            and(gte(decisions.date, first), lt(decisions.date, next)),
            and(
              isNull(decisions.date),
              gte(decisions.createdAt, week.start),
              lt(decisions.createdAt, week.end),
            ),
          ),
        ),
      );
    for (const d of made) {
      const summary = d.record.summary ? ` ${d.record.summary.split(/(?<=\.)\s/)[0]}` : '';
      lines.push({
        section: 'decisions',
        text: `We decided: ${d.title}.${summary}`,
        order: 200 + d.number,
        evidence: {
          label: `Decision ${d.number}`,
          href: `/clients/${d.clientId}/decisions/${d.id}`,
        },
      });
    }
    return lines;
  },
};

export const decisionsAttentionSource: AttentionSource = {
  id: 'decisions-needed',
  async items(ctx, clientIds) {
    if (clientIds.length === 0) return [];
    const open = await ctx.db
      .select()
      .from(decisionsNeeded)
      .where(and(inArray(decisionsNeeded.clientId, clientIds), eq(decisionsNeeded.state, 'open')));
    const today = dayOf(new Date());
    const soon = dayOf(new Date(Date.now() + 3 * 86_400_000));
    return open.flatMap((q) => {
      if (q.dueDate > soon) return [];
      const late = q.dueDate < today;
      return [
        {
          clientId: q.clientId,
          kind: late ? 'decision-needed-overdue' : 'decision-needed-due-soon',
          // The portfolio shows the due date and the client beside the text.
          text: `${late ? 'Past due' : 'Due soon'}: "${q.question}"`,
          href: `/clients/${q.clientId}/decisions-needed/${q.id}`,
          urgency: late ? 90 : 65,
          due: q.dueDate,
          dateLabel: 'due' as const,
        },
      ];
    });
  },
};
