/**
 * The weekly founder report: sections from contributors, status and headline, a failing
 * contributor, Markdown export, the schedule (time zones, once a week with several workers),
 * email through a real SMTP server, and a refused send kept with its error.
 */
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import type { ReportContributor } from '../../src/server/reports/contributor.ts';
import { dispatchDueReports } from '../../src/server/reports/reports.service.ts';
import { buildWeeklyReport } from '../../src/server/reports/weekly-report.ts';
import {
  decisionsNeeded,
  engagements,
  kpiReadings,
  kpis,
  milestones,
  risks,
  timeEntries,
} from '../../src/server/db/schema.ts';
import { createClientRow, signedInAs } from './factories.ts';
import { startTestServer, type TestServer } from './harness.ts';
import { startSmtpSink, type SmtpSink } from './smtp-sink.ts';
import type { SentReport, WeeklyReport } from '../../src/shared/reports.ts';

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

  it('sends a scheduled report once, on its weekday and hour in its time zone, even with two workers', async () => {
    const { api } = await signedInAs(server, { role: 'owner' });
    const client = await createClientRow(server.ctx.db, { name: 'Scheduled' });
    await api.request('PUT', `/api/v1/clients/${client.id}/reports/schedule`, {
      enabled: true,
      weekday: 1,
      hour: 9,
      timeZone: 'Asia/Tokyo',
      recipients: ['sched@x.test'],
    });

    const sentWeeks = async () =>
      (
        await api.get<{ reports: SentReport[] }>(`/api/v1/clients/${client.id}/reports`)
      ).body.reports
        .map((r) => `${r.trigger} ${r.weekStart}`)
        .reverse();

    // Monday 2026-03-02 08:30 in Tokyo is Sunday 23:30 UTC: not yet due.
    await dispatchDueReports(server.ctx, new Date('2026-03-01T23:30:00Z'));
    expect(await sentWeeks()).toEqual([]);
    // 09:05 in Tokyo: due. Two workers at once send it once; later that week, nothing more.
    const at = new Date('2026-03-02T00:05:00Z');
    await Promise.all([dispatchDueReports(server.ctx, at), dispatchDueReports(server.ctx, at)]);
    await dispatchDueReports(server.ctx, new Date('2026-03-04T00:05:00Z'));
    expect(await sentWeeks()).toEqual(['schedule 2026-03-02']);
    await sink.waitFor((m) => m.to.includes('sched@x.test'));
    // The next week it is due again.
    await dispatchDueReports(server.ctx, new Date('2026-03-09T00:05:00Z'));
    expect(await sentWeeks()).toEqual(['schedule 2026-03-02', 'schedule 2026-03-09']);
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
