/** KPIs, readings and features over real HTTP: idempotent readings, unknown KPIs, scoring. */
import { beforeAll, describe, expect, it } from 'vitest';
import type { ErrorBody } from '../../src/shared/errors.ts';
import type { Feature, Kpi, KpiDetail, Reading } from '../../src/shared/kpis.ts';
import { startTestServer, type ApiClient, type TestServer } from './harness.ts';
import { createClientRow, signedInAs } from './factories.ts';

let server: TestServer;
let owner: ApiClient;
let founder: ApiClient;
let clientId: string;
const url = (path = '') => `/api/v1/clients/${clientId}${path}`;
const errorOf = (body: unknown) => (body as ErrorBody).error;

beforeAll(async () => {
  server = await startTestServer();
  clientId = (await createClientRow(server.ctx.db, { name: 'Acme' })).id;
  owner = (await signedInAs(server, { role: 'owner' })).api;
  founder = (await signedInAs(server, { role: 'founder', clientIds: [clientId] })).api;
});

const newKpi = async (overrides: Record<string, unknown> = {}) =>
  (
    await owner.post<Kpi>(url('/kpis'), {
      name: `Weekly active users ${crypto.randomUUID().slice(0, 6)}`,
      unit: 'users',
      direction: 'higher',
      target: 1000,
      cadence: 'weekly',
      ...overrides,
    })
  ).body;

describe('KPIs and readings', () => {
  it('files a reading under its period, and a second reading for the same week updates it', async () => {
    const kpi = await newKpi();

    const first = await owner.post<{ reading: Reading; created: boolean }>(
      url(`/kpis/${kpi.id}/readings`),
      { value: 800, date: '2026-11-24', note: 'after launch' },
    );
    const again = await owner.post<{ reading: Reading; created: boolean }>(
      url(`/kpis/${kpi.id}/readings`),
      { value: 850, date: '2026-11-27' },
    );
    await owner.post(url(`/kpis/${kpi.id}/readings`), { value: 700, date: '2026-11-16' });
    const detail = await founder.get<KpiDetail>(url(`/kpis/${kpi.id}`));

    expect(first.body).toMatchObject({
      created: true,
      reading: { periodStart: '2026-11-23', source: 'ui' },
    });
    expect(again.body).toMatchObject({
      created: false,
      reading: { id: first.body.reading.id, value: 850 },
    });
    expect(detail.body.readings.map((r) => [r.periodStart, r.value])).toEqual([
      ['2026-11-23', 850],
      ['2026-11-16', 700],
    ]);
    expect(detail.body).toMatchObject({ state: 'off-target', improving: true });
    expect(detail.body.readings[0]!.period).toBe('week of 23 Nov 2026');
  });

  it('lists every KPI with its readings in one request when asked, as each KPI alone gives them', async () => {
    const kpi = await newKpi();
    await owner.post(url(`/kpis/${kpi.id}/readings`), { value: 10, date: '2026-11-02' });
    await owner.post(url(`/kpis/${kpi.id}/readings`), { value: 20, date: '2026-11-09' });

    const plain = await founder.get<{ kpis: KpiDetail[] }>(url('/kpis'));
    const full = await founder.get<{ kpis: KpiDetail[] }>(url('/kpis?readings=true'));
    const alone = await founder.get<KpiDetail>(url(`/kpis/${kpi.id}`));
    const bad = await founder.get(url('/kpis?readings=yes'));

    expect(plain.body.kpis.every((k) => !('readings' in k))).toBe(true);
    expect(full.body.kpis.find((k) => k.id === kpi.id)).toEqual(alone.body);
    expect(full.body.kpis).toHaveLength(plain.body.kpis.length);
    expect(bad.status).toBe(400);
    expect(errorOf(bad.body).details[0]!.path).toBe('query.readings');
  });

  it('names an unknown KPI: 400 with the name for scripts, 404 by id', async () => {
    await newKpi({ name: 'Churn', direction: 'lower', target: 3, unit: '%', cadence: 'monthly' });

    const byName = await owner.post(url('/kpi-readings'), {
      kpi: 'Chrun',
      value: 2,
      date: '2026-11-01',
    });
    const byId = await owner.post(url(`/kpis/${crypto.randomUUID()}/readings`), {
      value: 2,
      date: '2026-11-01',
    });
    const known = await owner.post<{ reading: Reading }>(url('/kpi-readings'), {
      kpi: 'churn',
      value: 2.5,
      date: '2026-11-18',
      source: 'stripe-export',
    });

    expect(byName.status).toBe(400);
    expect(errorOf(byName.body).details[0]!.path).toBe('body.kpi');
    expect(errorOf(byName.body).message).toContain('"Chrun"');
    expect(errorOf(byName.body).message).toContain('"Churn"');
    expect(byId.status).toBe(404);
    expect(known.body.reading).toMatchObject({
      periodStart: '2026-11-01',
      source: 'stripe-export',
    });
  });

  it('refuses bad input naming the field, and a duplicate name', async () => {
    const kpi = await newKpi({ name: 'Signups' });
    await owner.post(url(`/kpis/${kpi.id}/readings`), { value: 1, date: '2026-11-24' });

    const duplicate = await owner.post(url('/kpis'), {
      name: 'signups',
      direction: 'higher',
      target: 1,
      cadence: 'daily',
    });
    const direction = await owner.post(url('/kpis'), {
      name: 'X',
      direction: 'up',
      target: 1,
      cadence: 'daily',
    });
    const badDate = await owner.post(url(`/kpis/${kpi.id}/readings`), {
      value: 1,
      date: '2026-02-30',
    });
    const badValue = await owner.post(url(`/kpis/${kpi.id}/readings`), {
      value: 'lots',
      date: '2026-11-24',
    });
    const cadence = await owner.patch(url(`/kpis/${kpi.id}`), { cadence: 'daily' });
    const founderWrite = await founder.post(url(`/kpis/${kpi.id}/readings`), {
      value: 1,
      date: '2026-11-24',
    });

    expect(duplicate.status).toBe(409);
    expect(errorOf(duplicate.body).details[0]!.path).toBe('body.name');
    expect(errorOf(direction.body).details[0]!.path).toBe('body.direction');
    expect(errorOf(badDate.body).details[0]!.path).toBe('body.date');
    expect(errorOf(badValue.body).details[0]!.path).toBe('body.value');
    expect(errorOf(cadence.body).details[0]!.path).toBe('body.cadence');
    expect(founderWrite.status).toBe(403);
  });

  it('deletes a reading and a KPI', async () => {
    const kpi = await newKpi();
    const saved = await owner.post<{ reading: Reading }>(url(`/kpis/${kpi.id}/readings`), {
      value: 1,
      date: '2026-11-24',
    });

    const reading = await owner.delete(url(`/kpis/${kpi.id}/readings/${saved.body.reading.id}`));
    const removed = await owner.delete(url(`/kpis/${kpi.id}`));

    expect([reading.status, removed.status]).toEqual([204, 204]);
    expect((await owner.get(url(`/kpis/${kpi.id}`))).status).toBe(404);
  });
});

