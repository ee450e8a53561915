/**
 * The weekly founder report: sections from contributors, status and headline, a failing
 * contributor, Markdown export, the schedule (time zones, which week a send covers, once a
 * week with several workers, no send at once for a time already past when saved), email through a real SMTP server, and a refused send kept with its error.
 */
import { eq } from 'drizzle-orm';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import type { ReportContributor } from '../../src/server/reports/contributor.ts';
import {
  dispatchDueReports,
  findSentReport,
  listSentReports,
  saveSchedule,
} from '../../src/server/reports/reports.service.ts';
import { buildWeeklyReport } from '../../src/server/reports/weekly-report.ts';
import {
  decisionsNeeded,
  engagements,
  kpiReadings,
  kpis,
  milestones,
  outbox,
  risks,
  timeEntries,
  weeklyReports,
} from '../../src/server/db/schema.ts';
import { createClientRow, signedInAs } from './factories.ts';
import { startTestServer, type TestServer } from './harness.ts';
import { startSmtpSink, type SmtpSink } from './smtp-sink.ts';
import type { ReportScheduleInput, SentReport, WeeklyReport } from '../../src/shared/reports.ts';

/** The HTML of the email a sent report went out in. */
async function emailHtml(server: TestServer, reportId: string): Promise<string | null | undefined> {
  const [row] = await server.ctx.db
    .select({ html: outbox.htmlBody })
    .from(outbox)
    .innerJoin(weeklyReports, eq(weeklyReports.outboxId, outbox.id))
    .where(eq(weeklyReports.id, reportId));
  return row?.html;
}

const sample: ReportContributor = {
  id: 'sample',
  async lines(_ctx, week) {
    return [
      {
        section: 'shipped',
        text: 'Sign-up by email is live.',
        evidence: { label: 'Milestone', href: `/clients/${week.clientId}/milestones/1` },
      },
      {
        section: 'risks',
        text: 'The card form may break on old phones.',
        mitigation: 'We test it on three phones this week.',
        signal: 'amber',
        evidence: { label: 'Risk', href: '/r' },
      },
      {
        section: 'decisions',
        text: 'Pick a mail provider for receipts.',
        due: '2026-03-06',
        evidence: { label: 'Decision', href: '/d' },
      },
      {
        section: 'shipped',
        text: 'Password reset works.',
        order: -1,
        evidence: { label: 'Milestone', href: '/m2' },
      },
    ];
  },
};
const alarming: ReportContributor = {
  id: 'alarm',
  async lines() {
    return [
      {
        section: 'uptime',
        text: 'The shop was down for two hours on Tuesday.',
        signal: 'red',
        evidence: { label: 'Incident', href: '/i' },
      },
    ];
  },
};
const broken: ReportContributor = {
  id: 'broken',
  async lines() {
    throw new Error('table missing');
  },
};

