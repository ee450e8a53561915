/**
 * @module The packed form of a monitor's raw results for one hour (`monitor_result_hours.data`):
 * the fields of `monitor_results` column by column, as JSON, deflated. Times are microseconds
 * (the database's precision) as deltas; values that repeat from one result to the next (status,
 * message, status code, worker) are run-length encoded, so a message is stored where it changes;
 * latencies keep the `real` column's value exactly (JSON keeps the shortest decimal that reads
 * back as the same float). Lossless: decoding gives back every field but the row id.
 */
import { deflateRawSync, inflateRawSync } from 'node:zlib';

/** One raw result, as packed and unpacked. `atUs`/`dueAtUs`: µs since the Unix epoch. */
export interface PackedResult {
  atUs: number;
  dueAtUs: number | null;
  ok: boolean;
  status: string;
  fault: string | null;
  message: string;
  statusCode: number | null;
  dnsMs: number | null;
  connectMs: number | null;
  tlsMs: number | null;
  firstByteMs: number | null;
  totalMs: number | null;
  runBy: string | null;
}

type Runs<T> = [number, T][];

function runs<T>(values: T[]): Runs<T> {
  const out: Runs<T> = [];
  for (const v of values) {
    const last = out[out.length - 1];
    if (last && last[1] === v) last[0]++;
    else out.push([1, v]);
  }
  return out;
}

function unruns<T>(encoded: Runs<T>): T[] {
  return encoded.flatMap(([n, v]) => Array.from({ length: n }, () => v));
}

const LATENCIES = ['dnsMs', 'connectMs', 'tlsMs', 'firstByteMs', 'totalMs'] as const;
const REPEATED = ['ok', 'status', 'fault', 'message', 'statusCode', 'runBy'] as const;

interface PackV1 {
  v: 1;
  /** First: µs since `hourStartUs`; then µs since the previous result. */
  at: number[];
  /** µs from `due_at` to `at` (the scheduler's lag); null where there was no due time. */
  lag: (number | null)[];
  repeated: Record<(typeof REPEATED)[number], Runs<unknown>>;
  latencies: Record<(typeof LATENCIES)[number], (number | null)[]>;
}

/** Packs one monitor's results of one hour (any order; stored oldest first). */
export function encodePackedResults(hourStartUs: number, results: PackedResult[]): Buffer {
  const sorted = [...results].sort((a, b) => a.atUs - b.atUs);
  const pack: PackV1 = {
    v: 1,
    at: sorted.map((r, i) => r.atUs - (i === 0 ? hourStartUs : sorted[i - 1]!.atUs)),
    lag: sorted.map((r) => (r.dueAtUs === null ? null : r.atUs - r.dueAtUs)),
    repeated: Object.fromEntries(
      REPEATED.map((key) => [key, runs(sorted.map((r) => r[key] as unknown))]),
    ) as PackV1['repeated'],
    latencies: Object.fromEntries(
      LATENCIES.map((key) => [key, sorted.map((r) => r[key])]),
    ) as PackV1['latencies'],
  };
  return deflateRawSync(JSON.stringify(pack), { level: 9 });
}

/** Unpacks what `encodePackedResults` stored, oldest first. */
export function decodePackedResults(hourStartUs: number, data: Uint8Array): PackedResult[] {
  const pack = JSON.parse(inflateRawSync(data).toString('utf8')) as PackV1;
  if (pack.v !== 1) throw new Error(`Unknown packed results version ${String(pack.v)}`);
  const repeated = Object.fromEntries(
    REPEATED.map((key) => [key, unruns(pack.repeated[key])]),
  ) as Record<(typeof REPEATED)[number], unknown[]>;
  let atUs = hourStartUs;
  return pack.at.map((delta, i) => {
    atUs += delta;
    const lag = pack.lag[i] ?? null;
    return {
      atUs,
      dueAtUs: lag === null ? null : atUs - lag,
      ok: repeated.ok[i] as boolean,
      status: repeated.status[i] as string,
      fault: repeated.fault[i] as string | null,
      message: repeated.message[i] as string,
      statusCode: repeated.statusCode[i] as number | null,
      runBy: repeated.runBy[i] as string | null,
      dnsMs: pack.latencies.dnsMs[i] ?? null,
      connectMs: pack.latencies.connectMs[i] ?? null,
      tlsMs: pack.latencies.tlsMs[i] ?? null,
      firstByteMs: pack.latencies.firstByteMs[i] ?? null,
      totalMs: pack.latencies.totalMs[i] ?? null,
    };
  });
}
