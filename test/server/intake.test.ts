/**
 * The public intake over HTTP: a lead and an email to the owners (real SMTP on loopback), the
 * honeypot, the per-address limit, size limits, the same answer for known and unknown emails,
 * converting and declining, and script/HTML payloads kept literal and escaped in the email.
 */
import { eq } from 'drizzle-orm';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import type { Client } from '../../src/shared/api.ts';
import type { Lead } from '../../src/shared/intake.ts';
import { clients, leads } from '../../src/server/db/schema.ts';
import { ApiClient, startTestServer, type TestServer } from './harness.ts';
import { createUser, signedInAs } from './factories.ts';
import { startSmtpSink, type SmtpSink } from './smtp-sink.ts';

type ErrorResponse = { error: { code: string; details: { path: string }[] } };
const paths = (body: unknown) => (body as ErrorResponse).error.details.map((d) => d.path);

const xssPayloads = [
  '<script>alert(1)</script>',
  '<img src=x onerror=alert(1)>',
  '"><svg onload=alert(1)>',
];

const form = (overrides: Record<string, unknown> = {}) => ({
  name: 'Ada Founder',
  email: 'ada@startup.test',
  company: 'Ada Labs',
  stage: 'pre-seed',
  stack: 'TypeScript, PostgreSQL; React',
  blocker: 'Our deploys break every Friday',
  budget: 'EUR 3k',
  timeline: 'Next month',
  ...overrides,
});

