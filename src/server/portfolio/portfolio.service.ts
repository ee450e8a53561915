/**
 * @module The portfolio home: every attention source's items for the clients a viewer may see,
 * sorted so that what needs attention today comes first (urgency, then the earliest due date,
 * then client name), and each client's status this week from its weekly report, kept in the
 * status cache (status-cache.ts) between loads and checked against each client's change counter
 * (`client_changes`, bumped by database triggers), read in the same query as the client list.
 * The clients come red first, then amber, then green, each with its retainers' usage this month
 * (one grouped query for all clients, never cached: hours logged show on the next load).
 */
import { and, eq, inArray, isNull } from 'drizzle-orm';
import type { Portfolio } from '../../shared/portfolio.ts';
import type { Principal } from '../auth/principal.ts';
import type { Signal } from '../reports/contributor.ts';
import type { AppContext } from '../context.ts';
import { clientChanges, clients, reportSchedules } from '../db/schema.ts';
import { buildWeeklyReport } from '../reports/weekly-report.ts';
import { currentMonth, retainerUsage } from '../time/time.service.ts';
import type { AttentionSource } from './attention.ts';
import { attentionSources } from './attention-sources.ts';
import { statusCache } from './status-cache.ts';

export async function buildPortfolio(
  ctx: AppContext,
  principal: Principal,
  sources: AttentionSource[] = attentionSources,
): Promise<Portfolio> {
  const scope = principal.clientScope;
  const visible = await ctx.db
    .select({
      id: clients.id,
      name: clients.name,
      timeZone: reportSchedules.timeZone,
      version: clientChanges.version,
    })
    .from(clients)
    .leftJoin(reportSchedules, eq(reportSchedules.clientId, clients.id))
    .leftJoin(clientChanges, eq(clientChanges.clientId, clients.id))
    .where(
      and(
        isNull(clients.archivedAt),
        scope === 'all'
          ? undefined
          : inArray(clients.id, [...scope, '00000000-0000-0000-0000-000000000000']),
      ),
    );
  const ids = visible.map((c) => c.id);
  const names = new Map(visible.map((c) => [c.id, c.name]));
  const problems: string[] = [];

  const [gathered, usage] = await Promise.all([
    Promise.all(
      sources.map(async (source) => {
        try {
          return await source.items(ctx, ids);
        } catch (error) {
          ctx.logger.error({ err: error, source: source.id }, 'attention source failed');
          problems.push(`The ${source.id} list could not be read; it is left out.`);
          return [];
        }
      }),
    ),
    retainerUsage(ctx.db, ids, currentMonth()).catch((error: unknown) => {
      ctx.logger.error({ err: error }, 'retainer usage failed');
      problems.push('The retainer usage could not be read; it is left out.');
      return [];
    }),
  ]);
  const attention = gathered
    .flat()
    // A source may only speak of visible clients, and practice-wide items are the owner's.
    .filter((item) =>
      item.clientId ? names.has(item.clientId) : scope === 'all' && principal.role === 'owner',
    )
    .map((item) => ({ ...item, clientName: item.clientId ? names.get(item.clientId)! : null }))
    .sort(
      (a, b) =>
        b.urgency - a.urgency ||
        (a.due ?? '9999').localeCompare(b.due ?? '9999') ||
        (a.clientName ?? '').localeCompare(b.clientName ?? ''),
    );

  const byId = new Map(visible.map((c) => [c.id, c]));
  const statuses = await statusCache(ctx).statuses({
    clientIds: ids,
    timeZoneOf: (clientId) => byId.get(clientId)?.timeZone ?? 'UTC',
    versionOf: (clientId) => byId.get(clientId)?.version ?? 0,
    build: async (clientId, timeZone) => {
      const report = await buildWeeklyReport(ctx, { clientId, timeZone });
      return { status: report.status, headline: report.headline };
    },
  });
  const status: Portfolio['status'] = Object.fromEntries(statuses);

  const retainers = new Map<string, Portfolio['clients'][number]['retainers']>();
  for (const { clientId, ...u } of usage)
    retainers.set(clientId, [...(retainers.get(clientId) ?? []), u]);
  const clientList = visible
    .map((c) => ({ id: c.id, name: c.name, retainers: retainers.get(c.id) ?? [] }))
    .sort(
      (a, b) =>
        statusRank(status[a.id]?.status) - statusRank(status[b.id]?.status) ||
        a.name.localeCompare(b.name),
    );
  return { attention, status, clients: clientList, problems };
}

/** Red needs attention first; a client whose status could not be built comes last. */
function statusRank(signal: Signal | undefined): number {
  return signal === undefined ? 3 : { red: 0, amber: 1, green: 2 }[signal];
}
