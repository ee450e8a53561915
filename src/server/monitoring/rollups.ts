/**
 * @module Rollups: raw results folded into per-minute, per-hour and per-day rows (checks,
 * failures, latency sum and a histogram over fixed log-spaced latency buckets). Histograms add
 * up element by element, so the percentiles of any window (24 h … 365 days) come from merging
 * its rows, with an error bounded by the bucket width (interpolated linearly inside a bucket).
 * Rows are taken by when they were written and counted where they happened, so late results
 * count too (`rollUp`). Histograms are stored sparse (`encodeHistogram`). Retention per grain:
 * `ROLLUP_RETENTION_HOURS`;
 * raw results `KEEL_MONITOR_RAW_RETENTION_DAYS` (7 by default), packed per hour after ~2 h
 * (pack.ts).
 */
import type { AppContext } from '../context.ts';
import { txQuery, yieldToEventLoop } from './tx-query.ts';

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

/**
 * A histogram as stored (`monitor_rollups.buckets`): for each non-empty bucket, its index (one
 * byte) then its count as an unsigned LEB128 varint. An hour at a 60 s interval mostly fills one
 * to three buckets, so ~4–8 bytes instead of 23 integers in an array (~116 bytes).
 */
export function encodeHistogram(histogram: number[]): Buffer {
  const bytes: number[] = [];
  histogram.forEach((count, i) => {
    if (!count) return;
    bytes.push(i);
    let n = count;
    while (n >= 128) {
      bytes.push((n % 128) | 128);
      n = Math.floor(n / 128);
    }
    bytes.push(n);
  });
  return Buffer.from(bytes);
}

