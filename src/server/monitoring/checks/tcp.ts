/** @module The TCP check: the port accepts a connection within the timeout. */
import { connect } from 'node:net';
import type { TcpTarget } from '../../../shared/monitoring.ts';
import { resolveAllowed, SsrfError } from '../../net/ssrf.ts';
import { faultOf } from './errors.ts';
import { ms, type CheckEnv, type CheckOutcome } from './types.ts';

export async function runTcpCheck(target: TcpTarget, env: CheckEnv): Promise<CheckOutcome> {
  const started = performance.now();
  let resolved;
  try {
    resolved = await resolveAllowed(target.host, target.port, env.policy, env.lookup);
  } catch (error) {
    if (!(error instanceof SsrfError)) throw error;
    return {
      status: 'down',
      fault: error.reason === 'unresolvable' ? 'dns' : 'blocked',
      message: error.message,
      timings: { totalMs: ms(started) },
    };
  }
  const dnsMs = resolved.dnsMs;
  const t0 = performance.now();
  return new Promise<CheckOutcome>((resolve) => {
    const socket = connect({ host: resolved.address, port: target.port, family: resolved.family });
    const timer = setTimeout(
      () => {
        socket.destroy();
        resolve({
          status: 'down',
          fault: 'timeout',
          message: `port ${target.port} did not answer within ${env.timeoutMs / 1000} s`,
          timings: { dnsMs, totalMs: ms(started) },
        });
      },
      Math.max(1, env.timeoutMs - (t0 - started)),
    );
    socket.once('connect', () => {
      clearTimeout(timer);
      const connectMs = ms(t0);
      socket.destroy();
      resolve({
        status: 'up',
        message: `port ${target.port} open`,
        timings: { dnsMs, connectMs, totalMs: ms(started) },
      });
    });
    socket.once('error', (error) => {
      clearTimeout(timer);
      const { fault, message } = faultOf(error);
      resolve({ status: 'down', fault, message, timings: { dnsMs, totalMs: ms(started) } });
    });
  });
}
