/** Decisions over real HTTP: numbering, supersede links and cycles, ADR import/export, decisions needed. */
import { readdirSync, readFileSync } from 'node:fs';
import { join } from 'node:path';
import { strFromU8, unzipSync } from 'fflate';
import { eq, type SQL } from 'drizzle-orm';
import { beforeAll, describe, expect, it } from 'vitest';
import type { Principal } from '../../src/server/auth/principal.ts';
import { decisionsNeeded, users } from '../../src/server/db/schema.ts';
import { editQuestion } from '../../src/server/decisions/decisions-needed.service.ts';
import type {
  Decision,
  DecisionImportReport,
  DecisionNeeded,
  DecisionSummary,
} from '../../src/shared/decisions.ts';
import type { ErrorBody } from '../../src/shared/errors.ts';
import type { ApiClient } from './harness.ts';
import { startTestServer, type TestServer } from './harness.ts';
import { createClientRow, signedInAs } from './factories.ts';

const adrDir = join(import.meta.dirname, '../../src/engines/adr');
const folder = (dir: string) =>
  readdirSync(join(adrDir, dir))
    .sort()
    .map((name) => ({
      path: `docs/decisions/${name}`,
      content: readFileSync(join(adrDir, dir, name), 'utf8'),
    }));

let server: TestServer;
let owner: ApiClient;
let founder: ApiClient;
let clientId: string;
const url = (path = '') => `/api/v1/clients/${clientId}${path}`;

beforeAll(async () => {
  server = await startTestServer();
  clientId = (await createClientRow(server.ctx.db, { name: 'Acme' })).id;
  owner = (await signedInAs(server, { role: 'owner' })).api;
  founder = (await signedInAs(server, { role: 'founder', clientIds: [clientId] })).api;
});

const errorOf = (body: unknown) => (body as ErrorBody).error;

