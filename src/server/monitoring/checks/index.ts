/**
 * @module The registry of check kinds: one runner per monitor kind. Adding a kind means a file
 * here, a target schema in shared/monitoring.ts and one line in this map. Heartbeats have no
 * runner: they are judged by pings (see heartbeats/).
 */
import type { MonitorTarget } from '../../../shared/monitoring.ts';
import { runDnsCheck } from './dns.ts';
import { runHttpCheck } from './http.ts';
import { runTcpCheck } from './tcp.ts';
import { runTlsCheck } from './tls.ts';
import type { CheckEnv, CheckOutcome } from './types.ts';

export type { CheckEnv, CheckOutcome } from './types.ts';

/** Runs the check a target describes. Never throws; a bug in a runner is a down outcome. */
export async function runCheck(target: MonitorTarget, env: CheckEnv): Promise<CheckOutcome> {
  if (env.signal?.aborted)
    return { status: 'down', fault: 'unreachable', message: 'stopped before it ran', timings: {} };
  try {
    switch (target.kind) {
      case 'http':
        return await runHttpCheck(target, env);
      case 'tcp':
        return await runTcpCheck(target, env);
      case 'dns':
        return await runDnsCheck(target, env);
      case 'tls':
        return await runTlsCheck(target, env);
      case 'heartbeat':
        throw new Error('heartbeats are not run; they are pinged');
    }
  } catch (error) {
    return {
      status: 'down',
      fault: 'unreachable',
      message: `check failed: ${(error as Error).message.slice(0, 200)}`,
      timings: {},
    };
  }
}
