/** @module What every check returns, whatever its kind: a status, a named fault, timings. */
import type { Fault } from '../../../shared/monitoring.ts';
import type { Lookup, SsrfPolicy } from '../../net/ssrf.ts';

export interface Timings {
  dnsMs?: number | undefined;
  connectMs?: number | undefined;
  tlsMs?: number | undefined;
  firstByteMs?: number | undefined;
  totalMs?: number | undefined;
}

export interface CheckOutcome {
  /** up: all assertions held; degraded: works but needs care (certificate expiring, body cut); down: failed. */
  status: 'up' | 'degraded' | 'down';
  fault?: Fault | undefined;
  message: string;
  timings: Timings;
  statusCode?: number | undefined;
  /** Days until the certificate expires (TLS checks and https HTTP checks). */
  certDaysLeft?: number | undefined;
}

export interface CheckEnv {
  policy: SsrfPolicy;
  timeoutMs: number;
  /** For tests (fake DNS); the system resolver otherwise. */
  lookup?: Lookup | undefined;
  signal?: AbortSignal | undefined;
  bodyCapBytes?: number | undefined;
  now?: () => Date;
  /** Extra trusted CA certificates (PEM) for TLS checks: a self-hosted team's private CA. */
  ca?: string | undefined;
}

export const ms = (start: number, end = performance.now()) => Math.round((end - start) * 10) / 10;
