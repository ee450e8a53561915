/** Scoping and milestones over HTTP: happy paths, bad input with field paths, nothing half-saved, slip. */
import { eq } from 'drizzle-orm';
import { beforeAll, describe, expect, it } from 'vitest';
import { addDays, todayUtc } from '../../src/shared/dates.ts';
import type { Milestone, MilestoneList, Scoping, UserPath } from '../../src/shared/roadmap.ts';
import type { Principal } from '../../src/server/auth/principal.ts';
import { auditLog, milestones, reportSchedules } from '../../src/server/db/schema.ts';
import { createMilestone, updateMilestone } from '../../src/server/roadmap/milestones.service.ts';
import { milestoneInput } from '../../src/shared/roadmap.ts';
import { startTestServer, type ApiClient, type TestServer } from './harness.ts';
import { createClientRow, signedInAs } from './factories.ts';

type ErrorResponse = {
  error: { code: string; message: string; details: { path: string; message: string }[] };
};
const paths = (body: unknown) => (body as ErrorResponse).error.details.map((d) => d.path);

describe('scoping and milestones', () => {
  let server: TestServer;
  let owner: ApiClient;
  let founder: ApiClient;
  let clientId: string;
  const today = todayUtc();

  beforeAll(async () => {
    server = await startTestServer();
    clientId = (await createClientRow(server.ctx.db, { name: 'Acme' })).id;
    owner = (await signedInAs(server, { role: 'owner' })).api;
    founder = (await signedInAs(server, { role: 'founder', clientIds: [clientId] })).api;
  });

  const url = (rest: string) => `/api/v1/clients/${clientId}/${rest}`;
  const addPath = async (goal: string, priority = 'must') =>
    (
      await owner.post<UserPath>(url('user-paths'), {
        who: 'A shop owner',
        goal,
        steps: ['Open the app', 'Add a product'],
        priority,
      })
    ).body;

  it('saves the workshop record, user paths and risks; the founder reads but cannot write', async () => {
    const saved = await owner.request<Scoping>('PUT', url('scoping'), {
      workshopDate: '2026-11-02',
      summary: 'Two days with the founders.',
      constraints: [
        { kind: 'growth', text: '10x users by summer' },
        { kind: 'compliance', text: 'GDPR: data stays in the EU' },
      ],
    });
    const path = await addPath('list a product');
    const risk = await owner.post(url('risks'), {
      description: 'Only one person knows how payments work',
      likelihood: 'medium',
      impact: 'high',
      mitigation: 'Pair on it and write it down',
    });

    const read = await founder.get<Scoping>(url('scoping'));
    const write = await founder.post(url('user-paths'), { who: 'x', goal: 'y', priority: 'must' });

    expect(saved.status).toBe(200);
    expect(risk.status).toBe(201);
    expect(read.status).toBe(200);
    expect(read.body.constraints.map((c) => c.kind)).toEqual(['growth', 'compliance']);
    expect(read.body.userPaths.map((p) => p.id)).toContain(path.id);
    expect(read.body.userPaths.find((p) => p.id === path.id)?.steps).toEqual([
      'Open the app',
      'Add a product',
    ]);
    expect(read.body.risks[0]?.mitigation).toBe('Pair on it and write it down');
    expect(write.status).toBe(403);
  });

  it('refuses a bad priority, an empty goal and an unknown constraint kind, naming each field', async () => {
    const bad = await owner.post(url('user-paths'), { who: 'x', goal: ' ', priority: 'urgent' });
    const badScoping = await owner.request('PUT', url('scoping'), {
      constraints: [{ kind: 'weather', text: 'x' }],
    });

    expect(bad.status).toBe(400);
    expect(paths(bad.body)).toEqual(expect.arrayContaining(['body.goal', 'body.priority']));
    expect(paths(badScoping.body)).toEqual(['body.constraints.0.kind']);
  });

  it('refuses a milestone linked to an unknown user path, and stores nothing', async () => {
    const path = await addPath('pay for an order');
    const unknown = crypto.randomUUID();

    const response = await owner.post(url('milestones'), {
      title: 'Checkout',
      dueDate: addDays(today, 10),
      userPathIds: [path.id, unknown],
    });

    expect(response.status).toBe(400);
    expect(paths(response.body)).toEqual(['body.userPathIds.1']);
    const stored = await server.ctx.db
      .select()
      .from(milestones)
      .where(eq(milestones.title, 'Checkout'));
    expect(stored).toEqual([]);
  });

  const addKpi = async (name: string, forClient = clientId) =>
    (
      await owner.post<{ id: string }>(`/api/v1/clients/${forClient}/kpis`, {
        name,
        unit: 'users',
        direction: 'higher',
        target: 100,
        cadence: 'weekly',
      })
    ).body;

  it("refuses a milestone linked to another client's KPI or an unknown one, on create and on edit", async () => {
    const own = await addKpi('Signups');
    const otherClient = (await createClientRow(server.ctx.db, { name: 'Other' })).id;
    const foreign = await addKpi('Their signups', otherClient);
    const kept = await owner.post<Milestone>(url('milestones'), {
      title: 'Onboarding',
      dueDate: addDays(today, 10),
      kpiIds: [own.id],
    });

    const created = await owner.post(url('milestones'), {
      title: 'Referrals',
      dueDate: addDays(today, 10),
      kpiIds: [own.id, foreign.id, crypto.randomUUID()],
    });
    const edited = await owner.patch(url(`milestones/${kept.body.id}`), {
      kpiIds: [foreign.id],
    });
    const twice = await owner.patch(url(`milestones/${kept.body.id}`), {
      kpiIds: [own.id, own.id],
    });

    expect(kept.status).toBe(201);
    expect(created.status).toBe(400);
    expect(paths(created.body)).toEqual(['body.kpiIds.1', 'body.kpiIds.2']);
    expect((created.body as ErrorResponse).error.details[0]?.message).toMatch(
      /^no such KPI for this client/,
    );
    expect(edited.status).toBe(400);
    expect(paths(edited.body)).toEqual(['body.kpiIds.0']);
    expect(paths(twice.body)).toEqual(['body.kpiIds']);
    const stored = await server.ctx.db
      .select()
      .from(milestones)
      .where(eq(milestones.clientId, clientId));
    expect(stored.map((m) => m.title)).not.toContain('Referrals');
    expect(stored.find((m) => m.id === kept.body.id)?.kpiIds).toEqual([own.id]);
  });

  it('refuses dates before the engagement starts, and a done date in the future', async () => {
    const engagement = await owner.post<{ id: string }>(url('engagements'), {
      kind: 'mvp-sprint',
      title: 'MVP',
      startDate: '2026-03-02',
      endDate: '2026-04-06',
      currency: 'EUR',
      priceMin: 2000,
      priceMax: 4000,
    });

    const early = await owner.post(url('milestones'), {
      title: 'Too early',
      engagementId: engagement.body.id,
      dueDate: '2026-03-01',
      status: 'done',
      doneDate: '2026-02-27',
    });
    const future = await owner.post(url('milestones'), {
      title: 'Future',
      dueDate: '2026-03-20',
      status: 'done',
      doneDate: addDays(today, 5),
    });
    const notDone = await owner.post(url('milestones'), {
      title: 'Has a done date',
      dueDate: '2026-03-20',
      doneDate: '2026-03-19',
    });

    expect(early.status).toBe(400);
    expect(paths(early.body)).toEqual(['body.dueDate', 'body.doneDate']);
    expect((early.body as ErrorResponse).error.message).toContain('2026-03-02');
    expect(paths(future.body)).toEqual(['body.doneDate']);
    expect(paths(notDone.body)).toEqual(['body.doneDate']);
  });

  it('marks a milestone done only when every acceptance criterion is met; a refused edit changes nothing', async () => {
    const created = await owner.post<Milestone>(url('milestones'), {
      title: 'Sign-up',
      dueDate: addDays(today, 3),
      acceptance: [{ text: 'A new user can sign up' }, { text: 'A welcome email arrives' }],
      pricePercent: 30,
    });

    const refused = await owner.patch(url(`milestones/${created.body.id}`), {
      status: 'done',
      title: 'Renamed in the same request',
    });
    const unchanged = await owner.get<MilestoneList>(url('milestones'));
    const done = await owner.patch<Milestone>(url(`milestones/${created.body.id}`), {
      status: 'done',
      acceptance: [
        { text: 'A new user can sign up', met: true },
        { text: 'A welcome email arrives', met: true },
      ],
    });

    expect(created.status).toBe(201);
    expect(refused.status).toBe(400);
    expect(paths(refused.body)).toEqual(['body.acceptance.0.met', 'body.acceptance.1.met']);
    expect(unchanged.body.milestones.find((m) => m.id === created.body.id)).toMatchObject({
      title: 'Sign-up',
      status: 'planned',
    });
    expect(done.status).toBe(200);
    expect(done.body).toMatchObject({ status: 'done', doneDate: today, slip: { isOnTime: true } });
  });

  it('keeps the price shares of one engagement within 100 %, and percent or amount, not both', async () => {
    const engagement = await owner.post<{ id: string }>(url('engagements'), {
      kind: 'mvp-sprint',
      title: 'Shares',
      startDate: today,
      endDate: addDays(today, 35),
      currency: 'EUR',
      priceMin: 2000,
      priceMax: 4000,
    });
    const base = { engagementId: engagement.body.id, dueDate: addDays(today, 7) };
    await owner.post(url('milestones'), { ...base, title: 'Half', pricePercent: 60 });

    const over = await owner.post(url('milestones'), { ...base, title: 'Over', pricePercent: 50 });
    const both = await owner.post(url('milestones'), {
      ...base,
      title: 'Both',
      pricePercent: 10,
      priceAmount: 100,
    });
    const rest = await owner.post(url('milestones'), { ...base, title: 'Rest', pricePercent: 40 });

    expect(over.status).toBe(400);
    expect(paths(over.body)).toEqual(['body.pricePercent']);
    expect((over.body as ErrorResponse).error.message).toContain('110 %');
    expect(paths(both.body)).toEqual(['body.priceAmount']);
    expect(rest.status).toBe(201);
  });

  it('computes slip: days late, overdue, and the share of done milestones delivered on time', async () => {
    const other = (await createClientRow(server.ctx.db, { name: 'Slip Co' })).id;
    const at = (rest: string) => `/api/v1/clients/${other}/${rest}`;
    await owner.post(at('milestones'), {
      title: 'On time',
      dueDate: addDays(today, -10),
      status: 'done',
      doneDate: addDays(today, -11),
    });
    await owner.post(at('milestones'), {
      title: 'Late',
      dueDate: addDays(today, -10),
      status: 'done',
      doneDate: addDays(today, -6),
    });
    await owner.post(at('milestones'), { title: 'Overdue', dueDate: addDays(today, -2) });
    await owner.post(at('milestones'), { title: 'Future', dueDate: addDays(today, 9) });
    await owner.post(at('milestones'), {
      title: 'Dropped',
      dueDate: addDays(today, -30),
      status: 'cancelled',
    });

    const list = await founder.get(at('milestones'));
    const mine = await owner.get<MilestoneList>(at('milestones'));

    expect(list.status).toBe(404);
    expect(mine.body.slip).toEqual({
      done: 2,
      doneOnTime: 1,
      onTimePercent: 50,
      overdue: 1,
      moved: 0,
      averageDaysLate: 2,
    });
    const byTitle = Object.fromEntries(mine.body.milestones.map((m) => [m.title, m.slip]));
    const never = { daysMoved: 0, daysOverdue: 0 };
    expect(byTitle.Late).toEqual({ ...never, daysLate: 4, isOverdue: false, isOnTime: false });
    expect(byTitle.Overdue).toEqual({
      daysLate: 2,
      daysMoved: 0,
      isOverdue: true,
      daysOverdue: 2,
      isOnTime: null,
    });
    expect(byTitle.Future).toEqual({ ...never, daysLate: 0, isOverdue: false, isOnTime: null });
  });

  it('keeps the slip when the due date is moved, and counts on time against the planned date', async () => {
    const other = (await createClientRow(server.ctx.db, { name: 'Moving Co' })).id;
    const at = (rest: string) => `/api/v1/clients/${other}/${rest}`;
    const created = await owner.post<Milestone>(at('milestones'), {
      title: 'Search',
      dueDate: addDays(today, -10),
    });
    await owner.post(at('milestones'), {
      title: 'Login',
      dueDate: addDays(today, -3),
      status: 'done',
      doneDate: addDays(today, -3),
    });

    const moved = await owner.patch<Milestone>(at(`milestones/${created.body.id}`), {
      dueDate: addDays(today, 5),
    });
    const movedAgain = await owner.patch<Milestone>(at(`milestones/${created.body.id}`), {
      dueDate: addDays(today, 8),
      title: 'Search, with filters',
    });
    const done = await owner.patch<Milestone>(at(`milestones/${created.body.id}`), {
      status: 'done',
    });
    const list = await owner.get<MilestoneList>(at('milestones'));

    expect(created.body).toMatchObject({
      dueDate: addDays(today, -10),
      plannedDate: addDays(today, -10),
      replannedAt: null,
    });
    expect(moved.body).toMatchObject({
      dueDate: addDays(today, 5),
      plannedDate: addDays(today, -10),
      slip: { daysLate: 10, daysMoved: 15, isOverdue: false, daysOverdue: 0, isOnTime: null },
    });
    expect(movedAgain.body.plannedDate).toBe(addDays(today, -10));
    expect(done.body).toMatchObject({
      doneDate: today,
      plannedDate: addDays(today, -10),
      slip: { daysLate: 10, daysMoved: 18, isOnTime: false },
    });
    expect(list.body.slip).toEqual({
      done: 2,
      doneOnTime: 1,
      onTimePercent: 50,
      overdue: 0,
      moved: 1,
      averageDaysLate: 5,
    });
  });

  it('re-baselines only when the owner asks, records it, and never on a done milestone', async () => {
    const other = (await createClientRow(server.ctx.db, { name: 'Replan Co' })).id;
    const at = (rest: string) => `/api/v1/clients/${other}/${rest}`;
    const member = (await signedInAs(server, { role: 'member', clientIds: [other] })).api;
    const created = await owner.post<Milestone>(at('milestones'), {
      title: 'Billing',
      dueDate: addDays(today, -4),
    });
    const finished = await owner.post<Milestone>(at('milestones'), {
      title: 'Invoices',
      dueDate: addDays(today, -9),
      status: 'done',
      doneDate: addDays(today, -2),
    });

    const byMember = await member.patch(at(`milestones/${created.body.id}`), {
      dueDate: addDays(today, 20),
      replan: true,
    });
    const moveByMember = await member.patch<Milestone>(at(`milestones/${created.body.id}`), {
      dueDate: addDays(today, 10),
    });
    const replanned = await owner.patch<Milestone>(at(`milestones/${created.body.id}`), {
      dueDate: addDays(today, 20),
      replan: true,
    });
    const onDone = await owner.patch(at(`milestones/${finished.body.id}`), { replan: true });
    const audit = await server.ctx.db
      .select()
      .from(auditLog)
      .where(eq(auditLog.action, 'milestone.replanned'));
    const list = await owner.get<MilestoneList>(at('milestones'));

    expect(byMember.status).toBe(403);
    expect(moveByMember.body).toMatchObject({
      dueDate: addDays(today, 10),
      plannedDate: addDays(today, -4),
      replannedAt: null,
    });
    expect(replanned.status).toBe(200);
    expect(replanned.body).toMatchObject({
      dueDate: addDays(today, 20),
      plannedDate: addDays(today, 20),
      slip: { daysLate: 0, daysMoved: 0, isOverdue: false },
    });
    expect(replanned.body.replannedAt).not.toBeNull();
    expect(onDone.status).toBe(400);
    expect(paths(onDone.body)).toEqual(['body.replan']);
    expect(audit).toHaveLength(1);
    expect(audit[0]).toMatchObject({
      clientId: other,
      targetId: created.body.id,
      details: { title: 'Billing', from: addDays(today, -4), to: addDays(today, 20) },
    });
    // The done milestone keeps its plan, so it still counts as late.
    expect(list.body.slip).toMatchObject({ done: 1, doneOnTime: 0, moved: 0 });
  });

  it('unlinks a deleted user path from its milestones in the same transaction', async () => {
    const path = await addPath('export a report', 'could');
    const keep = await addPath('see sales', 'should');
    const created = await owner.post<Milestone>(url('milestones'), {
      title: 'Reports',
      dueDate: addDays(today, 20),
      userPathIds: [path.id, keep.id],
    });

    const deleted = await owner.delete(url(`user-paths/${path.id}`));
    const again = await owner.delete(url(`user-paths/${path.id}`));
    const list = await owner.get<MilestoneList>(url('milestones'));

    expect(deleted.status).toBe(204);
    expect(again.status).toBe(404);
    expect(list.body.milestones.find((m) => m.id === created.body.id)?.userPathIds).toEqual([
      keep.id,
    ]);
  });

  it('unlinks a deleted KPI from its milestones in the same transaction', async () => {
    const gone = await addKpi('Weekly orders');
    const keep = await addKpi('Repeat buyers');
    const created = await owner.post<Milestone>(url('milestones'), {
      title: 'Loyalty',
      dueDate: addDays(today, 20),
      kpiIds: [gone.id, keep.id],
    });

    const deleted = await owner.delete(url(`kpis/${gone.id}`));
    const again = await owner.delete(url(`kpis/${gone.id}`));
    const list = await owner.get<MilestoneList>(url('milestones'));
    const edited = await owner.patch<Milestone>(url(`milestones/${created.body.id}`), {
      title: 'Loyalty points',
    });

    expect(created.status).toBe(201);
    expect(deleted.status).toBe(204);
    expect(again.status).toBe(404);
    expect(list.body.milestones.find((m) => m.id === created.body.id)?.kpiIds).toEqual([keep.id]);
    // Still editable: no dangling link for the new check to refuse.
    expect(edited.status).toBe(200);
  });

  it('edits and deletes risks and milestones; unknown ids are 404', async () => {
    const risk = await owner.post<{ id: string }>(url('risks'), {
      description: 'The cloud bill doubles',
      likelihood: 'low',
      impact: 'medium',
    });

    const patched = await owner.patch(url(`risks/${risk.body.id}`), { status: 'accepted' });
    const badPatch = await owner.patch(url(`risks/${risk.body.id}`), { impact: 'huge' });
    const removed = await owner.delete(url(`risks/${risk.body.id}`));
    const missing = await owner.patch(url(`milestones/${crypto.randomUUID()}`), { title: 'x' });

    expect(patched.body).toMatchObject({ status: 'accepted', impact: 'medium' });
    expect(paths(badPatch.body)).toEqual(['body.impact']);
    expect(removed.status).toBe(204);
    expect(missing.status).toBe(404);
  });

  it("stamps the done date in the client's report time zone, not in UTC", async () => {
    const db = server.ctx.db;
    const nyClient = (await createClientRow(db, { name: 'New York Co' })).id;
    await db.insert(reportSchedules).values({ clientId: nyClient, timeZone: 'America/New_York' });
    const utcClient = (await createClientRow(db, { name: 'UTC Co' })).id;
    // 01:30 UTC on 10 March is 21:30 on the 9th in New York: done on the due date, not late.
    const now = new Date('2026-03-10T01:30:00Z');
    const input = milestoneInput.parse({ title: 'Checkout', dueDate: '2026-03-09' });
    const open = await createMilestone({ ctx: server.ctx, clientId: nyClient, input, now });

    const marked = await updateMilestone({
      ctx: server.ctx,
      actor: { role: 'owner' } as Principal,
      clientId: nyClient,
      milestoneId: open.id,
      patch: { status: 'done' },
      now,
    });
    const createdDone = await createMilestone({
      ctx: server.ctx,
      clientId: nyClient,
      input: milestoneInput.parse({ title: 'Receipts', dueDate: '2026-03-09', status: 'done' }),
      now,
    });
    const inUtc = await createMilestone({
      ctx: server.ctx,
      clientId: utcClient,
      input: milestoneInput.parse({ title: 'Receipts', dueDate: '2026-03-09', status: 'done' }),
      now,
    });

    expect(marked.doneDate).toBe('2026-03-09');
    expect(createdDone.doneDate).toBe('2026-03-09');
    // Without a report schedule the zone is UTC, where it is already the 10th.
    expect(inUtc.doneDate).toBe('2026-03-10');
  });
});
