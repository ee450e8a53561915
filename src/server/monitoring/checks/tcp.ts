/** @module The TCP check: the port accepts a connection within the timeout. */
import { connect } from 'node:net';
import type { TcpTarget } from '../../../shared/monitoring.ts';
import { faultOf } from './errors.ts';
import { resolveTarget } from './resolve-target.ts';
import { ms, type CheckEnv, type CheckOutcome } from './types.ts';

export async function runTcpCheck(target: TcpTarget, env: CheckEnv): Promise<CheckOutcome> {
  const started = performance.now();
  const resolution = await resolveTarget(target.host, target.port, env, started);
  if ('refused' in resolution) return resolution.refused;
  const { resolved } = resolution;
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
