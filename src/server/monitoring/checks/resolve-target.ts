/**
 * @module Resolving a check's target through the SSRF policy: the checked address to connect
 * to, or the "down" outcome that says why the target may not be reached (DNS or blocked).
 */
import { resolveAllowed, SsrfError, type ResolvedTarget } from '../../net/ssrf.ts';
import { ms, type CheckEnv, type CheckOutcome } from './types.ts';

export async function resolveTarget(
  host: string,
  port: number,
  env: CheckEnv,
  started: number,
): Promise<{ resolved: ResolvedTarget } | { refused: CheckOutcome }> {
  try {
    return { resolved: await resolveAllowed(host, port, env.policy, env.lookup) };
  } catch (error) {
    if (!(error instanceof SsrfError)) throw error;
    return {
      refused: {
        status: 'down',
        fault: error.reason === 'unresolvable' ? 'dns' : 'blocked',
        message: error.message,
        timings: { totalMs: ms(started) },
      },
    };
  }
}