describe('decision records', () => {
  it('numbers decisions per client and shows supersede links in both directions', async () => {
    const a = await owner.post<Decision>(url('/decisions'), {
      title: 'Use MySQL',
      status: 'accepted',
      date: '2024-01-10',
      options: [{ title: 'MySQL', good: ['known'] }, { title: 'PostgreSQL' }],
      chosenOption: 'MySQL',
      justification: 'the team knows it.',
    });
    const b = await owner.post<Decision>(url('/decisions'), { title: 'Use PostgreSQL' });

    const linked = await owner.patch<Decision>(url(`/decisions/${a.body.id}`), {
      supersededBy: b.body.number,
    });
    const shownOnB = await founder.get<Decision>(url(`/decisions/${b.body.id}`));

    expect([a.status, b.status]).toEqual([201, 201]);
    expect(b.body.number).toBe(a.body.number + 1);
    expect(b.body.key).toMatch(/^ADR-\d{4}$/);
    expect(linked.body.status).toBe('superseded');
    expect(linked.body.supersededBy?.id).toBe(b.body.id);
    expect(shownOnB.body.supersedes.map((d) => d.id)).toEqual([a.body.id]);
    expect(shownOnB.body.chain.map((d) => d.id)).toEqual([a.body.id, b.body.id]);
    expect(linked.body.options[0]).toEqual({
      title: 'MySQL',
      description: '',
      good: ['known'],
      neutral: [],
      bad: [],
    });
  });

  it('refuses a decision superseding itself, a cycle and an unknown number, naming the field, and saves nothing', async () => {
    const a = await owner.post<Decision>(url('/decisions'), { title: 'One' });
    const b = await owner.post<Decision>(url('/decisions'), {
      title: 'Two',
      supersededBy: a.body.number,
    });

    const self = await owner.patch(url(`/decisions/${a.body.id}`), {
      title: 'One changed',
      supersededBy: a.body.number,
    });
    const cycle = await owner.patch(url(`/decisions/${a.body.id}`), {
      title: 'One changed',
      supersededBy: b.body.number,
    });
    const unknown = await owner.post(url('/decisions'), { title: 'Three', supersededBy: 99_999 });
    const after = await owner.get<Decision>(url(`/decisions/${a.body.id}`));

    expect(self.status).toBe(400);
    expect(errorOf(self.body).details[0]).toEqual({
      path: 'body.supersededBy',
      message: 'a decision cannot supersede itself',
    });
    expect(cycle.status).toBe(400);
    expect(errorOf(cycle.body).details[0]!.path).toBe('body.supersededBy');
    expect(errorOf(cycle.body).message).toMatch(/cycle/);
    expect(unknown.status).toBe(400);
    expect(errorOf(unknown.body).message).toMatch(/no ADR-99999/);
    expect(after.body.title).toBe('One');
    expect(after.body.supersededBy).toBeNull();
  });

  it('drops the "superseded by" link when a decision is set back to accepted, and refuses a link with another status', async () => {
    const a = await owner.post<Decision>(url('/decisions'), { title: 'Use Redis' });
    const b = await owner.post<Decision>(url('/decisions'), { title: 'Use Valkey' });
    await owner.patch(url(`/decisions/${a.body.id}`), { supersededBy: b.body.number });

    const reverted = await owner.patch<Decision>(url(`/decisions/${a.body.id}`), {
      status: 'accepted',
    });
    const shownOnB = await owner.get<Decision>(url(`/decisions/${b.body.id}`));
    const markdown = await owner.get(url(`/decisions/${a.body.id}/markdown`));
    const mixed = await owner.patch(url(`/decisions/${a.body.id}`), {
      status: 'accepted',
      supersededBy: b.body.number,
    });
    const mixedOnCreate = await owner.post(url('/decisions'), {
      title: 'Use Memcached',
      status: 'proposed',
      supersededBy: b.body.number,
    });

    expect(reverted.status).toBe(200);
    expect(reverted.body.status).toBe('accepted');
    expect(reverted.body.supersededBy).toBeNull();
    expect(shownOnB.body.supersedes).toEqual([]);
    expect(markdown.body as unknown as string).not.toMatch(/superseded by/i);
    for (const refused of [mixed, mixedOnCreate]) {
      expect(refused.status).toBe(400);
      expect(errorOf(refused.body).details[0]!.path).toBe('body.supersededBy');
    }
  });

  it('refuses a taken number (409) and bad input (400 naming the field)', async () => {
    const first = await owner.post<Decision>(url('/decisions'), { title: 'Numbered', number: 500 });

    const taken = await owner.post(url('/decisions'), { title: 'Again', number: 500 });
    const noTitle = await owner.post(url('/decisions'), { status: 'accepted' });
    const badDate = await owner.post(url('/decisions'), { title: 'X', date: '2024-02-30' });
    const badStatus = await owner.post(url('/decisions'), { title: 'X', status: 'maybe' });

    expect(first.body.number).toBe(500);
    expect(taken.status).toBe(409);
    expect(errorOf(taken.body).details[0]!.path).toBe('body.number');
    expect(errorOf(noTitle.body).details[0]!.path).toBe('body.title');
    expect(errorOf(badDate.body).details[0]!.path).toBe('body.date');
    expect(errorOf(badStatus.body).details[0]!.path).toBe('body.status');
  });

  it('deletes a decision and clears links to it', async () => {
    const a = await owner.post<Decision>(url('/decisions'), { title: 'Old' });
    const b = await owner.post<Decision>(url('/decisions'), { title: 'New' });
    await owner.patch(url(`/decisions/${a.body.id}`), { supersededBy: b.body.number });

    const removed = await owner.delete(url(`/decisions/${b.body.id}`));
    const old = await owner.get<Decision>(url(`/decisions/${a.body.id}`));
    const gone = await owner.get(url(`/decisions/${b.body.id}`));

    expect(removed.status).toBe(204);
    expect(old.body.supersededBy).toBeNull();
    expect(gone.status).toBe(404);
  });
});

