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
