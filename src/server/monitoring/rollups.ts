/**
 * @module Rollups: raw results folded into per-minute, per-hour and per-day rows (checks,
 * failures, latency sum and a histogram over fixed log-spaced latency buckets). Histograms add
 * up element by element, so the percentiles of any window (24 h … 365 days) come from merging
 * its rows, with an error bounded by the bucket width (interpolated linearly inside a bucket).
 * Minute rows are kept 2 days, hour rows 90 days, day rows 400 days; raw results
 * `KEEL_MONITOR_RAW_RETENTION_DAYS` (7 by default).
 */
import { sql } from 'drizzle-orm';
import type { AppContext } from '../context.ts';

/** Upper bounds of the latency buckets, in ms; the last bucket is open-ended. */
export const LATENCY_BUCKETS = [
  1,
  2,
  5,
  10,
  20,
  35,
  50,
  75,
  100,
  150,
  200,
  300,
  500,
  750,
  1000,
  1500,
  2000,
  3000,
  5000,
  10_000,
  30_000,
  60_000,
  Infinity,
];

export function bucketOf(ms: number): number {
  const i = LATENCY_BUCKETS.findIndex((upper) => ms <= upper);
  return i === -1 ? LATENCY_BUCKETS.length - 1 : i;
}

export function emptyHistogram(): number[] {
  return LATENCY_BUCKETS.map(() => 0);
}

export function mergeHistograms(a: number[], b: number[]): number[] {
  return LATENCY_BUCKETS.map((_, i) => (a[i] ?? 0) + (b[i] ?? 0));
}

/** The q-quantile (0–1) of a histogram, interpolated inside its bucket; null when empty. */
export function percentile(histogram: number[], q: number): number | null {
  const total = histogram.reduce((a, b) => a + b, 0);
  if (total === 0) return null;
  const rank = q * total;
  let seen = 0;
  for (let i = 0; i < histogram.length; i++) {
    const n = histogram[i] ?? 0;
    if (n > 0 && seen + n >= rank) {
      const low = i === 0 ? 0 : LATENCY_BUCKETS[i - 1]!;
      const high = Number.isFinite(LATENCY_BUCKETS[i]) ? LATENCY_BUCKETS[i]! : low * 2;
      return Math.round(low + ((rank - seen) / n) * (high - low));
    }
    seen += n;
  }
  return null;
}

const GRAINS = { minute: 60_000, hour: 3_600_000, day: 86_400_000 } as const;
type Grain = keyof typeof GRAINS;

