/**
 * The portfolio home: items from every source, most urgent first, only for clients the viewer
 * may see, practice-wide items for the owner only, a failing source named; each client's status.
 */
import { beforeAll, describe, expect, it } from 'vitest';
import type { Principal } from '../../src/server/auth/principal.ts';
import type { AttentionSource } from '../../src/server/portfolio/attention.ts';
import { addDays, todayUtc } from '../../src/shared/dates.ts';
import {
  engagements,
  milestones,
  monitors,
  risks,
  timeEntries,
} from '../../src/server/db/schema.ts';
import { recordOutcome } from '../../src/server/monitoring/record.ts';
import { buildPortfolio } from '../../src/server/portfolio/portfolio.service.ts';
import type { Portfolio } from '../../src/shared/portfolio.ts';
import { createClientRow, signedInAs } from './factories.ts';
import { startTestServer, type TestServer } from './harness.ts';

const principal = (role: Principal['role'], scope: Principal['clientScope']): Principal => ({
  userId: crypto.randomUUID(),
  role,
  email: 'p@x.test',
  name: 'P',
  via: 'session',
  clientScope: scope,
  canWrite: role !== 'founder',
});

describe('portfolio home', () => {
  let server: TestServer;
  let a: string;
  let b: string;
  let sources: AttentionSource[];
  beforeAll(async () => {
    server = await startTestServer();
    a = (await createClientRow(server.ctx.db, { name: 'Alpha' })).id;
    b = (await createClientRow(server.ctx.db, { name: 'Beta' })).id;
    sources = [
      {
        id: 'milestones',
        items: async (_ctx, ids) =>
          [
            {
              clientId: a,
              kind: 'milestone-due',
              text: 'Checkout is due in two days.',
              href: '/m1',
              urgency: 70,
              due: '2026-03-06',
              dateLabel: 'due' as const,
            },
            {
              clientId: b,
              kind: 'milestone-overdue',
              text: 'Onboarding is late.',
              href: '/m2',
              urgency: 90,
              due: '2026-03-01',
              dateLabel: 'due' as const,
            },
            {
              clientId: a,
              kind: 'milestone-overdue',
              text: 'Search is late.',
              href: '/m3',
              urgency: 90,
              due: '2026-02-20',
              dateLabel: 'due' as const,
            },
          ].filter((i) => ids.includes(i.clientId)),
      },
      {
        id: 'leads',
        items: async () => [
          {
            clientId: null,
            kind: 'lead-waiting',
            text: 'A new lead is waiting.',
            href: '/leads',
            urgency: 50,
          },
        ],
      },
      {
        // A careless source that ignores the ids it is given must still not leak.
        id: 'careless',
        items: async () => [
          { clientId: b, kind: 'incident-open', text: 'Beta is down.', href: '/i', urgency: 100 },
        ],
      },
      {
        id: 'broken',
        items: async () => {
          throw new Error('boom');
        },
      },
    ];
  });

  it('puts what needs attention today first for the owner', async () => {
    const portfolio = await buildPortfolio(server.ctx, principal('owner', 'all'), sources);

    expect(portfolio.attention.map((i) => i.text)).toEqual([
      'Beta is down.',
      'Search is late.',
      'Onboarding is late.',
      'Checkout is due in two days.',
      'A new lead is waiting.',
    ]);
    expect(portfolio.attention[0]!.clientName).toBe('Beta');
    expect(portfolio.problems).toEqual(['The broken list could not be read; it is left out.']);
    expect(portfolio.status[a]).toEqual({
      status: 'green',
      headline: 'On track, with no problems this week.',
    });
  });

  it('shows a founder only their own company, and no practice-wide items', async () => {
    const portfolio = await buildPortfolio(server.ctx, principal('founder', new Set([a])), sources);

    expect(portfolio.attention.map((i) => i.text)).toEqual([
      'Search is late.',
      'Checkout is due in two days.',
    ]);
    expect(Object.keys(portfolio.status)).toEqual([a]);
  });

  it('shows a change made through the API on the next load, though statuses are kept between loads', async () => {
    const owner = await signedInAs(server, { role: 'owner' });
    const before = await owner.api.get<Portfolio>('/api/v1/portfolio');

    await owner.api.post(`/api/v1/clients/${b}/risks`, {
      description: 'The payment provider may drop us',
      likelihood: 'high',
      impact: 'high',
      mitigation: 'We talk to a second provider',
    });
    const after = await owner.api.get<Portfolio>('/api/v1/portfolio');

    expect(before.body.status[b]?.status).toBe('green');
    expect(after.body.status[b]).toEqual({
      status: 'amber',
      headline: 'The payment provider may drop us.',
    });
  });

  it('answers over HTTP for each role', async () => {
    const founder = await signedInAs(server, { role: 'founder', clientIds: [b] });

    const response = await founder.api.get<Portfolio>('/api/v1/portfolio');

    expect(response.status).toBe(200);
    expect(Object.keys(response.body.status)).toEqual([b]);
  });

  it('shows an incident opened and closed outside the API (a worker) on the next load', async () => {
    const c = (await createClientRow(server.ctx.db, { name: 'Gamma' })).id;
    const [monitor] = await server.ctx.db
      .insert(monitors)
      .values({
        clientId: c,
        name: 'Shop',
        kind: 'http',
        target: { url: 'https://shop.example.test' },
        intervalSeconds: 60,
        timeoutSeconds: 10,
        retries: 0,
        recoveries: 0,
      })
      .returning();
    const owner = principal('owner', 'all');
    const outcome = (status: 'up' | 'down') => ({
      status,
      message: status === 'up' ? 'HTTP 200' : 'HTTP 503',
      timings: { totalMs: 12 },
    });
    const before = await buildPortfolio(server.ctx, owner, []);

    // The recording path a `keel worker` takes: no API request, no cache invalidation.
    await recordOutcome(server.ctx, monitor!.id, outcome('down'), { confirmImmediately: true });
    const down = await buildPortfolio(server.ctx, owner, []);
    await recordOutcome(server.ctx, monitor!.id, outcome('up'), { confirmImmediately: true });
    const recovered = await buildPortfolio(server.ctx, owner, []);

    expect(before.status[c]?.status).toBe('green');
    expect(down.status[c]?.status).toBe('red');
    expect(down.status[c]?.headline).toBe('Your service was up 0% of the time this week.');
    // Rebuilt because the incident closed (check results alone do not count as a change).
    expect(recovered.status[c]?.headline).toBe('Your service was up 50% of the time this week.');
  });

  it('lists the clients red first, then amber, then green, then by name', async () => {
    const db = server.ctx.db;
    const today = todayUtc();
    const named = async (name: string) => (await createClientRow(db, { name })).id;
    const [green, red, amber, alsoGreen] = [
      await named('Bravo green'),
      await named('Yankee red'),
      await named('Mike amber'),
      await named('Alpha green'),
    ];
    // A milestone more than a week late makes the week red; a likely, costly risk amber.
    await db.insert(milestones).values({
      clientId: red,
      title: 'Checkout',
      dueDate: addDays(today, -12),
      plannedDate: addDays(today, -12),
    });
    await db.insert(risks).values({
      clientId: amber,
      description: 'The only developer may leave',
      likelihood: 'high',
      impact: 'high',
    });

    const portfolio = await buildPortfolio(
      server.ctx,
      principal('member', new Set([green, red, amber, alsoGreen])),
    );

    expect(portfolio.clients.map((c) => c.name)).toEqual([
      'Yankee red',
      'Mike amber',
      'Alpha green',
      'Bravo green',
    ]);
    expect(portfolio.clients.map((c) => portfolio.status[c.id]?.status)).toEqual([
      'red',
      'amber',
      'green',
      'green',
    ]);
  });

  it("shows each client's retainer usage this month, and keeps the 80 % attention item", async () => {
    const db = server.ctx.db;
    const today = todayUtc();
    const named = async (name: string) => (await createClientRow(db, { name })).id;
    const [light, busy, sprint] = [
      await named('Light retainer'),
      await named('Busy retainer'),
      await named('Sprint only'),
    ];
    const engagement = async (clientId: string, kind: 'retainer' | 'mvp-sprint') => {
      const [row] = await db
        .insert(engagements)
        .values({
          clientId,
          kind,
          title: kind === 'retainer' ? 'Monthly retainer' : 'MVP sprint',
          status: 'active',
          startDate: addDays(today, -60),
          currency: 'EUR',
          ...(kind === 'retainer'
            ? { monthlyFee: 1500, hoursPerMonth: 20 }
            : { priceMin: 2000, priceMax: 4000 }),
        })
        .returning();
      return row!.id;
    };
    const log = async (clientId: string, engagementId: string, hours: number) =>
      db.insert(timeEntries).values({ clientId, engagementId, date: today, minutes: hours * 60 });
    await log(light, await engagement(light, 'retainer'), 5);
    await log(busy, await engagement(busy, 'retainer'), 16);
    await log(sprint, await engagement(sprint, 'mvp-sprint'), 8);

    const viewer = principal('member', new Set([light, busy, sprint]));
    const busyRetainer = (await db.select().from(engagements)).find((e) => e.clientId === busy)!.id;

    const portfolio = await buildPortfolio(server.ctx, viewer);
    // Usage is read on every load (not kept with the statuses): new hours show at once.
    await log(busy, busyRetainer, 4);
    const later = await buildPortfolio(server.ctx, viewer);

    const usage = (id: string) =>
      portfolio.clients
        .find((c) => c.id === id)!
        .retainers.map((u) => [u.title, u.usedHours, u.budgetHours, u.percent, u.level]);
    expect(usage(light)).toEqual([['Monthly retainer', 5, 20, 25, 'ok']]);
    expect(usage(busy)).toEqual([['Monthly retainer', 16, 20, 80, 'warning']]);
    expect(usage(sprint)).toEqual([]);
    expect(later.clients.find((c) => c.id === busy)!.retainers[0]).toMatchObject({
      usedHours: 20,
      percent: 100,
      level: 'over',
    });
    expect(portfolio.attention.filter((i) => i.kind.startsWith('retainer-'))).toEqual([
      expect.objectContaining({
        clientId: busy,
        kind: 'retainer-near-budget',
        text: '16 of 20 retainer hours used this month (80 %).',
      }),
    ]);
  });
});