describe('weekly report content', () => {
  let server: TestServer;
  beforeAll(async () => {
    server = await startTestServer();
  });

  it('groups lines into the fixed sections, says so in one line when a section is empty, and takes the worst signal', async () => {
    const client = await createClientRow(server.ctx.db, { name: 'Acme' });

    const report = await buildWeeklyReport(server.ctx, {
      clientId: client.id,
      timeZone: 'Europe/Paris',
      weekOf: '2026-03-04',
      contributors: [sample],
    });

    expect(report.week.start).toBe('2026-03-02');
    expect(report.sections.map((s) => s.id)).toEqual([
      'shipped',
      'kpis',
      'risks',
      'decisions',
      'next',
      'quality',
      'security',
      'uptime',
      'hours',
    ]);
    const shipped = report.sections.find((s) => s.id === 'shipped')!;
    expect(shipped.lines.map((l) => l.text)).toEqual([
      'Password reset works.',
      'Sign-up by email is live.',
    ]);
    expect(report.sections.find((s) => s.id === 'kpis')!.lines).toEqual([]);
    expect(report.sections.find((s) => s.id === 'kpis')!.empty).toBe('No numbers are tracked yet.');
    expect(report.status).toBe('amber');
    expect(report.headline).toBe('The card form may break on old phones.');
    expect(report.readingEase).toBeGreaterThanOrEqual(50);

    const red = await buildWeeklyReport(server.ctx, {
      clientId: client.id,
      timeZone: 'UTC',
      contributors: [sample, alarming],
    });
    expect(red.status).toBe('red');
    expect(red.headline).toBe('The shop was down for two hours on Tuesday.');

    const calm = await buildWeeklyReport(server.ctx, {
      clientId: client.id,
      timeZone: 'UTC',
      contributors: [],
    });
    expect(calm.status).toBe('green');
    expect(calm.headline).toBe('On track, with no problems this week.');
  });

  it('reads as plain English with every real contributor speaking (Flesch reading ease ≥ 50)', async () => {
    const db = server.ctx.db;
    const client = await createClientRow(db, { name: 'Plainspoken' });
    const today = new Date().toISOString().slice(0, 10);
    const inDays = (n: number) => new Date(Date.now() + n * 86_400_000).toISOString().slice(0, 10);
    const [retainer] = await db
      .insert(engagements)
      .values({
        clientId: client.id,
        kind: 'retainer',
        title: 'Retainer',
        status: 'active',
        startDate: inDays(-60),
        currency: 'EUR',
        monthlyFee: 1500,
        hoursPerMonth: 20,
      })
      .returning();
    await db.insert(milestones).values([
      {
        clientId: client.id,
        title: 'Card payments',
        dueDate: today,
        plannedDate: today,
        status: 'done',
        doneDate: today,
        acceptance: [{ text: 'A shopper pays by card', met: true }],
      },
      {
        clientId: client.id,
        title: 'Order tracking',
        dueDate: inDays(-3),
        plannedDate: inDays(-3),
        status: 'planned',
      },
      {
        clientId: client.id,
        title: 'Refunds',
        dueDate: inDays(5),
        plannedDate: inDays(5),
        status: 'planned',
      },
    ]);
    await db.insert(risks).values({
      clientId: client.id,
      description: 'Only one person knows how the payment code works.',
      likelihood: 'medium',
      impact: 'high',
      mitigation: 'We pair on it and write it down this month.',
    });
    await db.insert(timeEntries).values({
      clientId: client.id,
      engagementId: retainer!.id,
      date: today,
      minutes: 180,
      note: 'Payments review',
    });
    const [kpi] = await db
      .insert(kpis)
      .values({
        clientId: client.id,
        name: 'Weekly orders',
        unit: 'orders',
        direction: 'higher',
        target: 200,
        cadence: 'weekly',
      })
      .returning();
    await db.insert(kpiReadings).values([
      { kpiId: kpi!.id, clientId: client.id, periodStart: inDays(-9), value: 150 },
      { kpiId: kpi!.id, clientId: client.id, periodStart: today, value: 170 },
    ]);
    await db.insert(decisionsNeeded).values({
      clientId: client.id,
      question: 'Should we open the shop in Spain this spring?',
      options: ['Yes', 'Not yet'],
      recommendation: 'Not yet',
      dueDate: inDays(4),
    });

    const report = await buildWeeklyReport(server.ctx, { clientId: client.id, timeZone: 'UTC' });

    const spoken = report.sections
      .filter((section) => section.lines.length > 0)
      .map((section) => section.id);
    expect(spoken).toEqual(
      expect.arrayContaining(['shipped', 'kpis', 'risks', 'decisions', 'next', 'hours']),
    );
    expect(report.problems).toEqual([]);
    expect(report.readingEase).toBeGreaterThanOrEqual(50);
  });

  it('leaves out a failing contributor’s part and says which part is missing', async () => {
    const client = await createClientRow(server.ctx.db);

    const report = await buildWeeklyReport(server.ctx, {
      clientId: client.id,
      timeZone: 'UTC',
      contributors: [broken, sample],
    });

    expect(report.problems).toEqual([
      'The broken part could not be read this week; it is left out.',
    ]);
    expect(report.sections.find((s) => s.id === 'shipped')!.lines).toHaveLength(2);
  });
});

