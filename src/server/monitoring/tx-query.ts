/** @module Parameterised raw SQL ($1, $2 …) inside a Drizzle transaction, arrays bound whole. */
import { sql } from 'drizzle-orm';

interface Executor {
  execute(query: ReturnType<typeof sql.join>): PromiseLike<unknown>;
}

/** `run(text, values)` on `tx`: each `$n` becomes one bound parameter (an array stays one). */
export function txQuery(tx: Executor) {
  return <R>(text: string, values: unknown[] = []): Promise<{ rows: R[] }> => {
    const parts = text.split(/\$(\d+)/);
    const pieces = parts.map((part, i) =>
      i % 2 === 0 ? sql.raw(part) : sql.param(values[Number(part) - 1]),
    );
    return Promise.resolve(tx.execute(sql.join(pieces, sql.raw('')))) as Promise<{ rows: R[] }>;
  };
}

/**
 * Gives the event loop a turn between the statements of a long job. The embedded database runs
 * its queries on this thread, and a chain of awaited statements settles as microtasks only, so
 * without a turn no timer fires until the job's transaction ends: a check due meanwhile would
 * start late by the whole transaction (bench/monitoring/process.ts).
 */
export const yieldToEventLoop = () => new Promise<void>((resolve) => setImmediate(resolve));