/** The inverse of `encodeHistogram`: all 23 buckets. */
export function decodeHistogram(bytes: Uint8Array | null | undefined): number[] {
  const histogram = emptyHistogram();
  if (!bytes) return histogram;
  let p = 0;
  while (p < bytes.length) {
    const bucket = bytes[p++]!;
    let n = 0;
    let scale = 1;
    for (;;) {
      const b = bytes[p++]!;
      n += (b & 127) * scale;
      scale *= 128;
      if (b < 128) break;
    }
    if (bucket < histogram.length) histogram[bucket]! += n;
  }
  return histogram;
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

/**
 * How long rollup rows are kept, per grain, in hours.
 * - minute: 7 h. SLO burn rates, over 5 min … 6 h (shared/slo.ts `BURN_WINDOWS`), and the 6 h
 *   latency chart (5-minute points); one hour more covers the rollup's lag. Sparse histograms
 *   make them small (a minute at a 60 s interval fills one bucket: 2–3 bytes).
 * - hour: 35 days. The 24 h and 7 d charts, sparklines and uptime figures, the weekly report's
 *   week, and the first partial day of an SLO window (its whole days come from day rows, see
 *   slo.service.ts); 35 days keep hourly detail for the last four report weeks and some slack.
 *   Maintenance is taken out of SLOs and status page bars from hour rows (maintenance-rollups.ts),
 *   so only as far back as this.
 * - day: 400 days. The 30, 90 and 365 d charts and uptime, status pages (90 days), SLO windows
 *   (up to 90 days), with a month of slack past a year.
 */
export const ROLLUP_RETENTION_HOURS: Record<Grain, number> = {
  minute: 7,
  hour: 35 * 24,
  day: 400 * 24,
};

/**
 * Rows written less than this long ago are left for the next run: a row's `recorded_at` is its
 * transaction's start, and a batch of results commits well within it (record-batch.ts).
 */
export const ROLLUP_SETTLE_SECONDS = 20;

/**
 * Most of the write time one transaction folds: a normal run (every minute) takes one slice; a
 * backlog (the rollup job failing for hours while checks went on, the first run after an upgrade)
 * is taken slice by slice, so memory stays that of 5 minutes of results (~100,000 rows at 20,000
 * monitors on 60 s) however far behind it is, and each slice's progress is kept as it commits.
 */
export const ROLLUP_SLICE_MINUTES = 5;

interface RollUpOptions {
  now?: Date;
  settleSeconds?: number;
  sliceMinutes?: number;
}

/**
 * Folds the raw results written since the last run into the rollups, slice by slice (each its own
 * transaction), then drops what retention lets go. One runner at a time (row lock). Rows are taken
 * by when they were written (`recorded_at`, the database's clock) and counted in the minute, hour
 * and day of their `at`, so a result written late still counts in its own minute: rollup rows add
 * up (`on conflict … do update`). `now` and `settleSeconds`: tests and benches move time.
 */
export async function rollUp(
  ctx: AppContext,
  options: RollUpOptions = {},
): Promise<{ results: number; slices: number }> {
  let results = 0;
  let slices = 0;
  for (;;) {
    const slice = await rollUpSlice(ctx, options);
    if (slice.results === null) break;
    results += slice.results;
    slices++;
    if (slice.caughtUp) break;
  }
  await prune(ctx);
  return { results, slices };
}

async function prune(ctx: AppContext) {
  await ctx.database.query(
    `delete from monitor_results where at < now() - make_interval(days => $1::int)`,
    [ctx.config.monitorRawRetentionDays],
  );
  await ctx.database.query(
    `delete from monitor_rollups
      where (grain = 'minute' and start < now() - make_interval(hours => $1::int))
         or (grain = 'hour' and start < now() - make_interval(hours => $2::int))
         or (grain = 'day' and start < now() - make_interval(hours => $3::int))`,
    [ROLLUP_RETENTION_HOURS.minute, ROLLUP_RETENTION_HOURS.hour, ROLLUP_RETENTION_HOURS.day],
  );
}

/** One slice: `results` null when there was nothing to take (already up to date). */
async function rollUpSlice(
  ctx: AppContext,
  options: RollUpOptions,
): Promise<{ results: number | null; caughtUp: boolean }> {
  return ctx.db.transaction(async (tx) => {
    const run = txQuery(tx);
    await run(
      `insert into monitor_rollup_state (id, rolled_until) values ('main', now() - interval '1 day') on conflict do nothing`,
    );
    const state = await run<{ rolled_until: string | Date; until: string | Date }>(
      `select rolled_until,
              coalesce($1::timestamptz, now()) - make_interval(secs => $2) as until
         from monitor_rollup_state where id = 'main' for update`,
      [options.now?.toISOString() ?? null, options.settleSeconds ?? ROLLUP_SETTLE_SECONDS],
    );
    const from = new Date(state.rows[0]!.rolled_until);
    const settled = new Date(state.rows[0]!.until);
    if (from >= settled) return { results: null, caughtUp: true };
    const sliceMs = (options.sliceMinutes ?? ROLLUP_SLICE_MINUTES) * 60_000;
    const until = new Date(Math.min(settled.getTime(), from.getTime() + sliceMs));
    // Rows from before `recorded_at` existed hold '-infinity' and are read by `at`, as then.
    const raw = await run<{ monitor_id: string; at: string; ok: boolean; total_ms: number | null }>(
      `select monitor_id, at, ok, total_ms from monitor_results
        where (recorded_at >= $1::timestamptz and recorded_at < $2::timestamptz)
           or (recorded_at = '-infinity' and at >= $1::timestamptz and at < $2::timestamptz)`,
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
    // Histograms merge here rather than in SQL (they are stored encoded): read the rows this run
    // adds to. One rollup runs at a time (the state row's lock), so nothing writes in between.
    for (let i = 0; i < all.length; i += 2000) {
      await yieldToEventLoop();
      const chunk = all.slice(i, i + 2000);
      const existing = await run<{
        monitor_id: string;
        grain: Grain;
        start: string | Date;
        buckets: Uint8Array;
      }>(
        `select r.monitor_id, r.grain, r.start, r.buckets from monitor_rollups r
           join unnest($1::uuid[], $2::text[], $3::timestamptz[]) as k(monitor_id, grain, start)
             on r.monitor_id = k.monitor_id and r.grain = k.grain and r.start = k.start`,
        [
          chunk.map((g) => g.monitorId),
          chunk.map((g) => g.grain),
          chunk.map((g) => new Date(g.start).toISOString()),
        ],
      );
      const byKey = new Map(chunk.map((g) => [`${g.monitorId}|${g.grain}|${g.start}`, g]));
      for (const row of existing.rows) {
        const g = byKey.get(`${row.monitor_id}|${row.grain}|${new Date(row.start).getTime()}`);
        if (g) g.hist = mergeHistograms(g.hist, decodeHistogram(row.buckets));
      }
    }
    for (let i = 0; i < all.length; i += 500) {
      await yieldToEventLoop();
      const chunk = all.slice(i, i + 500);
      const values: unknown[] = [];
      const rows = chunk.map((g) => {
        values.push(
          g.monitorId,
          g.grain,
          new Date(g.start).toISOString(),
          encodeHistogram(g.hist).toString('hex'),
        );
        const n = values.length;
        return `($${n - 3}::uuid, $${n - 2}, $${n - 1}::timestamptz, ${g.checks}, ${g.failures}, ${g.sum}, decode($${n}, 'hex'))`;
      });
      await run(
        `insert into monitor_rollups (monitor_id, grain, start, checks, failures, latency_sum_ms, buckets) values ${rows.join(', ')}
         on conflict (monitor_id, grain, start) do update set
           checks = monitor_rollups.checks + excluded.checks,
           failures = monitor_rollups.failures + excluded.failures,
           latency_sum_ms = monitor_rollups.latency_sum_ms + excluded.latency_sum_ms,
           buckets = excluded.buckets`,
        values,
      );
    }
    await run(`update monitor_rollup_state set rolled_until = $1::timestamptz where id = 'main'`, [
      until.toISOString(),
    ]);
    return { results: raw.rows.length, caughtUp: until.getTime() === settled.getTime() };
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
    buckets: Uint8Array;
  }>(
    `select grain, start, checks, failures, buckets from monitor_rollups
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
      hist = mergeHistograms(hist, decodeHistogram(r.buckets));
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
