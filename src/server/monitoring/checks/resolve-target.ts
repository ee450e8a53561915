/**
 * @module Resolving a check's target through the SSRF policy, within the check's deadline: the
 * checked address to connect to, or the "down" outcome that says why the target may not be
 * reached (DNS, blocked, or a lookup slower than the timeout).
 */
import { resolveAllowed, SsrfError, type ResolvedTarget } from '../../net/ssrf.ts';
import { ms, type CheckEnv, type CheckOutcome } from './types.ts';

/** The lookup did not answer before the check's deadline. */
export class LookupTimeout extends Error {
  constructor(readonly host: string) {
    super(`no DNS answer for ${host} within the timeout`);
  }
}

/**
 * `resolveAllowed`, given up on at `deadline` (a `performance.now()` time): the system resolver
 * cannot be cancelled and a blackholed name can take far longer than any check timeout, so the
 * check ends on time and the late answer is ignored.
 */
export async function resolveBefore(
  host: string,
  port: number,
  env: CheckEnv,
  deadline: number,
): Promise<ResolvedTarget> {
  let timer: NodeJS.Timeout | undefined;
  try {
    return await Promise.race([
      resolveAllowed(host, port, env.policy, env.lookup),
      new Promise<never>((_resolve, reject) => {
        timer = setTimeout(
          () => reject(new LookupTimeout(host)),
          Math.max(0, deadline - performance.now()),
        );
      }),
    ]);
  } finally {
    clearTimeout(timer);
  }
}

export async function resolveTarget(
  host: string,
  port: number,
  env: CheckEnv,
  started: number,
): Promise<{ resolved: ResolvedTarget } | { refused: CheckOutcome }> {
  const refused = (fault: CheckOutcome['fault'], message: string) => ({
    refused: { status: 'down' as const, fault, message, timings: { totalMs: ms(started) } },
  });
  try {
    return { resolved: await resolveBefore(host, port, env, started + env.timeoutMs) };
  } catch (error) {
    if (error instanceof LookupTimeout)
      return refused('timeout', `no answer within ${env.timeoutMs / 1000} s (DNS was slow)`);
    if (!(error instanceof SsrfError)) throw error;
    return refused(error.reason === 'unresolvable' ? 'dns' : 'blocked', error.message);
  }
}
