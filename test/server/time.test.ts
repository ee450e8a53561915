/** The time log over HTTP: hours rules, retainer usage levels, the CSV export, who may see what. */
import { eq } from 'drizzle-orm';
import { beforeAll, describe, expect, it } from 'vitest';
import type { Engagement } from '../../src/shared/engagements.ts';
import type { TimeEntry, TimeList, Usage } from '../../src/shared/time.ts';
import { timeEntries } from '../../src/server/db/schema.ts';
import { startTestServer, type ApiClient, type TestServer } from './harness.ts';
import { createClientRow, signedInAs } from './factories.ts';

type ErrorResponse = { error: { message: string; details: { path: string; message: string }[] } };
const paths = (body: unknown) => (body as ErrorResponse).error.details.map((d) => d.path);

describe('time log', () => {
  let server: TestServer;
  let owner: ApiClient;
  let member: ApiClient;
  let founder: ApiClient;
  let clientId: string;
  let retainer: Engagement;
  const url = (rest: string) => `/api/v1/clients/${clientId}/${rest}`;

  beforeAll(async () => {
    server = await startTestServer();
    clientId = (await createClientRow(server.ctx.db, { name: 'Hooli' })).id;
    owner = (await signedInAs(server, { role: 'owner' })).api;
    member = (await signedInAs(server, { role: 'member', clientIds: [clientId] })).api;
    founder = (await signedInAs(server, { role: 'founder', clientIds: [clientId] })).api;
    retainer = (
      await owner.post<Engagement>(url('engagements'), {
        kind: 'retainer',
        title: 'Monthly retainer',
        startDate: '2026-03-01',
        currency: 'EUR',
        monthlyFee: 1500,
        hoursPerMonth: 10,
      })
    ).body;
    await owner.post(url(`engagements/${retainer.id}/status`), { status: 'active' });
  });

  it('logs quarter hours against the active retainer by default; refuses zero, negative and odd hours', async () => {
    const logged = await member.post<TimeEntry>(url('time'), {
      date: '2026-03-02',
      hours: 1.25,
      note: 'Architecture review',
    });
    const statuses = await Promise.all(
      [-1, 0, 0.1, 24.25].map(async (hours) => {
        const r = await member.post(url('time'), { date: '2026-03-03', hours });
        return [hours, r.status, paths(r.body)];
      }),
    );
    const stored = await server.ctx.db
      .select()
      .from(timeEntries)
      .where(eq(timeEntries.date, '2026-03-03'));

    expect(logged.status).toBe(201);
    expect(logged.body).toMatchObject({ hours: 1.25, engagementId: retainer.id, billable: true });
    expect(statuses).toEqual([
      [-1, 400, ['body.hours']],
      [0, 400, ['body.hours']],
      [0.1, 400, ['body.hours']],
      [24.25, 400, ['body.hours']],
    ]);
    expect(stored).toEqual([]);
  });

  it('refuses a date before the engagement starts and more than 24 hours on one day', async () => {
    const early = await member.post(url('time'), {
      date: '2026-02-27',
      hours: 1,
      engagementId: retainer.id,
    });
    await member.post(url('time'), { date: '2026-03-04', hours: 20 });
    const tooMuch = await member.post(url('time'), { date: '2026-03-04', hours: 4.5 });
    const badMonth = await member.get(url('time?month=2026-13'));

    expect(paths(early.body)).toEqual(['body.date']);
    expect((early.body as ErrorResponse).error.message).toContain('2026-03-01');
    expect(paths(tooMuch.body)).toEqual(['body.hours']);
    expect(paths(badMonth.body)).toEqual(['query.month']);
  });

  it('warns at 80 % and 100 % of the retainer budget', async () => {
    const other = (await createClientRow(server.ctx.db, { name: 'Usage Co' })).id;
    const at = (rest: string) => `/api/v1/clients/${other}/${rest}`;
    const { body: r } = await owner.post<Engagement>(at('engagements'), {
      kind: 'retainer',
      title: 'Retainer',
      startDate: '2026-04-01',
      currency: 'EUR',
      monthlyFee: 1500,
      hoursPerMonth: 10,
    });
    await owner.post(at(`engagements/${r.id}/status`), { status: 'active' });
    const usage = async () =>
      (await owner.get<{ usage: Usage[] }>(at('time/usage?month=2026-04'))).body.usage[0]!;

    await owner.post(at('time'), { date: '2026-04-02', hours: 7.75 });
    const under = await usage();
    await owner.post(at('time'), { date: '2026-04-03', hours: 0.25, billable: false });
    const warning = await usage();
    await owner.post(at('time'), { date: '2026-04-06', hours: 2 });
    const over = await usage();
    await owner.post(at('time'), { date: '2026-05-06', hours: 3 });

    expect([under.level, under.percent]).toEqual(['ok', 78]);
    expect(warning).toMatchObject({
      level: 'warning',
      usedHours: 8,
      billableHours: 7.75,
      percent: 80,
    });
    expect(over).toMatchObject({ level: 'over', usedHours: 10, percent: 100, budgetHours: 10 });
    expect(over.message).toBe('10 of 10 hours used in April 2026 (100 %): the budget is used up');
  });

  it('lets the founder see the usage but not the entries or the CSV', async () => {
    expect((await founder.get(url('time/usage?month=2026-03'))).status).toBe(200);
    expect((await founder.get(url('time?month=2026-03'))).status).toBe(403);
    expect((await founder.get(url('time.csv?month=2026-03'))).status).toBe(403);
    expect((await founder.post(url('time'), { date: '2026-03-05', hours: 1 })).status).toBe(403);
  });

  it('exports the month as CSV with quoting and no formulas', async () => {
    const other = (await createClientRow(server.ctx.db, { name: 'CSV Co' })).id;
    const at = (rest: string) => `/api/v1/clients/${other}/${rest}`;
    for (const note of [
      '=HYPERLINK("http://evil.test","click")',
      '+1+2',
      '-2+3',
      '@SUM(A1)',
      'Call, then "fix" it\nsecond line',
    ])
      await owner.post(at('time'), { date: '2026-06-01', hours: 0.5, note });
    await owner.post(at('time'), { date: '2026-07-01', hours: 1, note: 'next month' });

    const csv = await owner.get<string>(at('time.csv?month=2026-06'));
    const list = await owner.get<TimeList>(at('time?month=2026-06'));

    expect(csv.status).toBe(200);
    expect(csv.headers.get('content-type')).toBe('text/csv; charset=utf-8');
    expect(csv.headers.get('content-disposition')).toBe('attachment; filename="time-2026-06.csv"');
    const text = csv.body;
    expect(text.split('\r\n')[0]).toBe('date,person,engagement,hours,billable,note');
    expect(text).toContain(`"'=HYPERLINK(""http://evil.test"",""click"")"`);
    expect(text).toContain(",'+1+2\r\n");
    expect(text).toContain(",'-2+3\r\n");
    expect(text).toContain(",'@SUM(A1)\r\n");
    expect(text).toContain('"Call, then ""fix"" it\nsecond line"');
    expect(text).not.toContain('next month');
    expect(text).toContain('total,,,2.5,,2026-06');
    expect(list.body.totals).toEqual({ hours: 2.5, billableHours: 2.5 });
  });

  it('edits and deletes an entry; a bad edit changes nothing', async () => {
    const { body: entry } = await member.post<TimeEntry>(url('time'), {
      date: '2026-03-10',
      hours: 2,
    });

    const bad = await member.patch(url(`time/${entry.id}`), { hours: -2, note: 'changed' });
    const good = await member.patch<TimeEntry>(url(`time/${entry.id}`), {
      hours: 2.5,
      billable: false,
    });
    const removed = await member.delete(url(`time/${entry.id}`));
    const gone = await member.delete(url(`time/${entry.id}`));

    expect(paths(bad.body)).toEqual(['body.hours']);
    expect(good.body).toMatchObject({ hours: 2.5, billable: false, note: '' });
    expect(removed.status).toBe(204);
    expect(gone.status).toBe(404);
  });

  it("lets a member change only their own entries, and the owner anyone's", async () => {
    const colleague = (await signedInAs(server, { role: 'member', clientIds: [clientId] })).api;
    const { body: ownersEntry } = await owner.post<TimeEntry>(url('time'), {
      date: '2026-03-11',
      hours: 1,
      note: 'owner',
    });
    const { body: colleaguesEntry } = await colleague.post<TimeEntry>(url('time'), {
      date: '2026-03-11',
      hours: 1,
      note: 'colleague',
    });
    const { body: ownEntry } = await member.post<TimeEntry>(url('time'), {
      date: '2026-03-11',
      hours: 1,
      note: 'mine',
    });

    const refused = await Promise.all(
      [ownersEntry, colleaguesEntry].flatMap((e) => [
        member.patch(url(`time/${e.id}`), { hours: 8 }),
        member.delete(url(`time/${e.id}`)),
      ]),
    );
    const ownEdit = await member.patch<TimeEntry>(url(`time/${ownEntry.id}`), { hours: 2 });
    const ownerEdit = await owner.patch<TimeEntry>(url(`time/${colleaguesEntry.id}`), {
      note: 'fixed by the owner',
    });
    const ownerDelete = await owner.delete(url(`time/${ownEntry.id}`));
    const kept = await server.ctx.db
      .select({ note: timeEntries.note, minutes: timeEntries.minutes })
      .from(timeEntries)
      .where(eq(timeEntries.date, '2026-03-11'));

    expect(refused.map((r) => r.status)).toEqual([403, 403, 403, 403]);
    expect((refused[0]!.body as ErrorResponse).error.message).toBe(
      'you can change only your own time entries; ask an owner',
    );
    expect(ownEdit.status).toBe(200);
    expect(ownEdit.body.hours).toBe(2);
    expect(ownerEdit.status).toBe(200);
    expect(ownerEdit.body).toMatchObject({ note: 'fixed by the owner', userName: 'Test member' });
    expect(ownerDelete.status).toBe(204);
    expect(kept.sort((a, b) => a.note.localeCompare(b.note))).toEqual([
      { note: 'fixed by the owner', minutes: 60 },
      { note: 'owner', minutes: 60 },
    ]);
  });

  it('logs time as the caller only: no field names another person', async () => {
    const colleague = await signedInAs(server, { role: 'member', clientIds: [clientId] });

    const attributed = await member.post(url('time'), {
      date: '2026-03-12',
      hours: 1,
      userId: colleague.user.id,
    });
    const moved = await member.patch(url(`time/${crypto.randomUUID()}`), {
      userId: colleague.user.id,
    });

    // The input has no author field: the entry is always the caller's, so a name is refused.
    expect(attributed.status).toBe(400);
    expect((attributed.body as ErrorResponse).error.details).toEqual([
      { path: 'body', message: 'unknown field: userId' },
    ]);
    expect(moved.status).toBe(400);
    expect((moved.body as ErrorResponse).error.details).toEqual([
      { path: 'body', message: 'unknown field: userId' },
    ]);
  });
});
