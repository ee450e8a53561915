import { describe, expect, it } from 'vitest';
import { maintenanceSchedule } from '../../shared/status-pages.ts';
import { rangesOf } from './maintenance-rollups.ts';
import { occurrencesBetween } from './maintenance.ts';

const HOUR = 3_600_000;
const iso = (list: { start: Date; end: Date }[] | undefined) =>
  (list ?? []).map((o) => `${o.start.toISOString()} – ${o.end.toISOString()}`);

describe('maintenance ranges remembered between calls', () => {
  const schedule = {
    type: 'cron',
    cron: '15 */6 * * *',
    durationMinutes: 90,
    timezone: 'Europe/Paris',
  } as const;
  const windows = [{ schedule, monitorIds: [] }];
  /** What a first call computes: the occurrences, clipped to [from, to). */
  const fresh = (from: Date, to: Date) =>
    occurrencesBetween(maintenanceSchedule.parse(schedule), from, to, 5000).map((o) => ({
      start: new Date(Math.max(+o.start, +from)),
      end: new Date(Math.min(+o.end, +to)),
    }));

  it('gives what a first call gives as the time moves on, back and forth', () => {
    const t0 = Date.parse('2026-03-20T00:40:00Z');
    // Forward (the usual case: each load a little later, across the spring clock change),
    // a later `from` (an SLO window moving), an earlier `from`, an earlier `to`, and two
    // callers over different spans taking turns (an SLO and a status page).
    const calls: [number, number][] = [
      [t0 - 10 * 24 * HOUR, t0],
      [t0 - 10 * 24 * HOUR, t0 + 1.5 * HOUR],
      [t0 - 9 * 24 * HOUR, t0 + 10 * 24 * HOUR],
      [t0 - 12 * 24 * HOUR, t0 + 10 * 24 * HOUR + 5 * HOUR],
      [t0 - 12 * 24 * HOUR, t0 - 2 * HOUR],
      [t0 - 3 * 24 * HOUR, t0 + 11 * 24 * HOUR],
      [t0 - 12 * 24 * HOUR, t0 + 11 * 24 * HOUR],
      [t0 - 3 * 24 * HOUR, t0 + 11 * 24 * HOUR + 30 * 60_000],
    ];

    const results = calls.map(([from, to]) =>
      iso(rangesOf(windows, ['m'], new Date(from), new Date(to)).get('m')),
    );

    expect(results).toEqual(calls.map(([from, to]) => iso(fresh(new Date(from), new Date(to)))));
    expect(results[0]!.length).toBeGreaterThan(30);
  });
});
