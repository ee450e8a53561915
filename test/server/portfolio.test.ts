/**
 * The portfolio home: items from every source, most urgent first, only for clients the viewer
 * may see, practice-wide items for the owner only, a failing source named; each client's status.
 */
import { beforeAll, describe, expect, it } from 'vitest';
import type { Principal } from '../../src/server/auth/principal.ts';
import type { AttentionSource } from '../../src/server/portfolio/attention.ts';
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
            },
            {
              clientId: b,
              kind: 'milestone-overdue',
              text: 'Onboarding is late.',
              href: '/m2',
              urgency: 90,
              due: '2026-03-01',
            },
            {
              clientId: a,
              kind: 'milestone-overdue',
              text: 'Search is late.',
              href: '/m3',
              urgency: 90,
              due: '2026-02-20',
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

  it('answers over HTTP for each role', async () => {
    const founder = await signedInAs(server, { role: 'founder', clientIds: [b] });

    const response = await founder.api.get<Portfolio>('/api/v1/portfolio');

    expect(response.status).toBe(200);
    expect(Object.keys(response.body.status)).toEqual([b]);
  });
});
