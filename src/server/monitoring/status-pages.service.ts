/**
 * @module Public status pages: one per client, off until turned on, at `/status/<slug>`. The
 * public view is built here from an allow-list: the page's title and description, each picked
 * monitor under its display name with a coarse status and 90 daily uptime bars (the day rollups
 * less the checks run during maintenance: status-page-days.ts), open incidents and incident
 * history under their public title and note, and the maintenance that covers those monitors. Nothing else of the client (its name, monitor names,
 * targets, causes, root causes) is read into it. A disabled page and an unknown slug give the
 * same 404.
 */
import { and, asc, desc, eq, gte, inArray, isNull, ne, or } from 'drizzle-orm';
import type { z } from 'zod';
import {
  maintenanceSchedule,
  type ComponentStatus,
  type PageIncident,
  type PublicStatus,
  type StatusPage,
  type publicIncidentPatch,
  type statusPageInput,
} from '../../shared/status-pages.ts';
import type { AppContext } from '../context.ts';
import { incidents, monitors, statusPageComponents, statusPages } from '../db/schema.ts';
import { notFound } from '../http/app-error.ts';
import { FieldErrors } from '../http/field-errors.ts';
import { activeOccurrence, occurrencesBetween } from './maintenance.ts';
import { windowsFor } from './maintenance.service.ts';
import { dailyBars } from './status-page-days.ts';

const DAY = 86_400_000;
/** How far ahead upcoming maintenance is shown. */
const UPCOMING_DAYS = 14;

export async function getStatusPage(ctx: AppContext, clientId: string): Promise<StatusPage | null> {
  const [page] = await ctx.db.select().from(statusPages).where(eq(statusPages.clientId, clientId));
  if (!page) return null;
  const components = await ctx.db
    .select({
      monitorId: statusPageComponents.monitorId,
      displayName: statusPageComponents.displayName,
    })
    .from(statusPageComponents)
    .where(eq(statusPageComponents.clientId, clientId))
    .orderBy(asc(statusPageComponents.position));
  return {
    clientId,
    enabled: page.enabled,
    slug: page.slug,
    title: page.title,
    description: page.description,
    components,
    path: `/status/${page.slug}`,
  };
}

export async function saveStatusPage(options: {
  ctx: AppContext;
  clientId: string;
  input: z.output<typeof statusPageInput>;
}): Promise<StatusPage> {
  const { ctx, clientId, input } = options;
  await ctx.db.transaction(async (tx) => {
    const errors = new FieldErrors();
    const [taken] = await tx
      .select({ clientId: statusPages.clientId })
      .from(statusPages)
      .where(and(eq(statusPages.slug, input.slug), ne(statusPages.clientId, clientId)));
    if (taken) errors.add('body.slug', 'is taken by another status page; pick another');
    const ids = input.components.map((c) => c.monitorId);
    const owned = ids.length
      ? await tx
          .select({ id: monitors.id })
          .from(monitors)
          .where(and(eq(monitors.clientId, clientId), inArray(monitors.id, ids)))
      : [];
    const known = new Set(owned.map((m) => m.id));
    ids.forEach((id, i) => {
      if (!known.has(id))
        errors.add(`body.components.${i}.monitorId`, 'is not a monitor of this client');
      else if (ids.indexOf(id) !== i)
        errors.add(`body.components.${i}.monitorId`, 'is already on the page');
    });
    errors.throwIfAny();
    const values = {
      enabled: input.enabled,
      slug: input.slug,
      title: input.title,
      description: input.description,
      updatedAt: new Date(),
    };
    await tx
      .insert(statusPages)
      .values({ clientId, ...values })
      .onConflictDoUpdate({ target: statusPages.clientId, set: values });
    await tx.delete(statusPageComponents).where(eq(statusPageComponents.clientId, clientId));
    if (input.components.length > 0)
      await tx.insert(statusPageComponents).values(
        input.components.map((c, position) => ({
          clientId,
          monitorId: c.monitorId,
          displayName: c.displayName,
          position,
        })),
      );
  });
  return (await getStatusPage(ctx, clientId))!;
}

export async function updatePublicIncident(options: {
  ctx: AppContext;
  clientId: string;
  incidentId: string;
  patch: z.output<typeof publicIncidentPatch>;
}) {
  const { ctx, clientId, incidentId, patch } = options;
  const [row] = await ctx.db
    .update(incidents)
    .set({
      ...(patch.publicTitle !== undefined ? { publicTitle: patch.publicTitle } : {}),
      ...(patch.publicNote !== undefined ? { publicNote: patch.publicNote } : {}),
    })
    .where(and(eq(incidents.id, incidentId), eq(incidents.clientId, clientId)))
    .returning({
      id: incidents.id,
      publicTitle: incidents.publicTitle,
      publicNote: incidents.publicNote,
    });
  if (!row) throw notFound('incident');
  return row;
}

/** Incidents of the page's components over the 90 days the page shows, newest first. */
export async function pageIncidents(ctx: AppContext, clientId: string): Promise<PageIncident[]> {
  const rows = await ctx.db
    .select({ incident: incidents, component: statusPageComponents.displayName })
    .from(incidents)
    .innerJoin(
      statusPageComponents,
      and(
        eq(statusPageComponents.monitorId, incidents.monitorId),
        eq(statusPageComponents.clientId, clientId),
      ),
    )
    .where(
      and(
        eq(incidents.clientId, clientId),
        or(isNull(incidents.resolvedAt), gte(incidents.openedAt, new Date(Date.now() - 90 * DAY))),
      ),
    )
    .orderBy(desc(incidents.openedAt))
    .limit(100);
  return rows.map(({ incident, component }) => ({
    id: incident.id,
    component,
    openedAt: incident.openedAt.toISOString(),
    resolvedAt: incident.resolvedAt?.toISOString() ?? null,
    cause: incident.cause,
    publicTitle: incident.publicTitle,
    publicNote: incident.publicNote,
  }));
}

