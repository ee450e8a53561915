/**
 * What the roadmap and time log add to the weekly founder report and the portfolio home: lines
 * in plain language with evidence links, and attention items with their urgency.
 */
import { beforeAll, describe, expect, it } from 'vitest';
import { addDays, todayUtc } from '../../src/shared/dates.ts';
import {
  engagements,
  incidents,
  leads,
  milestones,
  risks,
  timeEntries,
} from '../../src/server/db/schema.ts';
import type { Portfolio } from '../../src/shared/portfolio.ts';
import { leadsWaiting } from '../../src/server/intake/intake.attention.ts';
import { attentionSources } from '../../src/server/portfolio/attention-sources.ts';
import { reportContributors } from '../../src/server/reports/contributors.ts';
import { overdueMilestones } from '../../src/server/roadmap/roadmap.attention.ts';
import { roadmapContributor, shortDate } from '../../src/server/roadmap/roadmap.report.ts';
import { retainerUsageAttention } from '../../src/server/time/time.attention.ts';
import { timeContributor } from '../../src/server/time/time.report.ts';
import { startTestServer, type TestServer } from './harness.ts';
import { createClientRow, createMonitorRow, signedInAs } from './factories.ts';

/** Flesch reading ease of English prose (syllables estimated from vowel groups). */
function fleschReadingEase(text: string): number {
  const sentences = text.split(/[.!?]+(?:\s|$)/).filter((s) => /\w/.test(s)).length || 1;
  const words = text.match(/[A-Za-z]+(?:'[a-z]+)?/g) ?? [];
  const syllables = words.reduce((sum, w) => {
    const groups = w
      .toLowerCase()
      .replace(/e$/, '')
      .match(/[aeiouy]+/g);
    return sum + Math.max(1, groups?.length ?? 0);
  }, 0);
  return (
    206.835 - 1.015 * (words.length / sentences) - 84.6 * (syllables / Math.max(1, words.length))
  );
}

describe('report contributors and attention sources of the practice', () => {
  let server: TestServer;
  let clientId: string;
  const today = todayUtc();
  // The week whose last day is today (UTC).
  const weekStart = new Date(`${addDays(today, -6)}T00:00:00Z`);
  const weekEnd = new Date(`${addDays(today, 1)}T00:00:00Z`);

  beforeAll(async () => {
    server = await startTestServer();
    clientId = (await createClientRow(server.ctx.db, { name: 'Report Co' })).id;
    const db = server.ctx.db;
    const [retainer] = await db
      .insert(engagements)
      .values({
        clientId,
        kind: 'retainer',
        title: 'Retainer',
        status: 'active',
        startDate: addDays(today, -90),
        currency: 'EUR',
        monthlyFee: 1500,
        hoursPerMonth: 10,
      })
      .returning();
    await db.insert(milestones).values([
      {
        clientId,
        title: 'Sign up',
        dueDate: addDays(today, -1),
        plannedDate: addDays(today, -1),
        doneDate: addDays(today, -1),
        status: 'done',
        acceptance: [{ text: 'A new user can sign up', met: true }],
      },
      {
        clientId,
        title: 'Old thing',
        dueDate: addDays(today, -20),
        plannedDate: addDays(today, -20),
        status: 'planned',
      },
      {
        clientId,
        title: 'Payments',
        dueDate: addDays(today, 5),
        plannedDate: addDays(today, 5),
        status: 'in-progress',
      },
      { clientId, title: 'Far away', dueDate: addDays(today, 40), plannedDate: addDays(today, 40) },
    ]);
    await db.insert(risks).values({
      clientId,
      description: 'Only one person knows how payments work',
      likelihood: 'high',
      impact: 'high',
      mitigation: 'We pair on it and write it down',
    });
    await db.insert(timeEntries).values({
      clientId,
      engagementId: retainer!.id,
      date: today,
      minutes: 9 * 60,
    });
    await db.insert(leads).values({
      name: 'Lee',
      email: 'lee@x.test',
      company: 'Lead Co',
      stage: 'idea',
      blocker: 'x',
      ip: '192.0.2.9',
    });
  });

  it('are registered at the two extension points', () => {
    expect(reportContributors).toEqual(
      expect.arrayContaining([roadmapContributor, timeContributor]),
    );
    expect(attentionSources).toEqual(
      expect.arrayContaining([overdueMilestones, retainerUsageAttention, leadsWaiting]),
    );
  });

  it('writes shipped, late, next-week, risk and hours lines in plain words, each with evidence', async () => {
    const week = { clientId, start: weekStart, end: weekEnd, timeZone: 'UTC' };

    const lines = [
      ...(await roadmapContributor.lines(server.ctx, week)),
      ...(await timeContributor.lines(server.ctx, week)),
    ];

    const bySection = (s: string) => lines.filter((l) => l.section === s).map((l) => l.text);
    expect(bySection('shipped')).toEqual([
      'We shipped Sign up. It passed its one check: A new user can sign up. It was on time.',
    ]);
    expect(bySection('next')).toEqual(
      expect.arrayContaining([
        expect.stringMatching(/^Old thing is late\. It was due on /),
        expect.stringMatching(/^Next: Payments, due on [A-Z][a-z]{2} \d+ [A-Z][a-z]{2}\.$/),
      ]),
    );
    expect(bySection('next').join(' ')).not.toContain('Far away');
    const risk = lines.find((l) => l.section === 'risks')!;
    expect(risk).toMatchObject({
      text: 'Only one person knows how payments work.',
      mitigation: 'We pair on it and write it down.',
      signal: 'amber',
    });
    expect(bySection('hours')).toEqual([
      'We worked 9 hours for you this week.',
      'This month we used 9 of the 10 hours in your plan (90 %). We are close to the budget for the month.',
    ]);
    expect(lines.find((l) => l.text.startsWith('Old thing'))?.signal).toBe('red');
    for (const line of lines)
      expect(line.evidence.href).toMatch(new RegExp(`^/clients/${clientId}/`));
    expect(
      fleschReadingEase(lines.map((l) => `${l.text} ${l.mitigation ?? ''}`).join(' ')),
    ).toBeGreaterThanOrEqual(50);
  });

  it('does not call a milestone late before its due date in the week still running', async () => {
    const db = server.ctx.db;
    const running = (await createClientRow(db, { name: 'Running Week Co' })).id;
    await db.insert(milestones).values([
      {
        clientId: running,
        title: 'Billing',
        dueDate: addDays(today, 2),
        plannedDate: addDays(today, 2),
      },
      { clientId: running, title: 'Login', dueDate: today, plannedDate: today },
      {
        clientId: running,
        title: 'Export',
        dueDate: addDays(today, -1),
        plannedDate: addDays(today, -1),
      },
    ]);
    // The week that started yesterday and ends in six days: it is still running.
    const week = {
      clientId: running,
      start: new Date(`${addDays(today, -1)}T00:00:00Z`),
      end: new Date(`${addDays(today, 6)}T00:00:00Z`),
      timeZone: 'UTC',
    };

    const lines = await roadmapContributor.lines(server.ctx, week);

    const line = (title: string) => lines.find((l) => l.text.startsWith(title));
    expect(line('Billing')).toMatchObject({
      text: `Billing is due on ${shortDate(addDays(today, 2))}.`,
    });
    expect(line('Billing')?.signal).toBeUndefined();
    expect(line('Login')).toMatchObject({
      text: `Login is due on ${shortDate(today)}. It is not done yet.`,
      signal: 'amber',
    });
    expect(line('Export')).toMatchObject({
      text: `Export is late. It was due on ${shortDate(addDays(today, -1))}.`,
      signal: 'amber',
    });
  });

  it('puts overdue milestones at 90+, a retainer at 80 % at 70, and each waiting lead at 50', async () => {
    const items = (
      await Promise.all(
        [overdueMilestones, retainerUsageAttention, leadsWaiting].map((s) =>
          s.items(server.ctx, [clientId]),
        ),
      )
    ).flat();

    expect(items.map((i) => [i.kind, i.urgency, i.clientId])).toEqual([
      ['milestone-overdue', 92, clientId],
      ['retainer-near-budget', 70, clientId],
      ['lead-waiting', 50, null],
    ]);
    expect(items[0]!.text).toBe('"Old thing" is 20 days late.');
    expect(items[1]!.href).toBe(`/clients/${clientId}/time?month=${today.slice(0, 7)}`);
    expect(await overdueMilestones.items(server.ctx, [])).toEqual([]);
  });

  it('says on the portfolio API what each date is: due, received, open since', async () => {
    const down = (await createClientRow(server.ctx.db, { name: 'Down Co' })).id;
    const monitorId = await createMonitorRow(server.ctx.db, down);
    await server.ctx.db
      .insert(incidents)
      .values({ clientId: down, monitorId, cause: 'connection refused' });
    const { api } = await signedInAs(server, { role: 'owner' });

    const response = await api.get<Portfolio>('/api/v1/portfolio');

    const labelOf = (kind: string) =>
      response.body.attention.find((i) => i.kind === kind && i.due)?.dateLabel;
    expect(labelOf('milestone-overdue')).toBe('due');
    expect(labelOf('lead-waiting')).toBe('received');
    expect(labelOf('incident-open')).toBe('open since');
  });

  it('tells the truth about moved milestones: late against the plan, and where they moved from', async () => {
    const moved = (await createClientRow(server.ctx.db, { name: 'Moved Co' })).id;
    const milestone = (title: string, planned: number, due: number, done?: number) => ({
      clientId: moved,
      title,
      plannedDate: addDays(today, planned),
      dueDate: addDays(today, due),
      ...(done === undefined ? {} : { status: 'done' as const, doneDate: addDays(today, done) }),
    });
    await server.ctx.db
      .insert(milestones)
      .values([
        milestone('Search', -12, -2, -1),
        milestone('Filters', -30, -3),
        milestone('Export', -5, 30),
        milestone('Import', 3, 6),
      ]);
    const week = { clientId: moved, start: weekStart, end: weekEnd, timeZone: 'UTC' };

    const lines = await roadmapContributor.lines(server.ctx, week);
    const items = await overdueMilestones.items(server.ctx, [moved]);

    const text = (start: string) => lines.find((l) => l.text.startsWith(start));
    expect(text('We shipped Search')?.text).toMatch(
      /^We shipped Search\. It came 11 days late\. We planned it for [A-Z][a-z]{2} \d+ [A-Z][a-z]{2}\.$/,
    );
    expect(text('Filters')?.text).toMatch(
      /^Filters is late\. It was due on .+\. We moved it from [A-Z][a-z]{2} \d+ [A-Z][a-z]{2}\.$/,
    );
    // Three days past its moved date, but a month behind the plan: red, not amber.
    expect(text('Filters')?.signal).toBe('red');
    expect(text('Export')).toMatchObject({ section: 'next', signal: 'amber' });
    expect(text('Export')?.text).toMatch(
      /^Export is behind plan\. We planned it for .+\. It is now due on .+\.$/,
    );
    expect(text('Next: Import')?.text).toMatch(/We moved it from /);
    expect(items.map((i) => [i.text, i.urgency])).toEqual([
      [
        `"Filters" is 3 days late, 30 days behind its first plan (${shortDate(addDays(today, -30))}).`,
        94,
      ],
    ]);
    expect(fleschReadingEase(lines.map((l) => l.text).join(' '))).toBeGreaterThanOrEqual(50);
  });

  it('raises a retainer over its budget to 85', async () => {
    const [retainer] = await server.ctx.db.select().from(engagements);
    await server.ctx.db
      .insert(timeEntries)
      .values({ clientId, engagementId: retainer!.id, date: today, minutes: 60 });

    const items = await retainerUsageAttention.items(server.ctx, [clientId]);

    expect(items.map((i) => [i.kind, i.urgency])).toEqual([['retainer-over-budget', 85]]);
  });
});
