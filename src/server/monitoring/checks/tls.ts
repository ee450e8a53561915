/**
 * @module The TLS certificate check: connects, reads the certificate, and warns as expiry comes
 * near (21, 14 and 7 days by default). Invalid certificates are down; expiring ones degraded.
 */
import { connect, type PeerCertificate } from 'node:tls';
import { isIP } from 'node:net';
import type { TlsTarget } from '../../../shared/monitoring.ts';
import { faultOf } from './errors.ts';
import { resolveTarget } from './resolve-target.ts';
import { ms, type CheckEnv, type CheckOutcome } from './types.ts';

export async function runTlsCheck(target: TlsTarget, env: CheckEnv): Promise<CheckOutcome> {
  const started = performance.now();
  const resolution = await resolveTarget(target.host, target.port, env, started);
  if ('refused' in resolution) return resolution.refused;
  const { resolved } = resolution;
  const dnsMs = resolved.dnsMs;
  const t0 = performance.now();
  const outcome = await new Promise<
    | {
        cert: PeerCertificate;
        authorized: boolean;
        error?: Error;
        connectMs?: number;
        tlsMs: number;
      }
    | { failure: unknown }
  >((resolve) => {
    let connectMs: number | undefined;
    const socket = connect({
      host: resolved.address,
      port: target.port,
      ...(isIP(target.host) ? {} : { servername: target.host }),
      ...(env.ca ? { ca: env.ca } : {}),
      // Read the certificate even when it is invalid, to say why.
      rejectUnauthorized: false,
    });
    // One deadline for the whole check, as for TCP and HTTP: the lookup's time is spent.
    const timer = setTimeout(
      () => {
        socket.destroy();
        resolve({ failure: Object.assign(new Error('timeout'), { code: 'KEEL_TIMEOUT' }) });
      },
      Math.max(1, env.timeoutMs - (t0 - started)),
    );
    socket.once('connect', () => (connectMs = ms(t0)));
    socket.once('secureConnect', () => {
      clearTimeout(timer);
      const cert = socket.getPeerCertificate();
      const tlsMs = ms(t0) - (connectMs ?? 0);
      resolve({
        cert,
        authorized: socket.authorized,
        error: socket.authorizationError,
        connectMs,
        tlsMs,
      });
      socket.end();
    });
    socket.once('error', (error) => {
      clearTimeout(timer);
      resolve({ failure: error });
    });
  });
  if ('failure' in outcome) {
    const code = (outcome.failure as NodeJS.ErrnoException).code;
    if (code === 'KEEL_TIMEOUT')
      return {
        status: 'down',
        fault: 'timeout',
        message: `no TLS handshake within ${env.timeoutMs / 1000} s`,
        timings: { dnsMs, totalMs: ms(started) },
      };
    const { fault, message } = faultOf(outcome.failure);
    return { status: 'down', fault, message, timings: { dnsMs, totalMs: ms(started) } };
  }
  const timings = {
    dnsMs,
    connectMs: outcome.connectMs,
    tlsMs: outcome.tlsMs,
    totalMs: ms(started),
  };
  const now = env.now?.() ?? new Date();
  const validTo = Date.parse(outcome.cert.valid_to);
  const daysLeft = Math.floor((validTo - now.getTime()) / 86_400_000);
  const expiry = new Date(validTo).toISOString().slice(0, 10);
  if (validTo <= now.getTime())
    return {
      status: 'down',
      fault: 'cert-expired',
      message: `certificate expired on ${expiry}`,
      timings,
      certDaysLeft: daysLeft,
    };
  if (!outcome.authorized) {
    const error: (Error & { code?: string }) | undefined = outcome.error;
    const code = error?.code ?? error?.message ?? 'untrusted';
    return {
      status: 'down',
      fault: 'invalid-cert',
      message: `invalid certificate (${code})`,
      timings,
      certDaysLeft: daysLeft,
    };
  }
  const threshold = [...target.warnDays].sort((a, b) => a - b).find((days) => daysLeft <= days);
  if (threshold !== undefined)
    return {
      status: 'degraded',
      fault: 'cert-expiring',
      message: `certificate expires in ${daysLeft} days (${expiry}), within the ${threshold}-day warning`,
      timings,
      certDaysLeft: daysLeft,
    };
  return {
    status: 'up',
    message: `certificate valid for ${daysLeft} more days (${expiry})`,
    timings,
    certDaysLeft: daysLeft,
  };
}
