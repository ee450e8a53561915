/**
 * @module Packing raw results: each completed monitor-hour older than `PACK_AFTER_MS`, once the
 * rollup has covered it, moves from `monitor_results` (one row per result, the scheduler's hot
 * path) into one `monitor_result_hours` row (result-pack.ts), in one transaction with the delete.
 * Packers take the `pack` row of `monitor_rollup_state` (how far results are packed) with
 * `for update`, so two workers never pack the same hour; what is packed is exactly what the
 * delete returned, so nothing is lost or packed twice. A result that arrives for an hour already
 * packed stays a row (readers union both) until the raw retention drops it.
 * `readResults` reads the union, newest first.
 */
import type { AppContext } from '../context.ts';
import { txQuery, yieldToEventLoop } from './tx-query.ts';
import { decodePackedResults, encodePackedResults, type PackedResult } from './result-pack.ts';

const HOUR = 3_600_000;
/** Results stay rows this long at least: readers of the last minutes and late results. */
export const PACK_AFTER_MS = 2 * HOUR;

const RESULT_COLUMNS = `(extract(epoch from at) * 1000000)::int8 as at_us,
  (extract(epoch from due_at) * 1000000)::int8 as due_at_us, ok, status, fault, message,
  status_code, dns_ms, connect_ms, tls_ms, first_byte_ms, total_ms, run_by`;

interface ResultRow {
  monitor_id: string;
  at_us: string | number;
  due_at_us: string | number | null;
  ok: boolean;
  status: string;
  fault: string | null;
  message: string;
  status_code: number | null;
  dns_ms: number | null;
  connect_ms: number | null;
  tls_ms: number | null;
  first_byte_ms: number | null;
  total_ms: number | null;
  run_by: string | null;
}

const num = (v: number | string | null) => (v === null ? null : Number(v));

function fromRow(r: ResultRow): PackedResult {
  return {
    atUs: Number(r.at_us),
    dueAtUs: num(r.due_at_us),
    ok: r.ok,
    status: r.status,
    fault: r.fault,
    message: r.message,
    statusCode: num(r.status_code),
    dnsMs: num(r.dns_ms),
    connectMs: num(r.connect_ms),
    tlsMs: num(r.tls_ms),
    firstByteMs: num(r.first_byte_ms),
    totalMs: num(r.total_ms),
    runBy: r.run_by,
  };
}

/**
 * Packs completed hours, oldest first (each its own transaction), up to the rollup's progress and
 * `now - PACK_AFTER_MS`; at most `maxHours`, and no new hour after `budgetMs`, so the first runs
 * after an upgrade (a week of rows) spread over several job runs. Idempotent: a rerun finds
 * nothing to do.
 */
export async function packResults(
  ctx: AppContext,
  now = new Date(),
  maxHours = 24,
  budgetMs = 60_000,
): Promise<{ hours: number; results: number }> {
  const started = Date.now();
  let hours = 0;
  let results = 0;
  while (hours < maxHours && Date.now() - started < budgetMs) {
    const packed = await packNextHour(ctx, now);
    if (packed === null) break;
    hours++;
    results += packed;
  }
  return { hours, results };
}