/** Folds raw results since the last run into the rollups; one runner at a time (row lock). */
export async function rollUp(ctx: AppContext, now = new Date()): Promise<{ results: number }> {
  const until = new Date(Math.floor(now.getTime() / 60_000) * 60_000);
  return ctx.db.transaction(async (tx) => {
    // Positional parameters ($1…) in text, bound as parameters, inside this transaction.
    const run = <R>(text: string, values: unknown[] = []) => {
      const parts = text.split(/\$(\d+)/);
      const pieces = parts.map((part, i) =>
        i % 2 === 0 ? sql.raw(part) : sql`${values[Number(part) - 1]}`,
      );
      return tx.execute(sql.join(pieces, sql.raw(''))) as unknown as Promise<{ rows: R[] }>;
    };
    await run(
      `insert into monitor_rollup_state (id, rolled_until) values ('main', now() - interval '1 day') on conflict do nothing`,
    );
    const state = await run<{ rolled_until: string }>(
      `select rolled_until from monitor_rollup_state where id = 'main' for update`,
    );
    const from = new Date(state.rows[0]!.rolled_until);
    if (from >= until) return { results: 0 };
    const raw = await run<{ monitor_id: string; at: string; ok: boolean; total_ms: number | null }>(
      `select monitor_id, at, ok, total_ms from monitor_results where at >= $1::timestamptz and at < $2::timestamptz`,
      [from.toISOString(), until.toISOString()],
    );
    const groups = new Map<
      string,
      {
        monitorId: string;
        grain: Grain;
        start: number;
        checks: number;
        failures: number;
        sum: number;
        hist: number[];
      }
    >();
    for (const r of raw.rows) {
      const at = new Date(r.at).getTime();
      for (const grain of Object.keys(GRAINS) as Grain[]) {
        const start = Math.floor(at / GRAINS[grain]) * GRAINS[grain];
        const key = `${r.monitor_id}|${grain}|${start}`;
        let g = groups.get(key);
        if (!g)
          groups.set(
            key,
            (g = {
              monitorId: r.monitor_id,
              grain,
              start,
              checks: 0,
              failures: 0,
              sum: 0,
              hist: emptyHistogram(),
            }),
          );
        g.checks++;
        if (!r.ok) g.failures++;
        if (r.ok && r.total_ms !== null) {
          g.sum += Number(r.total_ms);
          g.hist[bucketOf(Number(r.total_ms))]!++;
        }
      }
    }
    const all = [...groups.values()];
    for (let i = 0; i < all.length; i += 500) {
      const chunk = all.slice(i, i + 500);
      const values: unknown[] = [];
      const rows = chunk.map((g) => {
        values.push(g.monitorId, g.grain, new Date(g.start).toISOString());
        const n = values.length;
        return `($${n - 2}::uuid, $${n - 1}, $${n}::timestamptz, ${g.checks}, ${g.failures}, ${g.sum}, array[${g.hist.join(',')}]::integer[])`;
      });
      await run(
        `insert into monitor_rollups (monitor_id, grain, start, checks, failures, latency_sum_ms, histogram) values ${rows.join(', ')}
         on conflict (monitor_id, grain, start) do update set
           checks = monitor_rollups.checks + excluded.checks,
           failures = monitor_rollups.failures + excluded.failures,
           latency_sum_ms = monitor_rollups.latency_sum_ms + excluded.latency_sum_ms,
           histogram = array(select coalesce(a, 0) + coalesce(b, 0)
                               from unnest(monitor_rollups.histogram, excluded.histogram) as t(a, b))`,
        values,
      );
    }
    await run(`update monitor_rollup_state set rolled_until = $1::timestamptz where id = 'main'`, [
      until.toISOString(),
    ]);
    await run(`delete from monitor_results where at < now() - make_interval(days => $1::int)`, [
      ctx.config.monitorRawRetentionDays,
    ]);
    await run(
      `delete from monitor_rollups where (grain = 'minute' and start < now() - interval '2 days')
         or (grain = 'hour' and start < now() - interval '90 days')
         or (grain = 'day' and start < now() - interval '400 days')`,
    );
    return { results: raw.rows.length };
  });
}

const WINDOWS: { label: string; ms: number; grain: Grain }[] = [
  { label: '24h', ms: 86_400_000, grain: 'hour' },
  { label: '7d', ms: 7 * 86_400_000, grain: 'hour' },
  { label: '30d', ms: 30 * 86_400_000, grain: 'day' },
  { label: '90d', ms: 90 * 86_400_000, grain: 'day' },
  { label: '365d', ms: 365 * 86_400_000, grain: 'day' },
];

/** Uptime and latency percentiles over 24 h, 7, 30, 90 and 365 days, from the rollups. */
export async function uptimeWindows(ctx: AppContext, monitorId: string) {
  const { rows } = await ctx.database.query<{
    grain: Grain;
    start: string | Date;
    checks: number;
    failures: number;
    histogram: number[];
  }>(
    `select grain, start, checks, failures, histogram from monitor_rollups
      where monitor_id = $1 and ((grain = 'hour' and start >= now() - interval '7 days')
                                 or (grain = 'day' and start >= now() - interval '365 days'))`,
    [monitorId],
  );
  const now = Date.now();
  return WINDOWS.map((w) => {
    let checks = 0;
    let failures = 0;
    let hist = emptyHistogram();
    for (const r of rows) {
      if (r.grain !== w.grain || new Date(r.start).getTime() < now - w.ms) continue;
      checks += Number(r.checks);
      failures += Number(r.failures);
      hist = mergeHistograms(hist, r.histogram.map(Number));
    }
    return {
      window: w.label,
      uptime: checks ? (checks - failures) / checks : null,
      checks,
      failures,
      p50Ms: percentile(hist, 0.5),
      p95Ms: percentile(hist, 0.95),
      p99Ms: percentile(hist, 0.99),
    };
  });
}
