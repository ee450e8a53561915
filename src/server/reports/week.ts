/** @module Report weeks: Monday 00:00 to the next Monday in the client's time zone (luxon). */
import { DateTime, IANAZone } from 'luxon';
import type { ReportWeek } from './contributor.ts';

export function isTimeZone(name: string): boolean {
  return IANAZone.isValidZone(name);
}

/** The week holding `at` (default now), or the week starting on the Monday of `weekOf` (YYYY-MM-DD). */
export function reportWeek(options: {
  clientId: string;
  timeZone: string;
  at?: Date | undefined;
  weekOf?: string | undefined;
}): ReportWeek & { key: string } {
  const zone = options.timeZone;
  const anchor = options.weekOf
    ? DateTime.fromISO(options.weekOf, { zone })
    : DateTime.fromJSDate(options.at ?? new Date(), { zone });
  const start = anchor.startOf('week');
  const end = start.plus({ weeks: 1 });
  return {
    clientId: options.clientId,
    start: start.toJSDate(),
    end: end.toJSDate(),
    timeZone: zone,
    key: start.toISODate()!,
  };
}

/** A date as a founder reads it: "Tue 3 Mar". */
export function shortDate(date: Date | string, timeZone: string): string {
  const dt =
    typeof date === 'string'
      ? DateTime.fromISO(date, { zone: timeZone })
      : DateTime.fromJSDate(date, { zone: timeZone });
  return dt.toFormat('ccc d LLL');
}

/** Local weekday (1–7) and hour of `at` in a time zone: when a schedule is due. */
export function localClock(at: Date, timeZone: string): { weekday: number; hour: number } {
  const dt = DateTime.fromJSDate(at, { zone: timeZone });
  return { weekday: dt.weekday, hour: dt.hour };
}
