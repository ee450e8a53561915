/**
 * @module Polling for tests: calls `fn` until it returns something truthy, or throws naming what
 * never came. No Vitest imports, so child processes and benches can use it too.
 */

export interface WaitOptions {
  /** Give up after this long (30 s). */
  timeoutMs?: number;
  /** Pause between calls (100 ms). */
  everyMs?: number;
  /** Treat a throw as "not yet" (a database that is down on purpose). */
  ignoreErrors?: boolean;
}

export async function waitFor<T>(
  fn: () => Promise<T | undefined | false | null>,
  what: string,
  options: WaitOptions = {},
): Promise<T> {
  const { timeoutMs = 30_000, everyMs = 100, ignoreErrors = false } = options;
  const until = Date.now() + timeoutMs;
  for (;;) {
    const value = await (ignoreErrors ? fn().catch(() => undefined) : fn());
    if (value) return value;
    if (Date.now() > until) throw new Error(`timed out after ${timeoutMs} ms waiting for ${what}`);
    await new Promise((resolve) => setTimeout(resolve, everyMs));
  }
}