describe('importing and exporting ADR folders', () => {
  it('imports real-world variants, reports malformed files with their line, and re-import changes nothing', async () => {
    const client = (await createClientRow(server.ctx.db, { name: 'Importer' })).id;
    const files = [
      ...folder('fixtures'),
      ...folder('malformed'),
      { path: 'docs/decisions/README.md', content: '# Decisions\n' },
    ];

    const first = await owner.post<DecisionImportReport>(
      `/api/v1/clients/${client}/decisions/import`,
      { files },
    );
    const again = await owner.post<DecisionImportReport>(
      `/api/v1/clients/${client}/decisions/import`,
      { files },
    );
    const list = await owner.get<{ decisions: DecisionSummary[] }>(
      `/api/v1/clients/${client}/decisions`,
    );

    expect(first.status).toBe(200);
    expect(first.body.counts).toEqual({
      imported: 7,
      updated: 0,
      unchanged: 0,
      failed: 4,
      skipped: 1,
    });
    const bad = first.body.files.find((f) => f.path.endsWith('0013-bad-date.md'))!;
    expect(bad).toMatchObject({ outcome: 'failed', line: 3 });
    expect(bad.message).toContain('docs/decisions/0013-bad-date.md, line 3');
    expect(again.body.counts).toMatchObject({ imported: 0, updated: 0, unchanged: 7 });
    expect(list.body.decisions.map((d) => d.number)).toEqual([1, 2, 3, 4, 5, 6, 7]);
    const mysql = list.body.decisions.find((d) => d.number === 2)!;
    const postgres = list.body.decisions.find((d) => d.number === 3)!;
    expect(mysql.status).toBe('superseded');
    expect(mysql.supersededBy?.number).toBe(3);
    expect(postgres.supersedes.map((d) => d.number)).toEqual([2]);
  });

  it('exports MADR files that import into another client as the same decisions', async () => {
    const source = (await createClientRow(server.ctx.db, { name: 'Source' })).id;
    const target = (await createClientRow(server.ctx.db, { name: 'Target' })).id;
    await owner.post(`/api/v1/clients/${source}/decisions/import`, { files: folder('fixtures') });

    const exported = await owner.get<{ files: { fileName: string; content: string }[] }>(
      `/api/v1/clients/${source}/decisions/export`,
    );
    const files = exported.body.files.map((f) => ({ path: f.fileName, content: f.content }));
    await owner.post(`/api/v1/clients/${target}/decisions/import`, { files });
    const details = async (client: string) => {
      const list = await owner.get<{ decisions: DecisionSummary[] }>(
        `/api/v1/clients/${client}/decisions`,
      );
      return Promise.all(
        list.body.decisions.map(async (d) => {
          const full = await owner.get<Decision>(`/api/v1/clients/${client}/decisions/${d.id}`);
          const { id: _id, clientId: _c, updatedAt: _u, sourcePath: _s, ...rest } = full.body;
          return {
            ...rest,
            supersededBy: rest.supersededBy?.number ?? null,
            supersedes: rest.supersedes.map((s) => s.number),
            chain: rest.chain.map((s) => s.number),
          };
        }),
      );
    };
    const markdown = await owner.get(
      `/api/v1/clients/${source}/decisions/${(await owner.get<{ decisions: DecisionSummary[] }>(`/api/v1/clients/${source}/decisions`)).body.decisions[0]!.id}/markdown`,
    );

    expect(exported.body.files.map((f) => f.fileName)[0]).toBe(
      '0001-record-architecture-decisions.md',
    );
    const [copied, original] = [await details(target), await details(source)];
    expect(original).toHaveLength(7);
    expect(copied).toEqual(original);
    expect(markdown.status).toBe(200);
    expect(markdown.body as unknown as string).toContain('# Record architecture decisions');
  });

  it('exports one zip of MADR files that unpacks and re-imports as the same decisions', async () => {
    const source = (await createClientRow(server.ctx.db, { name: 'Zip source' })).id;
    const target = (await createClientRow(server.ctx.db, { name: 'Zip target' })).id;
    await owner.post(`/api/v1/clients/${source}/decisions/import`, { files: folder('fixtures') });
    const listed = await owner.get<{ files: { fileName: string; content: string }[] }>(
      `/api/v1/clients/${source}/decisions/export`,
    );

    const response = await fetch(
      new URL(`/api/v1/clients/${source}/decisions/export.zip`, server.baseUrl),
      { headers: { cookie: owner.cookie! } },
    );
    const entries = unzipSync(new Uint8Array(await response.arrayBuffer()));
    const files = Object.entries(entries).map(([path, bytes]) => ({
      path,
      content: strFromU8(bytes),
    }));
    const first = await owner.post<DecisionImportReport>(
      `/api/v1/clients/${target}/decisions/import`,
      { files },
    );
    const again = await owner.get<{ files: { fileName: string; content: string }[] }>(
      `/api/v1/clients/${target}/decisions/export`,
    );

    expect(response.status).toBe(200);
    expect(response.headers.get('content-type')).toBe('application/zip');
    expect(response.headers.get('content-disposition')).toContain('decisions.zip');
    expect(files.map((f) => f.path)).toEqual(listed.body.files.map((f) => f.fileName));
    expect(files.map((f) => f.content)).toEqual(listed.body.files.map((f) => f.content));
    expect(first.body.counts).toMatchObject({ imported: 7, failed: 0 });
    expect(again.body.files).toEqual(listed.body.files);
  });

  it('refuses an empty file list, naming the field', async () => {
    const response = await owner.post(url('/decisions/import'), { files: [] });

    expect(response.status).toBe(400);
    expect(errorOf(response.body).details[0]!.path).toBe('body.files');
  });
});