async function packNextHour(ctx: AppContext, now: Date): Promise<number | null> {
  return ctx.db.transaction(async (tx) => {
    const run = txQuery(tx);
    // The first packer starts at the oldest raw result's hour (existing rows get packed too).
    await run(
      `insert into monitor_rollup_state (id, rolled_until)
       values ('pack', to_timestamp(floor(extract(epoch from
                 coalesce((select min(at) from monitor_results), now())) / 3600) * 3600))
       on conflict do nothing`,
    );
    const state = await run<{ rolled_until: string | Date }>(
      `select rolled_until from monitor_rollup_state where id = 'pack' for update`,
    );
    const packedUntil = new Date(state.rows[0]!.rolled_until).getTime();
    // The rollup's progress only grows, so reading it without its lock is safe (and the rollup
    // never waits on a packer).
    const rolled = (
      await run<{ rolled_until: string | Date }>(
        `select rolled_until from monitor_rollup_state where id = 'main'`,
      )
    ).rows[0];
    if (!rolled) return null;
    const limit =
      Math.floor(
        Math.min(new Date(rolled.rolled_until).getTime(), now.getTime() - PACK_AFTER_MS) / HOUR,
      ) * HOUR;
    if (packedUntil + HOUR > limit) return null;
    const hour = new Date(packedUntil);
    const next = new Date(packedUntil + HOUR);
    const { rows } = await run<ResultRow>(
      // A row the rollup has not taken yet (written very late) stays a row until it has.
      `delete from monitor_results
        where at >= $1::timestamptz and at < $2::timestamptz and recorded_at < $3::timestamptz
       returning monitor_id, ${RESULT_COLUMNS}`,
      [hour.toISOString(), next.toISOString(), new Date(rolled.rolled_until).toISOString()],
    );
    const byMonitor = new Map<string, PackedResult[]>();
    for (const r of rows) {
      const list = byMonitor.get(r.monitor_id) ?? [];
      list.push(fromRow(r));
      byMonitor.set(r.monitor_id, list);
    }
    const ids = [...byMonitor.keys()];
    const hourUs = packedUntil * 1000;
    if (ids.length) {
      // Only if the pack state was moved back by hand: merge with what is already packed.
      const existing = await run<{ monitor_id: string; data: Uint8Array }>(
        `select monitor_id, data from monitor_result_hours
          where hour = $1::timestamptz and monitor_id = any($2::uuid[])`,
        [hour.toISOString(), ids],
      );
      for (const e of existing.rows)
        byMonitor.get(e.monitor_id)!.push(...decodePackedResults(hourUs, e.data));
    }
    const entries = [...byMonitor.entries()];
    for (let i = 0; i < entries.length; i += 500) {
      await yieldToEventLoop();
      const chunk = entries.slice(i, i + 500);
      await run(
        `insert into monitor_result_hours (monitor_id, hour, results, failures, data)
         select v.monitor_id, $1::timestamptz, v.results, v.failures, decode(v.hex, 'hex')
           from unnest($2::uuid[], $3::int[], $4::int[], $5::text[])
                  as v(monitor_id, results, failures, hex)
         on conflict (monitor_id, hour) do update
           set results = excluded.results, failures = excluded.failures, data = excluded.data`,
        [
          hour.toISOString(),
          chunk.map(([id]) => id),
          chunk.map(([, list]) => list.length),
          chunk.map(([, list]) => list.filter((r) => !r.ok).length),
          chunk.map(([, list]) => encodePackedResults(hourUs, list).toString('hex')),
        ],
      );
    }
    await run(`update monitor_rollup_state set rolled_until = $1::timestamptz where id = 'pack'`, [
      next.toISOString(),
    ]);
    return rows.length;
  });
}

/** Drops packed hours whose every result is past the raw retention. */
export async function dropPackedResults(ctx: AppContext): Promise<void> {
  await ctx.database.query(
    `delete from monitor_result_hours
      where hour <= now() - make_interval(days => $1::int) - interval '1 hour'`,
    [ctx.config.monitorRawRetentionDays],
  );
}

/** A result as the readers see it: the packed fields, with times as dates. */
export type StoredResult = Omit<PackedResult, 'atUs' | 'dueAtUs'> & {
  at: Date;
  dueAt: Date | null;
};

function present(r: PackedResult): StoredResult {
  const { atUs, dueAtUs, ...rest } = r;
  return {
    ...rest,
    at: new Date(Math.floor(atUs / 1000)),
    dueAt: dueAtUs === null ? null : new Date(Math.floor(dueAtUs / 1000)),
  };
}

