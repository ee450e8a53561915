/** @module Report weeks: Monday 00:00 to the next Monday in the client's time zone (luxon). */
import { DateTime, IANAZone, type WeekdayNumbers } from 'luxon';
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

interface SendTime {
  /** ISO weekday: 1 Monday … 7 Sunday. */
  weekday: number;
  hour: number;
  timeZone: string;
}

/** The latest time at or before `at` that falls on a schedule's weekday and hour, in its zone. */
export function lastSendTime(at: Date, schedule: SendTime): Date {
  const now = DateTime.fromJSDate(at, { zone: schedule.timeZone });
  const send = now.set({
    weekday: schedule.weekday as WeekdayNumbers,
    hour: schedule.hour,
    minute: 0,
    second: 0,
    millisecond: 0,
  });
  return (send > now ? send.minus({ weeks: 1 }) : send).toJSDate();
}

/**
 * The week a scheduled send reports on. Early in the week (Monday to Wednesday) the week that
 * just ended: a Monday-morning report covers the whole of last week, weekend work included.
 * From Thursday on, the week the send falls in: a Friday-afternoon report covers that week.
 */
export function scheduledWeek(options: {
  clientId: string;
  schedule: SendTime;
  sendTime: Date;
}): ReportWeek & { key: string } {
  const { clientId, schedule, sendTime } = options;
  const sent = DateTime.fromJSDate(sendTime, { zone: schedule.timeZone });
  const day = schedule.weekday <= 3 ? sent.minus({ weeks: 1 }) : sent;
  return reportWeek({ clientId, timeZone: schedule.timeZone, weekOf: day.toISODate()! });
}