describe('weekly report over HTTP and email', () => {
  let server: TestServer;
  let sink: SmtpSink;
  beforeAll(async () => {
    sink = await startSmtpSink();
    server = await startTestServer({
      work: true,
      config: { smtpUrl: sink.url, publicUrl: 'https://keel.example.test' },
    });
  });
  afterAll(async () => sink.close());

  it('serves the report as JSON and Markdown, escaping what people typed', async () => {
    const { api } = await signedInAs(server, { role: 'owner' });
    const client = await createClientRow(server.ctx.db, {
      name: 'Evil <script>alert(1)</script> *Co*',
    });

    const json = await api.get<WeeklyReport>(
      `/api/v1/clients/${client.id}/reports/weekly?week=2026-03-04`,
    );
    expect(json.status).toBe(200);
    expect(json.body.week.start).toBe('2026-03-02');
    expect(json.body.sections.every((s) => s.lines.length > 0 || s.empty.length > 0)).toBe(true);

    const md = await api.get<string>(
      `/api/v1/clients/${client.id}/reports/weekly.md?week=2026-03-04`,
    );
    expect(md.status).toBe(200);
    expect(md.headers.get('content-type')).toContain('text/markdown');
    expect(md.body).toContain(
      '# Weekly report: Evil \\<script\\>alert\\(1\\)\\</script\\> \\*Co\\*',
    );
    expect(md.body).toContain('## Your numbers\n\nNo numbers are tracked yet.');

    const bad = await api.get(`/api/v1/clients/${client.id}/reports/weekly?week=March`);
    expect(bad.status).toBe(400);
    expect(JSON.stringify(bad.body)).toContain('query.week');
  });

  it('checks the schedule: a real time zone, someone to send to, weekday and hour in range', async () => {
    const { api } = await signedInAs(server, { role: 'owner' });
    const client = await createClientRow(server.ctx.db);
    const url = `/api/v1/clients/${client.id}/reports/schedule`;

    const zone = await api.request('PUT', url, {
      enabled: true,
      weekday: 5,
      hour: 16,
      timeZone: 'Mars/Olympus',
      recipients: ['f@x.test'],
    });
    expect(zone.status).toBe(400);
    expect(JSON.stringify(zone.body)).toContain('body.timeZone');
    const nobody = await api.request('PUT', url, {
      enabled: true,
      weekday: 5,
      hour: 16,
      timeZone: 'UTC',
      recipients: [],
    });
    expect(nobody.status).toBe(400);
    expect(JSON.stringify(nobody.body)).toContain('body.recipients');
    const range = await api.request('PUT', url, {
      enabled: true,
      weekday: 8,
      hour: 24,
      timeZone: 'UTC',
      recipients: ['f@x.test'],
    });
    expect(range.status).toBe(400);
    expect(JSON.stringify(range.body)).toContain('body.weekday');
    expect(JSON.stringify(range.body)).toContain('body.hour');
    expect((await api.get(url)).body).toMatchObject({ enabled: false });

    const ok = await api.request('PUT', url, {
      enabled: true,
      weekday: 1,
      hour: 9,
      timeZone: 'Europe/Paris',
      recipients: ['Founder@X.test'],
    });
    expect(ok.status).toBe(200);
    expect(ok.body).toMatchObject({
      enabled: true,
      weekday: 1,
      hour: 9,
      timeZone: 'Europe/Paris',
      recipients: ['founder@x.test'],
    });
  });

  it('emails the report now, and lists it with its delivery state', async () => {
    const { api } = await signedInAs(server, { role: 'owner' });
    const client = await createClientRow(server.ctx.db, { name: 'Send <b>Now</b>' });

    const sent = await api.post<{ id: string }>(
      `/api/v1/clients/${client.id}/reports/weekly/send`,
      { recipients: ['founder@send.test'] },
    );
    expect(sent.status).toBe(202);
    const mail = await sink.waitFor((m) => m.to.includes('founder@send.test'));
    expect(mail.subject).toContain('Send <b>Now</b>: weekly report');
    expect(mail.html).toContain('Send &lt;b&gt;Now&lt;/b&gt;');
    expect(mail.html).not.toContain('<b>Now</b>');
    expect(mail.html).toContain(`https://keel.example.test/clients/${client.id}/report`);
    expect(mail.text).toContain('## Shipped this week');

    await expect
      .poll(
        async () =>
          (await api.get<{ reports: SentReport[] }>(`/api/v1/clients/${client.id}/reports`)).body
            .reports[0]?.delivery.status,
      )
      .toBe('sent');
    const kept = await api.get<WeeklyReport>(
      `/api/v1/clients/${client.id}/reports/${sent.body.id}`,
    );
    expect(kept.body.client.name).toBe('Send <b>Now</b>');

    const nobody = await api.post(`/api/v1/clients/${client.id}/reports/weekly/send`, {});
    expect(nobody.status).toBe(400);
    expect(JSON.stringify(nobody.body)).toContain('body.recipients');
  });

  /** Reports the schedule sent for a client, oldest first, as "<trigger> <week start>". */
  const scheduledWeeks = async (clientId: string) =>
    (await listSentReports(server.ctx, clientId))
      .map((r) => `${r.trigger} ${r.weekStart}`)
      .reverse();
  const schedule = (
    clientId: string,
    now: string,
    input: Partial<ReportScheduleInput> & Pick<ReportScheduleInput, 'weekday' | 'hour'>,
  ) =>
    saveSchedule(server.ctx, {
      clientId,
      now: new Date(now),
      input: { enabled: true, timeZone: 'UTC', recipients: ['sched@x.test'], ...input },
    });

  it('sends a scheduled report once, on its weekday and hour in its time zone, even with two workers', async () => {
    const client = await createClientRow(server.ctx.db, { name: 'Scheduled' });
    await schedule(client.id, '2026-02-25T12:00:00Z', {
      weekday: 1,
      hour: 9,
      timeZone: 'Asia/Tokyo',
      recipients: ['sched@x.test'],
    });

    // Monday 2026-03-02 08:30 in Tokyo is Sunday 23:30 UTC: not yet due.
    await dispatchDueReports(server.ctx, new Date('2026-03-01T23:30:00Z'));
    expect(await scheduledWeeks(client.id)).toEqual([]);
    // 09:05 in Tokyo: due, and a Monday send reports the week that just ended. Two workers at
    // once send it once; later that week, nothing more.
    const at = new Date('2026-03-02T00:05:00Z');
    await Promise.all([dispatchDueReports(server.ctx, at), dispatchDueReports(server.ctx, at)]);
    await dispatchDueReports(server.ctx, new Date('2026-03-04T00:05:00Z'));
    expect(await scheduledWeeks(client.id)).toEqual(['schedule 2026-02-23']);
    const mail = await sink.waitFor((m) => m.to.includes('sched@x.test'));
    expect(mail.subject).toContain('weekly report, Mon 23 Feb – Sun 1 Mar');
    // The next Monday it is due again, for the week before it.
    await dispatchDueReports(server.ctx, new Date('2026-03-09T00:05:00Z'));
    expect(await scheduledWeeks(client.id)).toEqual(['schedule 2026-02-23', 'schedule 2026-03-02']);
  });

  it('keeps a report whose mail server refuses it, with the error visible, for sending again', async () => {
    const refusing = await startSmtpSink({ reject: true });
    const { api } = await signedInAs(server, { role: 'owner' });
    const client = await createClientRow(server.ctx.db);
    const previous = server.ctx.config.smtpUrl;
    server.ctx.config.smtpUrl = refusing.url;
    try {
      await api.post(`/api/v1/clients/${client.id}/reports/weekly/send`, {
        recipients: ['x@refused.test'],
      });

      const delivery = async () =>
        (await api.get<{ reports: SentReport[] }>(`/api/v1/clients/${client.id}/reports`)).body
          .reports[0]?.delivery;
      await expect.poll(async () => (await delivery())?.status).toBe('retrying');
      expect((await delivery())?.lastError).toContain('unavailable');
    } finally {
      server.ctx.config.smtpUrl = previous;
      await refusing.close();
    }
  });
});

