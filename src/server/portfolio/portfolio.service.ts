/**
 * @module The portfolio home: every attention source's items for the clients a viewer may see,
 * sorted so that what needs attention today comes first (urgency, then the earliest due date,
 * then client name), and each client's status this week from its weekly report.
 */
import { and, inArray, isNull } from 'drizzle-orm';
import type { Portfolio } from '../../shared/portfolio.ts';
import type { Principal } from '../auth/principal.ts';
import type { AppContext } from '../context.ts';
import { clients, reportSchedules } from '../db/schema.ts';
import { buildWeeklyReport } from '../reports/weekly-report.ts';
import type { AttentionSource } from './attention.ts';
import { attentionSources } from './attention-sources.ts';

/** Runs `work` over `items`, `limit` at a time. */
async function mapLimited<T, R>(
  items: T[],
  limit: number,
  work: (item: T) => Promise<R>,
): Promise<R[]> {
  const results: R[] = new Array<R>(items.length);
  let next = 0;
  const lanes = Array.from({ length: Math.min(limit, items.length) }, async () => {
    while (next < items.length) {
      const index = next++;
      results[index] = await work(items[index]!);
    }
  });
  await Promise.all(lanes);
  return results;
}

export async function buildPortfolio(
  ctx: AppContext,
  principal: Principal,
  sources: AttentionSource[] = attentionSources,
): Promise<Portfolio> {
  const scope = principal.clientScope;
  const visible = await ctx.db
    .select({ id: clients.id, name: clients.name })
    .from(clients)
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

  const gathered = await Promise.all(
    sources.map(async (source) => {
      try {
        return await source.items(ctx, ids);
      } catch (error) {
        ctx.logger.error({ err: error, source: source.id }, 'attention source failed');
        problems.push(`The ${source.id} list could not be read; it is left out.`);
        return [];
      }
    }),
  );
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

  const zones = ids.length
    ? await ctx.db
        .select({ clientId: reportSchedules.clientId, timeZone: reportSchedules.timeZone })
        .from(reportSchedules)
        .where(inArray(reportSchedules.clientId, ids))
    : [];
  const zoneOf = new Map(zones.map((z) => [z.clientId, z.timeZone]));
  const reports = await mapLimited(ids, 4, (clientId) =>
    buildWeeklyReport(ctx, { clientId, timeZone: zoneOf.get(clientId) ?? 'UTC' }).catch(() => null),
  );
  const status: Portfolio['status'] = {};
  for (const report of reports) {
    if (report) status[report.client.id] = { status: report.status, headline: report.headline };
  }
  return { attention, status, problems };
}