/** A monitor's latest `limit` results since `since`, newest first, rows and packed hours alike. */
export async function readResults(
  ctx: AppContext,
  monitorId: string,
  options: { since: Date; limit: number },
): Promise<StoredResult[]> {
  const { since, limit } = options;
  const sinceUs = since.getTime() * 1000;
  const { rows } = await ctx.database.query<ResultRow>(
    `select monitor_id, ${RESULT_COLUMNS} from monitor_results
      where monitor_id = $1 and at >= $2::timestamptz order by at desc, id desc limit $3`,
    [monitorId, since.toISOString(), limit],
  );
  const found = rows.map(fromRow);
  // Packed hours, newest first, until `limit` packed results are in hand: older hours can only
  // hold older results.
  let packed = 0;
  let before: string | null = null;
  while (packed < limit) {
    const hours: { rows: { hour: string | Date; data: Uint8Array }[] } = await ctx.database.query(
      `select hour, data from monitor_result_hours
        where monitor_id = $1 and hour > $2::timestamptz - interval '1 hour'
          and ($3::timestamptz is null or hour < $3::timestamptz)
        order by hour desc limit 24`,
      [monitorId, since.toISOString(), before],
    );
    for (const h of hours.rows) {
      const list = decodePackedResults(new Date(h.hour).getTime() * 1000, h.data).filter(
        (r) => r.atUs >= sinceUs,
      );
      found.push(...list);
      packed += list.length;
      before = new Date(h.hour).toISOString();
    }
    if (hours.rows.length < 24) break;
  }
  return found
    .sort((a, b) => b.atUs - a.atUs)
    .slice(0, limit)
    .map(present);
}

/**
 * Checks and failures of a client's monitors in [start, end), rows and packed hours alike: whole
 * packed hours by their counts, the packed hours cut by the edges decoded.
 */
export async function countResults(
  ctx: AppContext,
  options: { clientId: string; start: Date; end: Date },
): Promise<{ checks: number; failures: number }> {
  const { clientId, start, end } = options;
  const firstWhole = Math.ceil(start.getTime() / HOUR) * HOUR;
  const lastWhole = Math.floor(end.getTime() / HOUR) * HOUR - HOUR;
  const { rows } = await ctx.database.query<{ checks: number; failures: number }>(
    `select coalesce(sum(checks), 0)::int as checks, coalesce(sum(failures), 0)::int as failures
       from (select count(*) as checks, count(*) filter (where not r.ok) as failures
               from monitor_results r join monitors m on m.id = r.monitor_id
              where m.client_id = $1 and r.at >= $2 and r.at < $3
             union all
             select sum(h.results), sum(h.failures)
               from monitor_result_hours h join monitors m on m.id = h.monitor_id
              where m.client_id = $1 and h.hour >= $4::timestamptz and h.hour <= $5::timestamptz) t`,
    [
      clientId,
      start.toISOString(),
      end.toISOString(),
      new Date(firstWhole).toISOString(),
      new Date(lastWhole).toISOString(),
    ],
  );
  let checks = Number(rows[0]?.checks ?? 0);
  let failures = Number(rows[0]?.failures ?? 0);
  // The hours cut by `start` and `end` (none when they fall on the hour).
  const edges = [firstWhole - HOUR, lastWhole + HOUR].filter(
    (h, i, all) => all.indexOf(h) === i && h + HOUR > start.getTime() && h < end.getTime(),
  );
  if (edges.length) {
    const partial = await ctx.database.query<{ hour: string | Date; data: Uint8Array }>(
      `select h.hour, h.data from monitor_result_hours h join monitors m on m.id = h.monitor_id
        where m.client_id = $1 and h.hour = any($2::timestamptz[])`,
      [clientId, edges.map((h) => new Date(h).toISOString())],
    );
    const [startUs, endUs] = [start.getTime() * 1000, end.getTime() * 1000];
    for (const h of partial.rows)
      for (const r of decodePackedResults(new Date(h.hour).getTime() * 1000, h.data))
        if (r.atUs >= startUs && r.atUs < endUs) {
          checks++;
          if (!r.ok) failures++;
        }
  }
  return { checks, failures };
}
