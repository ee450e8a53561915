/** @module Calendar dates as `YYYY-MM-DD` strings (UTC): parse, compare, add days, differences. */
import { z } from 'zod';

export const isoDate = z.iso.date({ message: 'must be a date as YYYY-MM-DD' });
export const isoMonth = z
  .string()
  .regex(/^\d{4}-(0[1-9]|1[0-2])$/, { message: 'must be a month as YYYY-MM' });

const DAY_MS = 86_400_000;

export function dateToDays(value: string): number {
  return Math.round(Date.parse(`${value}T00:00:00Z`) / DAY_MS);
}

export function daysToDate(days: number): string {
  return new Date(days * DAY_MS).toISOString().slice(0, 10);
}

/** `later - earlier` in whole days. */
export function daysBetween(earlier: string, later: string): number {
  return dateToDays(later) - dateToDays(earlier);
}

export function addDays(value: string, days: number): string {
  return daysToDate(dateToDays(value) + days);
}

export function todayUtc(now: Date = new Date()): string {
  return now.toISOString().slice(0, 10);
}

/** First day of the month and first day of the next, for `YYYY-MM`. */
export function monthRange(month: string): { from: string; to: string } {
  const [y, m] = month.split('-').map(Number) as [number, number];
  const next = m === 12 ? `${y + 1}-01` : `${y}-${String(m + 1).padStart(2, '0')}`;
  return { from: `${month}-01`, to: `${next}-01` };
}

/** "November 2026" for `2026-11`. */
export function monthName(month: string): string {
  return new Intl.DateTimeFormat('en-GB', {
    timeZone: 'UTC',
    month: 'long',
    year: 'numeric',
  }).format(new Date(`${month}-15T12:00:00Z`));
}

/**
 * A span of time in words, to the two largest units: "1 minute", "2 hours 5 minutes",
 * "3 days 4 hours". Under a minute counts as one (an alert never says "0 minutes").
 */
export function spanInWords(ms: number): string {
  const minutes = Math.max(1, Math.floor(ms / 60_000));
  const units: [number, string][] = [
    [Math.floor(minutes / 1440), 'day'],
    [Math.floor(minutes / 60) % 24, 'hour'],
    [minutes % 60, 'minute'],
  ];
  const first = units.findIndex(([n]) => n > 0);
  return units
    .slice(first, first + 2)
    .filter(([n]) => n > 0)
    .map(([n, unit]) => `${n} ${unit}${n === 1 ? '' : 's'}`)
    .join(' ');
}