describe('intake and leads', () => {
  let server: TestServer;
  let sink: SmtpSink;
  let owner: ApiClient;

  beforeAll(async () => {
    sink = await startSmtpSink();
    server = await startTestServer({
      work: true,
      config: { smtpUrl: sink.url, intakeMaxPerHour: 1000, publicUrl: 'https://keel.test' },
    });
    owner = (await signedInAs(server, { role: 'owner' })).api;
  });
  afterAll(async () => sink.close());

  it('stores a lead from an anonymous visitor, answers 202 and emails the owners', async () => {
    const visitor = new ApiClient(server.baseUrl);

    const response = await visitor.post('/api/v1/intake', form({ company: 'Mail Co' }));

    expect(response.status).toBe(202);
    expect(response.body).toEqual({
      status: 'received',
      message: 'Thank you. We read every message and answer within two working days.',
    });
    const list = await owner.get<{ leads: Lead[] }>('/api/v1/leads');
    const lead = list.body.leads.find((l) => l.company === 'Mail Co');
    expect(lead).toMatchObject({
      status: 'new',
      stage: 'pre-seed',
      stack: ['TypeScript', 'PostgreSQL', 'React'],
      budget: 'EUR 3k',
      clientId: null,
    });
    const mail = await sink.waitFor((m) => m.subject === 'New lead: Mail Co (Ada Founder)');
    expect(mail.text).toContain('What is blocking them: Our deploys break every Friday');
    expect(mail.text).toContain('https://keel.test/leads');
  });

  it('answers a filled honeypot exactly like a success and stores nothing', async () => {
    const visitor = new ApiClient(server.baseUrl);
    const real = await visitor.post('/api/v1/intake', form({ company: 'Real Co' }));

    const bot = await visitor.post(
      '/api/v1/intake',
      form({ company: 'Bot Co', website: 'http://spam.test' }),
    );

    expect([bot.status, bot.body]).toEqual([real.status, real.body]);
    const rows = await server.ctx.db.select().from(leads).where(eq(leads.company, 'Bot Co'));
    expect(rows).toEqual([]);
  });

  it('gives the same answer whether or not the email belongs to someone', async () => {
    const known = await createUser(server.ctx.db, { role: 'member' });
    const visitor = new ApiClient(server.baseUrl);

    const a = await visitor.post('/api/v1/intake', form({ email: known.email }));
    const b = await visitor.post('/api/v1/intake', form({ email: 'nobody@nowhere.test' }));

    expect([a.status, a.body]).toEqual([b.status, b.body]);
  });

  it('limits the size of every field and names the field', async () => {
    const visitor = new ApiClient(server.baseUrl);
    const long = (n: number) => 'x'.repeat(n + 1);

    const responses = await Promise.all(
      (
        [
          ['name', 120],
          ['company', 160],
          ['stack', 500],
          ['blocker', 4000],
          ['budget', 200],
          ['timeline', 200],
        ] as const
      ).map(async ([field, max]) =>
        paths((await visitor.post('/api/v1/intake', form({ [field]: long(max) }))).body),
      ),
    );
    const missing = await visitor.post('/api/v1/intake', { name: 'x' });
    const badStage = await visitor.post('/api/v1/intake', form({ stage: 'unicorn' }));

    expect(responses).toEqual([
      ['body.name'],
      ['body.company'],
      ['body.stack'],
      ['body.blocker'],
      ['body.budget'],
      ['body.timeline'],
    ]);
    expect(paths(missing.body)).toEqual(
      expect.arrayContaining(['body.email', 'body.company', 'body.stage', 'body.blocker']),
    );
    expect(paths(badStage.body)).toEqual(['body.stage']);
  });

  it('converts a lead into a client with stage, stack, blocker and contact; only once', async () => {
    await new ApiClient(server.baseUrl).post('/api/v1/intake', form({ company: 'Convert Co' }));
    const lead = (await owner.get<{ leads: Lead[] }>('/api/v1/leads')).body.leads.find(
      (l) => l.company === 'Convert Co',
    )!;

    const converted = await owner.post<{ lead: Lead; client: Client }>(
      `/api/v1/leads/${lead.id}/convert`,
      {},
    );
    const twice = await owner.post(`/api/v1/leads/${lead.id}/convert`, {});
    const decline = await owner.post(`/api/v1/leads/${lead.id}/decline`, { reason: 'x' });

    expect(converted.status).toBe(201);
    expect(converted.body.client).toMatchObject({
      name: 'Convert Co',
      stage: 'pre-seed',
      stack: ['TypeScript', 'PostgreSQL', 'React'],
      blocker: 'Our deploys break every Friday',
      contacts: [{ name: 'Ada Founder', email: 'ada@startup.test' }],
    });
    expect(converted.body.lead).toMatchObject({
      status: 'converted',
      clientId: converted.body.client.id,
    });
    expect(twice.status).toBe(409);
    expect(decline.status).toBe(409);
    const waiting = await owner.get<{ leads: Lead[] }>('/api/v1/leads');
    expect(waiting.body.leads.map((l) => l.id)).not.toContain(lead.id);
  });

  it('declines a lead with a reason; no reason is a 400 and nothing changes', async () => {
    await new ApiClient(server.baseUrl).post('/api/v1/intake', form({ company: 'Decline Co' }));
    const lead = (await owner.get<{ leads: Lead[] }>('/api/v1/leads')).body.leads.find(
      (l) => l.company === 'Decline Co',
    )!;

    const noReason = await owner.post(`/api/v1/leads/${lead.id}/decline`, { reason: ' ' });
    const declined = await owner.post<Lead>(`/api/v1/leads/${lead.id}/decline`, {
      reason: 'Outside our stack',
    });
    const all = await owner.get<{ leads: Lead[] }>('/api/v1/leads?status=declined');

    expect(paths(noReason.body)).toEqual(['body.reason']);
    expect(declined.body).toMatchObject({ status: 'declined', declineReason: 'Outside our stack' });
    expect(all.body.leads.map((l) => l.id)).toContain(lead.id);
    expect((await owner.post(`/api/v1/leads/${crypto.randomUUID()}/convert`, {})).status).toBe(404);
  });

  it('keeps script and HTML payloads literal in the API and escaped in the email', async () => {
    for (const [i, payload] of xssPayloads.entries())
      await new ApiClient(server.baseUrl).post(
        '/api/v1/intake',
        form({
          name: `${payload} name`,
          company: `XSS ${i} ${payload}`,
          stack: payload,
          blocker: payload,
          budget: payload,
          timeline: payload,
        }),
      );

    const list = await owner.get<{ leads: Lead[] }>('/api/v1/leads');
    for (const [i, payload] of xssPayloads.entries()) {
      const lead = list.body.leads.find((l) => l.company === `XSS ${i} ${payload}`);
      expect(lead).toMatchObject({ blocker: payload, budget: payload, timeline: payload });
      const mail = await sink.waitFor((m) => m.subject.startsWith(`New lead: XSS ${i} `));
      expect(mail.html).not.toContain(payload);
      expect(mail.html).not.toMatch(/<(script|img|svg)\b/i);
      expect(mail.html).toContain(
        payload
          .replace(/&/g, '&amp;')
          .replace(/</g, '&lt;')
          .replace(/>/g, '&gt;')
          .replace(/"/g, '&quot;'),
      );
    }
    const converted = await owner.post<{ client: Client }>(
      `/api/v1/leads/${list.body.leads.find((l) => l.company.startsWith('XSS 0'))!.id}/convert`,
      {},
    );
    const [client] = await server.ctx.db
      .select()
      .from(clients)
      .where(eq(clients.id, converted.body.client.id));
    expect(client?.blocker).toBe(xssPayloads[0]);
  });
});

describe('intake rate limit', () => {
  it('accepts the configured number per address per hour, then 429, counted in the database', async () => {
    const server = await startTestServer({ config: { intakeMaxPerHour: 3 } });
    const visitor = new ApiClient(server.baseUrl);

    const statuses: number[] = [];
    for (let i = 0; i < 4; i++)
      statuses.push((await visitor.post('/api/v1/intake', form({ company: `Limit ${i}` }))).status);
    const last = await visitor.post('/api/v1/intake', form());

    expect(statuses).toEqual([202, 202, 202, 429]);
    expect(last.headers.get('retry-after')).toBe('3600');
    expect((last.body as ErrorResponse).error.code).toBe('rate_limited');
    expect(await server.ctx.db.select().from(leads)).toHaveLength(3);
  });
});
