/**
 * @module Maintenance window arithmetic: when a one-off, weekly or cron window occurs, in its
 * IANA time zone. Local times are turned into instants by luxon in the window's zone, so a
 * weekly "Sunday 01:30" stays 01:30 local across daylight-saving changes; the duration is
 * elapsed time (a 2-hour window is 2 real hours, even on the night the clocks change). A local
 * start that does not exist (skipped by a spring-forward) moves forward by the gap, as luxon does.
 */
import cronParser from 'cron-parser';
import { DateTime, IANAZone } from 'luxon';
import type { MaintenanceSchedule } from '../../shared/status-pages.ts';
import type { FieldErrors } from '../http/field-errors.ts';

export interface Occurrence {
  start: Date;
  end: Date;
}

const MINUTE = 60_000;

function onceBounds(s: Extract<MaintenanceSchedule, { type: 'once' }>): Occurrence {
  return {
    start: DateTime.fromISO(s.start, { zone: s.timezone }).toJSDate(),
    end: DateTime.fromISO(s.end, { zone: s.timezone }).toJSDate(),
  };
}

/** Occurrences overlapping [from, to), oldest first, at most `limit`. */
export function occurrencesBetween(
  schedule: MaintenanceSchedule,
  from: Date,
  to: Date,
  limit = 20,
): Occurrence[] {
  const found: Occurrence[] = [];
  const overlaps = (o: Occurrence) => o.end > from && o.start < to;
  if (schedule.type === 'once') {
    const o = onceBounds(schedule);
    return overlaps(o) ? [o] : [];
  }
  const durationMs = schedule.durationMinutes * MINUTE;
  if (schedule.type === 'weekly') {
    const [hour, minute] = schedule.startTime.split(':').map(Number) as [number, number];
    // Start a day early: a window that began yesterday (local) may still be running.
    let day = DateTime.fromMillis(from.getTime() - durationMs, { zone: schedule.timezone })
      .startOf('day')
      .minus({ days: 1 });
    while (found.length < limit && day.toMillis() < to.getTime()) {
      if (schedule.weekdays.includes(day.weekday)) {
        const start = day.set({ hour, minute }).toJSDate();
        const o = { start, end: new Date(start.getTime() + durationMs) };
        if (overlaps(o)) found.push(o);
      }
      day = day.plus({ days: 1 }).startOf('day');
    }
    return found;
  }
  // Cron: every start in (from - duration, from) is still running; keep the latest (it ends
  // last). Walking forward with next() is fast; cron-parser's prev() is ~10× slower per call.
  const parse = (after: Date) =>
    cronParser.parseExpression(schedule.cron, { tz: schedule.timezone, currentDate: after });
  let starts = parse(new Date(from.getTime() - durationMs));
  let start = starts.next().toDate();
  let running: Occurrence | null = null;
  for (let i = 0; start < from && i < 500; i++) {
    running = { start, end: new Date(start.getTime() + durationMs) };
    start = starts.next().toDate();
  }
  if (start < from) {
    // A frequent cron with a long window: skip the rest of the running ones.
    starts = parse(new Date(from.getTime() - 1));
    start = starts.next().toDate();
  }
  if (running) found.push(running);
  // Each next() costs milliseconds (cron-parser steps through the zone): none past the limit.
  while (found.length < limit && start < to) {
    found.push({ start, end: new Date(start.getTime() + durationMs) });
    if (found.length < limit) start = starts.next().toDate();
  }
  return found;
}

/** The occurrence in progress at `at`, if any (the one ending last). */
export function activeOccurrence(schedule: MaintenanceSchedule, at: Date): Occurrence | null {
  const list = occurrencesBetween(schedule, at, new Date(at.getTime() + 1), 50).filter(
    (o) => o.start <= at && o.end > at,
  );
  return list.sort((a, b) => b.end.getTime() - a.end.getTime())[0] ?? null;
}

/** The first occurrence starting after `at`, within `horizonDays`. */
export function nextOccurrence(
  schedule: MaintenanceSchedule,
  at: Date,
  horizonDays = 366,
): Occurrence | null {
  const to = new Date(at.getTime() + horizonDays * 86_400_000);
  if (schedule.type === 'cron') {
    const start = cronParser
      .parseExpression(schedule.cron, { tz: schedule.timezone, currentDate: at })
      .next()
      .toDate();
    return start < to
      ? { start, end: new Date(start.getTime() + schedule.durationMinutes * MINUTE) }
      : null;
  }
  // At most 7 weekly occurrences can still be running at `at`; the 8th found starts after it.
  return occurrencesBetween(schedule, at, to, 8).find((o) => o.start > at) ?? null;
}

/** Adds a problem for each field of the schedule that is wrong (`prefix` is e.g. body.schedule). */
export function checkSchedule(schedule: MaintenanceSchedule, errors: FieldErrors, prefix: string) {
  if (!IANAZone.isValidZone(schedule.timezone)) {
    errors.add(`${prefix}.timezone`, 'must be an IANA time zone such as Europe/Paris');
    return;
  }
  if (schedule.type === 'once') {
    const start = DateTime.fromISO(schedule.start, { zone: schedule.timezone });
    const end = DateTime.fromISO(schedule.end, { zone: schedule.timezone });
    if (!start.isValid) errors.add(`${prefix}.start`, 'is not a valid date and time');
    if (!end.isValid) errors.add(`${prefix}.end`, 'is not a valid date and time');
    if (start.isValid && end.isValid && end <= start)
      errors.add(`${prefix}.end`, 'must be after the start');
  }
  if (schedule.type === 'cron') {
    try {
      cronParser.parseExpression(schedule.cron, { tz: schedule.timezone }).next();
    } catch {
      errors.add(`${prefix}.cron`, 'must be a cron expression such as "0 3 * * 0"');
    }
  }
}
