import { describe, expect, it } from 'vitest';
import { maintenanceSchedule, type MaintenanceSchedule } from '../../shared/status-pages.ts';
import { FieldErrors } from '../http/field-errors.ts';
import {
  activeOccurrence,
  checkSchedule,
  nextOccurrence,
  occurrencesBetween,
} from './maintenance.ts';

const at = (iso: string) => new Date(iso);
const iso = (o: { start: Date; end: Date } | null) =>
  o && { start: o.start.toISOString(), end: o.end.toISOString() };
const schedule = (input: unknown): MaintenanceSchedule => maintenanceSchedule.parse(input);

describe('weekly maintenance windows across daylight-saving changes', () => {
  // Europe/Berlin: clocks go 02:00 → 03:00 on Sunday 2026-03-29 and 03:00 → 02:00 on 2026-10-25.
  const sunday0130 = schedule({
    type: 'weekly',
    weekdays: [7],
    startTime: '01:30',
    durationMinutes: 120,
    timezone: 'Europe/Berlin',
  });

  it('keeps the local start time: 00:30 UTC in winter, 23:30 UTC the day before in summer', () => {
    const weeks = occurrencesBetween(sunday0130, at('2026-03-21T00:00Z'), at('2026-04-06T00:00Z'));

    expect(weeks.map(iso)).toEqual([
      { start: '2026-03-22T00:30:00.000Z', end: '2026-03-22T02:30:00.000Z' },
      // The night of the change: starts 01:30 CET, lasts two real hours (ends 04:30 CEST).
      { start: '2026-03-29T00:30:00.000Z', end: '2026-03-29T02:30:00.000Z' },
      { start: '2026-04-04T23:30:00.000Z', end: '2026-04-05T01:30:00.000Z' },
    ]);
  });

  it('is active at 02:45 local after the change and over at 03:45 local', () => {
    expect(activeOccurrence(sunday0130, at('2026-04-04T23:40Z'))).not.toBeNull();
    expect(activeOccurrence(sunday0130, at('2026-04-05T00:45Z'))).not.toBeNull();
    expect(activeOccurrence(sunday0130, at('2026-04-05T01:45Z'))).toBeNull();
  });

  it('moves a start inside the skipped hour forward, and follows the autumn change back', () => {
    const inGap = schedule({
      type: 'weekly',
      weekdays: [7],
      startTime: '02:30',
      durationMinutes: 30,
      timezone: 'Europe/Berlin',
    });

    expect(iso(nextOccurrence(inGap, at('2026-03-28T12:00Z')))).toEqual({
      start: '2026-03-29T01:30:00.000Z',
      end: '2026-03-29T02:00:00.000Z',
    });
    expect(iso(nextOccurrence(sunday0130, at('2026-10-26T00:00Z')))).toEqual({
      start: '2026-11-01T00:30:00.000Z',
      end: '2026-11-01T02:30:00.000Z',
    });
  });
});

describe('one-off and cron windows', () => {
  it('reads a one-off window in its time zone', () => {
    const once = schedule({
      type: 'once',
      start: '2026-11-28T02:00',
      end: '2026-11-28T04:00',
      timezone: 'America/New_York',
    });

    expect(iso(activeOccurrence(once, at('2026-11-28T07:30Z')))).toEqual({
      start: '2026-11-28T07:00:00.000Z',
      end: '2026-11-28T09:00:00.000Z',
    });
    expect(activeOccurrence(once, at('2026-11-28T09:00Z'))).toBeNull();
  });

  it('finds the cron occurrence in progress and the next one', () => {
    const nightly = schedule({
      type: 'cron',
      cron: '0 3 * * *',
      durationMinutes: 60,
      timezone: 'Europe/Paris',
    });

    expect(iso(activeOccurrence(nightly, at('2026-07-01T01:15Z')))).toEqual({
      start: '2026-07-01T01:00:00.000Z',
      end: '2026-07-01T02:00:00.000Z',
    });
    expect(activeOccurrence(nightly, at('2026-07-01T02:15Z'))).toBeNull();
    expect(iso(nextOccurrence(nightly, at('2026-12-01T12:00Z')))?.start).toBe(
      '2026-12-02T02:00:00.000Z',
    );
  });
});

describe('schedule checks', () => {
  const problems = (input: unknown) => {
    const errors = new FieldErrors();
    checkSchedule(schedule(input), errors, 'body.schedule');
    return errors.details.map((d) => d.path);
  };

  it('names the field: bad cron, end before start, unknown time zone', () => {
    expect(problems({ type: 'cron', cron: 'every night', durationMinutes: 5 })).toEqual([
      'body.schedule.cron',
    ]);
    expect(problems({ type: 'once', start: '2026-11-28T04:00', end: '2026-11-28T02:00' })).toEqual([
      'body.schedule.end',
    ]);
    expect(
      problems({
        type: 'weekly',
        weekdays: [1],
        startTime: '02:00',
        durationMinutes: 5,
        timezone: 'Mars/Olympus',
      }),
    ).toEqual(['body.schedule.timezone']);
  });
});
