/** Engagements over HTTP: the rules of each kind, status moves, and the proposal (JSON and Markdown). */
import { eq } from 'drizzle-orm';
import { beforeAll, describe, expect, it } from 'vitest';
import type { Engagement, Proposal } from '../../src/shared/engagements.ts';
import { engagements } from '../../src/server/db/schema.ts';
import { startTestServer, type ApiClient, type TestServer } from './harness.ts';
import { createClientRow, signedInAs } from './factories.ts';

type ErrorResponse = {
  error: { code: string; message: string; details: { path: string; message: string }[] };
};
const paths = (body: unknown) => (body as ErrorResponse).error.details.map((d) => d.path);
const message = (body: unknown) => (body as ErrorResponse).error.message;

const sprint = {
  kind: 'mvp-sprint',
  title: 'MVP sprint',
  startDate: '2026-01-05',
  endDate: '2026-02-09',
  currency: 'eur',
  priceMin: 2000,
  priceMax: 4000,
  terms: 'Paid per milestone, 14 days net.',
};

describe('engagements', () => {
  let server: TestServer;
  let owner: ApiClient;
  let member: ApiClient;
  let founder: ApiClient;
  let clientId: string;
  const url = (rest = '') => `/api/v1/clients/${clientId}/engagements${rest}`;

  beforeAll(async () => {
    server = await startTestServer();
    clientId = (await createClientRow(server.ctx.db, { name: 'Globex' })).id;
    owner = (await signedInAs(server, { role: 'owner' })).api;
    member = (await signedInAs(server, { role: 'member', clientIds: [clientId] })).api;
    founder = (await signedInAs(server, { role: 'founder', clientIds: [clientId] })).api;
  });

  it('proposes an MVP sprint of five weeks with a price range; the founder can read it, not a member write it', async () => {
    const created = await owner.post<Engagement>(url(), sprint);
    const asMember = await member.post(url(), sprint);
    const read = await founder.get<{ engagements: Engagement[] }>(url());

    expect(created.status).toBe(201);
    expect(created.body).toMatchObject({ status: 'proposed', currency: 'EUR', priceMin: 2000 });
    expect(asMember.status).toBe(403);
    expect(read.body.engagements.map((e) => e.id)).toEqual([created.body.id]);
  });

  it('takes a four-week sprint from a Monday to the Friday four weeks on (the end date counts)', async () => {
    const fourWeeks = await owner.post<Engagement>(url(), { ...sprint, endDate: '2026-01-30' });
    const sixAndABit = await owner.post<Engagement>(url(), { ...sprint, endDate: '2026-02-18' });

    expect(fourWeeks.status).toBe(201);
    expect(fourWeeks.body).toMatchObject({ startDate: '2026-01-05', endDate: '2026-01-30' });
    expect(sixAndABit.status).toBe(201);
  });

  it('refuses a sprint outside 4–6 weeks, an end before the start and a range upside down', async () => {
    const short = await owner.post(url(), { ...sprint, endDate: '2026-01-28' });
    const long = await owner.post(url(), { ...sprint, endDate: '2026-03-02' });
    const backwards = await owner.post(url(), { ...sprint, endDate: '2026-01-01' });
    const range = await owner.post(url(), { ...sprint, priceMin: 5000 });
    const noEnd = await owner.post(url(), { ...sprint, endDate: null });

    expect(short.status).toBe(400);
    expect(message(short.body)).toContain('4 to 6 weeks');
    expect(message(short.body)).toContain('both included');
    expect(message(short.body)).toContain('this one is 24 days, about 3 weeks');
    expect(message(long.body)).toContain('this one is 57 days, about 8 weeks');
    expect(paths(long.body)).toEqual(['body.endDate']);
    expect(paths(backwards.body)).toEqual(['body.endDate']);
    expect(message(backwards.body)).toContain('before the start date');
    expect(paths(range.body)).toEqual(['body.priceMax']);
    expect(paths(noEnd.body)).toEqual(['body.endDate']);
  });

  it('needs a monthly fee and an hours budget for a retainer, and no price range', async () => {
    const base = { kind: 'retainer', title: 'Retainer', startDate: '2026-02-01', currency: 'EUR' };

    const missing = await owner.post(url(), base);
    const mixed = await owner.post(url(), {
      ...base,
      monthlyFee: 1500,
      hoursPerMonth: 20,
      priceMin: 1,
    });
    const negative = await owner.post(url(), { ...base, monthlyFee: -1, hoursPerMonth: 20 });
    const ok = await owner.post<Engagement>(url(), {
      ...base,
      monthlyFee: 1500,
      hoursPerMonth: 20,
    });

    expect(paths(missing.body)).toEqual(['body.monthlyFee', 'body.hoursPerMonth']);
    expect(paths(mixed.body)).toEqual(['body.priceMin']);
    expect(paths(negative.body)).toEqual(['body.monthlyFee']);
    expect(ok.status).toBe(201);
    expect(ok.body.endDate).toBeNull();
  });

  it('moves proposed → active ⇄ paused → done, and explains an illegal move', async () => {
    const { body: e } = await owner.post<Engagement>(url(), sprint);
    const move = (status: string) => owner.post<Engagement>(url(`/${e.id}/status`), { status });

    const skip = await move('paused');
    const steps = [
      await move('active'),
      await move('paused'),
      await move('active'),
      await move('done'),
    ];
    const reopen = await move('active');

    expect(skip.status).toBe(409);
    expect(message(skip.body)).toBe(
      'this engagement is proposed and cannot move to paused; it can move to: active',
    );
    expect(paths(skip.body)).toEqual(['body.status']);
    expect(steps.map((s) => s.body.status)).toEqual(['active', 'paused', 'active', 'done']);
    expect(reopen.status).toBe(409);
    expect(message(reopen.body)).toContain('it is finished');
  });

  it('refuses an edit that would put a milestone before the start, and saves nothing of it', async () => {
    const { body: e } = await owner.post<Engagement>(url(), sprint);
    await owner.post(`/api/v1/clients/${clientId}/milestones`, {
      title: 'Prototype',
      engagementId: e.id,
      dueDate: '2026-01-12',
    });

    const refused = await owner.patch(url(`/${e.id}`), {
      startDate: '2026-01-19',
      endDate: '2026-02-23',
      terms: 'changed',
    });
    const [row] = await server.ctx.db.select().from(engagements).where(eq(engagements.id, e.id));

    expect(refused.status).toBe(400);
    expect(paths(refused.body)).toEqual(['body.startDate']);
    expect(message(refused.body)).toContain('Prototype');
    expect(row).toMatchObject({ startDate: '2026-01-05', terms: sprint.terms });
  });

  it("refuses an end date before a milestone's due date, naming the milestone, and saves nothing of it", async () => {
    const { body: e } = await owner.post<Engagement>(url(), sprint);
    for (const [title, dueDate] of [
      ['Beta', '2026-02-02'],
      ['Launch', '2026-02-06'],
    ])
      await owner.post(`/api/v1/clients/${clientId}/milestones`, {
        title,
        engagementId: e.id,
        dueDate,
      });

    const refused = await owner.patch(url(`/${e.id}`), { endDate: '2026-02-05', terms: 'changed' });
    const earlier = await owner.patch(url(`/${e.id}`), { endDate: '2026-02-01' });
    const onTheDay = await owner.patch<Engagement>(url(`/${e.id}`), { endDate: '2026-02-06' });

    expect(refused.status).toBe(400);
    expect(paths(refused.body)).toEqual(['body.endDate']);
    expect(message(refused.body)).toContain('milestone "Launch" (due 2026-02-06)');
    expect(paths(earlier.body)).toEqual(['body.endDate']);
    expect(message(earlier.body)).toContain('milestone "Launch" (due 2026-02-06) and 1 more');
    expect(onTheDay.status).toBe(200);
    expect(onTheDay.body).toMatchObject({ endDate: '2026-02-06', terms: sprint.terms });
  });

  it('builds the proposal from the scoping: must/should goals, milestones with payments, price and terms', async () => {
    const other = (await createClientRow(server.ctx.db, { name: 'Initech <b>' })).id;
    const at = (rest: string) => `/api/v1/clients/${other}/${rest}`;
    const { body: e } = await owner.post<Engagement>(at('engagements'), sprint);
    for (const [goal, priority] of [
      ['book a table', 'must'],
      ['pay online', 'should'],
      ['<script>alert(1)</script> share a menu', 'could'],
    ])
      await owner.post(at('user-paths'), {
        who: 'A diner',
        goal,
        priority,
        steps: ['Open [x](javascript:alert(1))'],
      });
    await owner.post(at('milestones'), {
      title: 'Booking',
      engagementId: e.id,
      dueDate: '2026-01-19',
      pricePercent: 40,
      acceptance: [{ text: 'A diner books a table in under a minute' }],
    });
    await owner.post(at('milestones'), {
      title: 'Payments',
      engagementId: e.id,
      dueDate: '2026-02-06',
      priceAmount: 1500,
    });

    const proposal = await founder.get(at(`engagements/${e.id}/proposal`));
    const json = await owner.get<Proposal>(at(`engagements/${e.id}/proposal`));
    const md = await owner.get<string>(at(`engagements/${e.id}/proposal.md`));

    expect(proposal.status).toBe(404);
    expect(json.body.goals.map((g) => g.goal)).toEqual(['book a table', 'pay online']);
    expect(json.body.userPaths).toHaveLength(3);
    expect(json.body.milestones.map((m) => [m.title, m.payment])).toEqual([
      ['Booking', [800, 1600]],
      ['Payments', [1500, 1500]],
    ]);
    expect(json.body.priceText).toBe('EUR 2,000–4,000 fixed price range');
    expect(md.headers.get('content-type')).toBe('text/markdown; charset=utf-8');
    expect(md.body).toContain('# Proposal: MVP sprint');
    expect(md.body).toContain('## Goals');
    expect(md.body).toContain('- [ ] A diner books a table in under a minute');
    expect(md.body).toContain('Payment: 40 % of the price, EUR 800–1,600.');
    expect(md.body).toContain('Paid per milestone, 14 days net.');
    expect(md.body).toContain('Initech &lt;b&gt;');
    expect(md.body).toContain('&lt;script&gt;alert(1)&lt;/script&gt;');
    expect(md.body).not.toContain('<script>');
    expect(md.body).toContain('Open \\[x\\](javascript:alert(1))');
  });
});