describe('features', () => {
  it('scores a feature against its KPI and rescores on change', async () => {
    const kpi = await newKpi();

    const created = await owner.post<Feature>(url('/features'), {
      title: 'Invite a teammate',
      kpiId: kpi.id,
      expectedEffect: 20,
      confidence: 'high',
      effortDays: 3,
      risk: 'low',
    });
    const changed = await owner.patch<Feature>(url(`/features/${created.body.id}`), {
      effortDays: 30,
      risk: 'high',
      newDependencies: 4,
    });
    const list = await founder.get<{ features: Feature[] }>(url('/features'));

    expect(created.status).toBe(201);
    expect(created.body.score.recommendation).toBe('build-now');
    expect(created.body.score.reason).toContain(kpi.name);
    expect(changed.body.score).toMatchObject({ recommendation: 'later', cost: 7, ratio: 0.38 });
    expect(changed.body.score.reason).toContain('30 days of work');
    expect(list.body.features.map((f) => f.id)).toContain(created.body.id);
  });

  it("writes a running cost in the client's engagement currency: the active one's, else EUR", async () => {
    const other = (await createClientRow(server.ctx.db, { name: 'Dollar shop' })).id;
    const at = (path: string) => `/api/v1/clients/${other}${path}`;
    const { body: kpi } = await owner.post<Kpi>(at('/kpis'), {
      name: 'Signups',
      unit: 'signups',
      direction: 'higher',
      target: 100,
      cadence: 'weekly',
    });
    // Under 3 %, one day, nothing new: the running cost is the only cost to name.
    const { body: feature } = await owner.post<Feature>(at('/features'), {
      title: 'Live chat',
      kpiId: kpi.id,
      expectedEffect: 2,
      confidence: 'high',
      effortDays: 1,
      risk: 'low',
      runningCostPerMonth: 300,
    });
    const retainer = (currency: string, startDate: string) =>
      owner.post<{ id: string }>(at('/engagements'), {
        kind: 'retainer',
        title: `Retainer ${currency}`,
        startDate,
        currency,
        monthlyFee: 1500,
        hoursPerMonth: 20,
      });
    await retainer('GBP', '2026-01-01');
    const { body: usd } = await retainer('usd', '2025-06-01');
    await owner.post(at(`/engagements/${usd.id}/status`), { status: 'active' });

    const list = await owner.get<{ features: Feature[] }>(at('/features'));

    expect(feature.score.reason).toBe(
      'Push back: a gain under 3% on Signups is too small to be worth €300 a month to run.',
    );
    expect(list.body.features[0]!.score.reason).toBe(
      'Push back: a gain under 3% on Signups is too small to be worth $300 a month to run.',
    );
  });

  it('refuses a KPI of another client and negative effort', async () => {
    const unknown = await owner.post(url('/features'), {
      title: 'X',
      kpiId: crypto.randomUUID(),
      confidence: 'low',
      effortDays: 1,
      risk: 'low',
    });
    const negative = await owner.post(url('/features'), {
      title: 'X',
      confidence: 'low',
      effortDays: -1,
      risk: 'low',
    });

    expect(errorOf(unknown.body).details[0]!.path).toBe('body.kpiId');
    expect(errorOf(negative.body).details[0]!.path).toBe('body.effortDays');
  });
});
