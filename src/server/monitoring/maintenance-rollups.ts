/**
 * @module Checks run during maintenance, counted from the rollups, for whoever leaves them out
 * (SLOs in slo-maintenance.ts, the status page's daily bars in status-page-days.ts): the time
 * each monitor spent in a maintenance window covering it (`maintenanceRanges`), and one query
 * summing the rollup rows inside that time (`countInsideMaintenance`): hour rows wholly inside an
 * occurrence, plus the minute rows inside one in the hours it covers only in part. Retention
 * (rollups.ts) bounds it: minute rows are kept 7 h, so an older part hour stays in (rounds to
 * whole hours); hour rows are kept 35 days, so older maintenance cannot be taken out at all.
 */
import type { AppContext } from '../context.ts';
import type { Counts } from '../../shared/slo.ts';
import { maintenanceSchedule, type MaintenanceSchedule } from '../../shared/status-pages.ts';
import { occurrencesBetween, type Occurrence } from './maintenance.ts';
import { windowsFor } from './maintenance.service.ts';
import { ROLLUP_RETENTION_HOURS } from './rollups.ts';

const HOUR = 3_600_000;
/** A long window of frequent cron occurrences is capped; 90 days of hourly ones fit. */
const MAX_OCCURRENCES = 5000;
/** Occurrences remembered between calls, all schedules together (~15 MB; see `occurrencesIn`). */
const MEMO_OCCURRENCES = 100_000;

/**
 * A row of `monitor_rollups r` joined to its occurrence `m` counts when it is an hour row, or a
 * minute row whose hour was not taken out whole (else that hour would count twice).
 */
export const COUNTED = `(r.grain = 'hour' or not (date_trunc('hour', r.start) >= m.s and date_trunc('hour', r.start) + interval '1 hour' <= m.e))`;

const memo = new Map<string, { since: number; until: number; list: Occurrence[] }>();
let memoSize = 0;
/** How far past `to` a walk goes, so the calls of the next day walk nothing. */
const AHEAD_MS = 86_400_000;
/** How far back a list is kept for callers asking further back (an SLO's 90 days and its hour). */
const BEHIND_MS = 91 * 86_400_000;

/**
 * A schedule's occurrences overlapping [from, to), oldest first, at most MAX_OCCURRENCES.
 * cron-parser takes milliseconds a step (35 days of an hourly cron: seconds), and occurrences
 * never change, so each schedule's list is kept, walked a day ahead: a later call walks nothing
 * until that day is used up. Keyed by the schedule itself: an edited window starts afresh.
 */
function occurrencesIn(schedule: MaintenanceSchedule, from: Date, to: Date): Occurrence[] {
  const key = JSON.stringify(schedule);
  let entry = memo.get(key);
  if (entry) {
    memo.delete(key);
    memoSize -= entry.list.length;
  }
  const until = to.getTime() + AHEAD_MS;
  if (!entry || from.getTime() < entry.since)
    entry = {
      since: from.getTime(),
      until,
      list: occurrencesBetween(schedule, from, new Date(until), MAX_OCCURRENCES),
    };
  else if (to.getTime() > entry.until) {
    const known = entry.until;
    const later = occurrencesBetween(schedule, new Date(known), new Date(until), MAX_OCCURRENCES);
    entry.list.push(...later.filter((o) => o.start.getTime() >= known));
    entry.until = until;
  }
  // Kept from the earliest `from` asked within BEHIND_MS, so an SLO over 90 days and a status
  // page over 35 sharing a window do not walk it afresh in turn.
  entry.since = Math.min(from.getTime(), Math.max(entry.since, to.getTime() - BEHIND_MS));
  entry.list = entry.list.filter((o) => o.end.getTime() > entry.since);
  const list = entry.list.filter((o) => o.end > from && o.start < to).slice(0, MAX_OCCURRENCES);
  // A capped list may stop short of `until`: not kept. The least recently used go first.
  if (entry.list.length < MAX_OCCURRENCES) {
    memo.set(key, entry);
    memoSize += entry.list.length;
  }
  for (const [oldest, { list: dropped }] of memo) {
    if (memoSize <= MEMO_OCCURRENCES) break;
    memo.delete(oldest);
    memoSize -= dropped.length;
  }
  return list;
}

/**
 * Each monitor's time in [from, to) inside one of `windows` (rows of `maintenance_windows`; an
 * empty `monitorIds` covers every monitor), overlapping occurrences merged. No query.
 */