const coarse: Record<(typeof monitors.$inferSelect)['status'], ComponentStatus> = {
  up: 'operational',
  degraded: 'degraded',
  down: 'outage',
  pending: 'unknown',
  paused: 'unknown',
};

/** Builds of public pages in progress, per database and slug (sharedPublicStatus). */
const building = new WeakMap<object, Map<string, Promise<PublicStatus>>>();

/**
 * The public view for a visitor: visitors asking for a page while it is being built share that
 * build, so a page thousands open at once during an outage costs one build at a time, not one
 * each (on the embedded database every build queues for its one connection). An answer is at
 * most one build older than the request (tens of milliseconds: bench/monitoring/status-page.ts).
 */
export function sharedPublicStatus(ctx: AppContext, slug: string): Promise<PublicStatus> {
  const key = slug.toLowerCase();
  let builds = building.get(ctx.database);
  if (!builds) building.set(ctx.database, (builds = new Map<string, Promise<PublicStatus>>()));
  const inProgress = builds.get(key);
  if (inProgress) return inProgress;
  const build = publicStatus(ctx, key).finally(() => builds.delete(key));
  builds.set(key, build);
  return build;
}

/** The public view of an enabled page; 404 for a disabled page and an unknown slug alike. */
export async function publicStatus(
  ctx: AppContext,
  slug: string,
  now = new Date(),
): Promise<PublicStatus> {
  const [page] = await ctx.db
    .select()
    .from(statusPages)
    .where(and(eq(statusPages.slug, slug.toLowerCase()), eq(statusPages.enabled, true)));
  if (!page) throw notFound('status page');
  const parts = await ctx.db
    .select({
      monitorId: statusPageComponents.monitorId,
      name: statusPageComponents.displayName,
      status: monitors.status,
      enabled: monitors.enabled,
    })
    .from(statusPageComponents)
    .innerJoin(monitors, eq(monitors.id, statusPageComponents.monitorId))
    .where(eq(statusPageComponents.clientId, page.clientId))
    .orderBy(asc(statusPageComponents.position));
  const nameOf = new Map(parts.map((p) => [p.monitorId, p.name]));
  const ids = parts.map((p) => p.monitorId);

  // Maintenance covering any component: each window's occurrence in progress, or else its next
  // one within two weeks.
  const windows = (await windowsFor(ctx.db, page.clientId)).filter(
    (w) => w.monitorIds.length === 0 || w.monitorIds.some((id) => nameOf.has(id)),
  );
  const maintenance: PublicStatus['maintenance'] = [];
  const inMaintenance = new Set<string>();
  for (const w of windows) {
    const parsed = maintenanceSchedule.safeParse(w.schedule);
    if (!parsed.success) continue;
    const covered = w.monitorIds.length === 0 ? ids : w.monitorIds.filter((id) => nameOf.has(id));
    if (activeOccurrence(parsed.data, now)) covered.forEach((id) => inMaintenance.add(id));
    for (const o of occurrencesBetween(
      parsed.data,
      now,
      new Date(now.getTime() + UPCOMING_DAYS * DAY),
      1,
    ))
      maintenance.push({
        name: w.name,
        start: o.start.toISOString(),
        end: o.end.toISOString(),
        isActive: o.start <= now && o.end > now,
        components: covered.map((id) => nameOf.get(id)!),
      });
  }
  maintenance.sort((a, b) => a.start.localeCompare(b.start));

  const firstDay = Math.floor(now.getTime() / DAY) * DAY - 89 * DAY;
  const bars = await dailyBars({ ctx, monitorIds: ids, windows, now });
  const components = parts.map((p) => {
    const status: ComponentStatus = inMaintenance.has(p.monitorId)
      ? 'maintenance'
      : p.enabled
        ? coarse[p.status]
        : 'unknown';
    return {
      name: p.name,
      status,
      ...bars.get(p.monitorId)!,
    };
  });

  const rows = ids.length
    ? await ctx.db
        .select({
          monitorId: incidents.monitorId,
          openedAt: incidents.openedAt,
          resolvedAt: incidents.resolvedAt,
          publicTitle: incidents.publicTitle,
          publicNote: incidents.publicNote,
        })
        .from(incidents)
        .where(
          and(
            inArray(incidents.monitorId, ids),
            or(isNull(incidents.resolvedAt), gte(incidents.openedAt, new Date(firstDay))),
          ),
        )
        .orderBy(desc(incidents.openedAt))
        .limit(100)
    : [];
  const present = (r: (typeof rows)[number]) => {
    const name = nameOf.get(r.monitorId)!;
    return {
      title: r.publicTitle ?? `${name} unavailable`,
      note: r.publicNote,
      components: [name],
      openedAt: r.openedAt.toISOString(),
      resolvedAt: r.resolvedAt?.toISOString() ?? null,
    };
  };

  const statuses = new Set(components.map((c) => c.status));
  return {
    title: page.title,
    description: page.description,
    status: statuses.has('outage')
      ? 'outage'
      : statuses.has('degraded')
        ? 'degraded'
        : statuses.has('maintenance')
          ? 'maintenance'
          : components.length > 0 && statuses.size === 1 && statuses.has('unknown')
            ? 'unknown'
            : 'operational',
    components,
    openIncidents: rows.filter((r) => !r.resolvedAt).map(present),
    maintenance,
    history: rows.filter((r) => r.resolvedAt).map(present),
    generatedAt: now.toISOString(),
  };
}