describe('which week a scheduled report covers, and when it first goes', () => {
  // No worker: the reports are stored and their mail queued, which is all these tests read.
  let server: TestServer;
  beforeAll(async () => {
    server = await startTestServer();
  });

  /** Reports the schedule sent for a client, oldest first, as "<trigger> <week start>". */
  const scheduledWeeks = async (clientId: string) =>
    (await listSentReports(server.ctx, clientId))
      .map((r) => `${r.trigger} ${r.weekStart}`)
      .reverse();
  const schedule = (
    clientId: string,
    now: string,
    input: Partial<ReportScheduleInput> & Pick<ReportScheduleInput, 'weekday' | 'hour'>,
  ) =>
    saveSchedule(server.ctx, {
      clientId,
      now: new Date(now),
      input: { enabled: true, timeZone: 'UTC', recipients: ['sched@x.test'], ...input },
    });

  it('reports the whole of last week on a Monday (weekend work included) and the current week from Thursday', async () => {
    const monday = await createClientRow(server.ctx.db, { name: 'Monday send' });
    const friday = await createClientRow(server.ctx.db, { name: 'Friday send' });
    const shippedOn = (title: string, date: string) =>
      [monday, friday].map((c) => ({
        clientId: c.id,
        title,
        dueDate: date,
        plannedDate: date,
        status: 'done' as const,
        doneDate: date,
      }));
    await server.ctx.db
      .insert(milestones)
      .values([
        ...shippedOn('Weekend release', '2026-03-07'),
        ...shippedOn('Midweek release', '2026-03-11'),
      ]);
    await schedule(monday.id, '2026-03-01T12:00:00Z', { weekday: 1, hour: 9 });
    await schedule(friday.id, '2026-03-01T12:00:00Z', { weekday: 5, hour: 16 });

    // Monday 9 March, then Friday 13 March.
    await dispatchDueReports(server.ctx, new Date('2026-03-09T09:05:00Z'));
    await dispatchDueReports(server.ctx, new Date('2026-03-13T16:05:00Z'));

    const [fromMonday] = await listSentReports(server.ctx, monday.id);
    const [fromFriday] = await listSentReports(server.ctx, friday.id);
    const text = async (clientId: string, reportId: string) =>
      (await findSentReport(server.ctx, clientId, reportId)).markdown;
    expect(fromMonday?.weekStart).toBe('2026-03-02');
    expect(await text(monday.id, fromMonday!.id)).toContain('We shipped Weekend release.');
    expect(await text(monday.id, fromMonday!.id)).not.toContain('Midweek release');
    expect(fromFriday?.weekStart).toBe('2026-03-09');
    expect(await text(friday.id, fromFriday!.id)).toContain('We shipped Midweek release.');
    expect(await text(friday.id, fromFriday!.id)).not.toContain('Weekend release');
    // The email's link opens the week it reports, not the current one.
    expect(await emailHtml(server, fromMonday!.id)).toContain(
      `/clients/${monday.id}/report?week=2026-03-02">Open this report</a>`,
    );
    expect(await emailHtml(server, fromFriday!.id)).toContain(
      `/clients/${friday.id}/report?week=2026-03-09">Open this report</a>`,
    );
  });

  it('does not send at once for a send time that passed before the schedule was saved or turned on', async () => {
    const client = await createClientRow(server.ctx.db, { name: 'Saved late' });
    // Saved on Saturday for Fridays at 16:00: last Friday's time had already passed.
    await schedule(client.id, '2026-03-14T10:00:00Z', { weekday: 5, hour: 16 });

    await dispatchDueReports(server.ctx, new Date('2026-03-14T10:05:00Z'));
    await dispatchDueReports(server.ctx, new Date('2026-03-15T20:00:00Z'));
    const beforeFriday = await scheduledWeeks(client.id);
    await dispatchDueReports(server.ctx, new Date('2026-03-20T16:05:00Z'));
    // Turned off, then on again on Saturday: the Friday that passed meanwhile does not count.
    await schedule(client.id, '2026-03-21T09:00:00Z', { enabled: false, weekday: 5, hour: 16 });
    await schedule(client.id, '2026-03-28T09:00:00Z', { weekday: 5, hour: 16 });
    await dispatchDueReports(server.ctx, new Date('2026-03-28T09:05:00Z'));

    expect(beforeFriday).toEqual([]);
    expect(await scheduledWeeks(client.id)).toEqual(['schedule 2026-03-16']);
  });

  it('still sends a report whose time passed while no worker ran, and one whose recipients changed after its time', async () => {
    const down = await createClientRow(server.ctx.db, { name: 'Worker down' });
    const edited = await createClientRow(server.ctx.db, { name: 'Recipients edited' });
    await schedule(down.id, '2026-04-01T12:00:00Z', { weekday: 5, hour: 16 });
    await schedule(edited.id, '2026-04-01T12:00:00Z', { weekday: 5, hour: 16 });
    // Two minutes past the send time, before the next dispatch: only the recipients change.
    await schedule(edited.id, '2026-04-03T16:02:00Z', {
      weekday: 5,
      hour: 16,
      recipients: ['new@x.test'],
    });

    // No worker from Friday 16:00 to Monday: the Friday report goes out on Monday, once.
    await dispatchDueReports(server.ctx, new Date('2026-04-06T08:00:00Z'));
    await dispatchDueReports(server.ctx, new Date('2026-04-06T08:05:00Z'));

    expect(await scheduledWeeks(down.id)).toEqual(['schedule 2026-03-30']);
    expect(await scheduledWeeks(edited.id)).toEqual(['schedule 2026-03-30']);
    expect((await listSentReports(server.ctx, edited.id))[0]?.recipients).toEqual(['new@x.test']);
  });
});