export function rangesOf(
  windows: { schedule: unknown; monitorIds: string[] }[],
  monitorIds: string[],
  from: Date,
  to: Date,
): Map<string, Occurrence[]> {
  const byMonitor = new Map<string, Occurrence[]>();
  for (const window of windows) {
    const schedule = maintenanceSchedule.safeParse(window.schedule);
    if (!schedule.success) continue;
    const covered =
      window.monitorIds.length === 0
        ? monitorIds
        : monitorIds.filter((id) => window.monitorIds.includes(id));
    if (covered.length === 0) continue;
    const occurrences = occurrencesIn(schedule.data, from, to).map((o) => ({
      start: new Date(Math.max(o.start.getTime(), from.getTime())),
      end: new Date(Math.min(o.end.getTime(), to.getTime())),
    }));
    for (const id of covered) byMonitor.set(id, [...(byMonitor.get(id) ?? []), ...occurrences]);
  }
  for (const [id, list] of byMonitor) {
    const merged: Occurrence[] = [];
    for (const o of list.sort((a, b) => a.start.getTime() - b.start.getTime())) {
      const last = merged.at(-1);
      if (last && o.start <= last.end) last.end = new Date(Math.max(+last.end, +o.end));
      else merged.push({ ...o });
    }
    byMonitor.set(id, merged);
  }
  return byMonitor;
}

/** Each monitor's maintenance time in [from, to), from its client's windows (one query). */
export async function maintenanceRanges(
  ctx: Pick<AppContext, 'db'>,
  scope: { clientId: string; monitorIds: string[] },
  from: Date,
  to: Date,
): Promise<Map<string, Occurrence[]>> {
  return rangesOf(await windowsFor(ctx.db, scope.clientId), scope.monitorIds, from, to);
}

/**
 * One query over the rollup rows inside `ranges` (`r`, joined to its occurrence `m`), from
 * `from` on: `columns` is the select list (filter sums with `COUNTED`), `groupBy` optional;
 * `$1`–`$4` are taken, `params` follow from `$5`. Null, and no query, when no occurrence can hold
 * a kept row.
 */
export async function countInsideMaintenance<Row extends Record<string, unknown>>(
  ctx: Pick<AppContext, 'database'>,
  ranges: Map<string, Occurrence[]>,
  from: Date,
  select: { columns: string; groupBy?: string; params?: unknown[] },
): Promise<Row[] | null> {
  const ids: string[] = [];
  const starts: string[] = [];
  const ends: string[] = [];
  const minutesKept = Date.now() - ROLLUP_RETENTION_HOURS.minute * HOUR;
  for (const [id, list] of ranges)
    for (const o of list) {
      // Skip what cannot match a kept row (most short cron windows): no whole hour in it, and
      // too old for minute rows.
      const hasWholeHour = Math.ceil(+o.start / HOUR) * HOUR + HOUR <= +o.end;
      if (!hasWholeHour && +o.end <= minutesKept) continue;
      ids.push(id);
      starts.push(o.start.toISOString());
      ends.push(o.end.toISOString());
    }
  if (ids.length === 0) return null;
  // One index range scan per occurrence and grain (lateral): a plain join on the monitor hashed
  // every rollup row of the period against every occurrence, ~10× slower for a status page of 20.
  const { rows } = await ctx.database.query<Row>(
    `with m as (
       select * from unnest($1::uuid[], $2::timestamptz[], $3::timestamptz[]) as m(monitor_id, s, e))
     select ${select.columns}
       from m
       cross join lateral (
         select monitor_id, grain, start, checks, failures from monitor_rollups
          where monitor_id = m.monitor_id and grain = 'hour' and start >= $4::timestamptz
            and start >= m.s and start <= m.e - interval '1 hour'
         union all
         select monitor_id, grain, start, checks, failures from monitor_rollups
          where monitor_id = m.monitor_id and grain = 'minute' and start >= $4::timestamptz
            and start >= m.s and start < m.e) r
      ${select.groupBy ? `group by ${select.groupBy}` : ''}`,
    [ids, starts, ends, from.toISOString(), ...(select.params ?? [])],
  );
  return rows;
}

/** `counts` minus `excluded`, never below zero. */
export function without(counts: Counts, excluded: Counts | undefined): Counts {
  if (!excluded) return counts;
  return {
    checks: Math.max(0, counts.checks - excluded.checks),
    failures: Math.max(0, counts.failures - excluded.failures),
  };
}