describe('decisions needed', () => {
  it('lets the founder answer with one of the options, once', async () => {
    const asked = await owner.post<DecisionNeeded>(url('/decisions-needed'), {
      question: 'Launch in May or June?',
      options: ['May, with fewer features', 'June, with invoicing'],
      recommendation: 'June, with invoicing',
      reason: 'Invoicing is what the first three customers asked for.',
      dueDate: '2030-04-20',
    });

    const wrong = await founder.post(url(`/decisions-needed/${asked.body.id}/answer`), {
      choice: 'July',
    });
    const answered = await founder.post<DecisionNeeded>(
      url(`/decisions-needed/${asked.body.id}/answer`),
      { choice: 'June, with invoicing', note: 'Agreed.' },
    );
    const twice = await founder.post(url(`/decisions-needed/${asked.body.id}/answer`), {
      choice: 'May, with fewer features',
    });
    const founderEdit = await founder.patch(url(`/decisions-needed/${asked.body.id}`), {
      dueDate: '2030-05-01',
    });

    expect(asked.status).toBe(201);
    expect(wrong.status).toBe(400);
    expect(errorOf(wrong.body).details[0]!.path).toBe('body.choice');
    expect(answered.body).toMatchObject({
      state: 'answered',
      answer: 'June, with invoicing',
      answerNote: 'Agreed.',
    });
    expect(twice.status).toBe(409);
    expect(founderEdit.status).toBe(403);
  });

  it('refuses to edit an answered question (409), also when the answer lands between the read and the write', async () => {
    const ask = (question: string) =>
      owner.post<DecisionNeeded>(url('/decisions-needed'), {
        question,
        options: ['Stripe', 'Paddle'],
        dueDate: '2030-04-20',
      });
    const answered = await ask('Which payment provider?');
    await founder.post(url(`/decisions-needed/${answered.body.id}/answer`), { choice: 'Stripe' });
    const raced = await ask('Which payment provider for Europe?');
    const [ownerRow] = await server.ctx.db.select().from(users).where(eq(users.role, 'owner'));
    // The founder's answer lands after editQuestion has read the row, just before its UPDATE.
    const db = server.ctx.db;
    const answerFirst = new Proxy(db, {
      get(target, prop, receiver): unknown {
        if (prop !== 'update') return Reflect.get(target, prop, receiver) as unknown;
        return (table: typeof decisionsNeeded) => ({
          set: (values: Partial<typeof decisionsNeeded.$inferInsert>) => ({
            where: (condition: SQL) => ({
              returning: async () => {
                await target
                  .update(decisionsNeeded)
                  .set({ state: 'answered', answer: 'Paddle', answeredAt: new Date() })
                  .where(eq(decisionsNeeded.id, raced.body.id));
                return target.update(table).set(values).where(condition).returning();
              },
            }),
          }),
        });
      },
    });

    const edited = await owner.patch(url(`/decisions-needed/${answered.body.id}`), {
      options: ['Stripe', 'Adyen'],
    });
    const racedEdit = editQuestion({
      ctx: { ...server.ctx, db: answerFirst },
      actor: { userId: ownerRow!.id, role: 'owner' } as Principal,
      clientId,
      id: raced.body.id,
      patch: { options: ['Adyen', 'Mollie'] },
    });

    expect(edited.status).toBe(409);
    await expect(racedEdit).rejects.toMatchObject({
      status: 409,
      message: 'this question was answered meanwhile; ask a new one instead',
    });
    const after = await owner.get<DecisionNeeded>(url(`/decisions-needed/${raced.body.id}`));
    expect(after.body).toMatchObject({ state: 'answered', answer: 'Paddle' });
    expect(after.body.options).toEqual(['Stripe', 'Paddle']);
  });

  it('refuses a recommendation that is not an option, duplicate options and one option', async () => {
    const notAnOption = await owner.post(url('/decisions-needed'), {
      question: 'Q',
      options: ['A', 'B'],
      recommendation: 'C',
      dueDate: '2030-01-01',
    });
    const duplicate = await owner.post(url('/decisions-needed'), {
      question: 'Q',
      options: ['A', 'A'],
      dueDate: '2030-01-01',
    });
    const single = await owner.post(url('/decisions-needed'), {
      question: 'Q',
      options: ['A'],
      dueDate: '2030-01-01',
    });
    const list = await owner.get<{ questions: DecisionNeeded[] }>(url('/decisions-needed'));

    expect(errorOf(notAnOption.body).details[0]!.path).toBe('body.recommendation');
    expect(errorOf(duplicate.body).details[0]!.path).toBe('body.options');
    expect(errorOf(single.body).details[0]!.path).toBe('body.options');
    expect(list.body.questions.filter((q) => q.question === 'Q')).toHaveLength(0);
  });

  it('withdraws an open question', async () => {
    const asked = await owner.post<DecisionNeeded>(url('/decisions-needed'), {
      question: 'Hire a designer?',
      options: ['Yes', 'No'],
      dueDate: '2030-01-01',
    });

    const withdrawn = await owner.patch<DecisionNeeded>(url(`/decisions-needed/${asked.body.id}`), {
      state: 'withdrawn',
    });
    const answer = await founder.post(url(`/decisions-needed/${asked.body.id}/answer`), {
      choice: 'Yes',
    });

    expect(withdrawn.body.state).toBe('withdrawn');
    expect(answer.status).toBe(409);
  });
});
