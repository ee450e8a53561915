/** @module Socket and TLS errors → the fault they are (reset, refused, invalid certificate…). */
import type { Fault } from '../../../shared/monitoring.ts';

const CERT_CODES = new Set([
  'DEPTH_ZERO_SELF_SIGNED_CERT',
  'SELF_SIGNED_CERT_IN_CHAIN',
  'UNABLE_TO_VERIFY_LEAF_SIGNATURE',
  'UNABLE_TO_GET_ISSUER_CERT',
  'UNABLE_TO_GET_ISSUER_CERT_LOCALLY',
  'CERT_HAS_EXPIRED',
  'CERT_NOT_YET_VALID',
  'CERT_REVOKED',
  'CERT_UNTRUSTED',
  'CERT_SIGNATURE_FAILURE',
  'ERR_TLS_CERT_ALTNAME_INVALID',
  'HOSTNAME_MISMATCH',
]);

export function faultOf(error: unknown): { fault: Fault; message: string } {
  const e = error as NodeJS.ErrnoException & { reason?: string };
  const code = e?.code ?? '';
  if (CERT_CODES.has(code))
    return {
      fault: code === 'CERT_HAS_EXPIRED' ? 'cert-expired' : 'invalid-cert',
      message: `invalid certificate (${code})`,
    };
  if (code === 'ECONNREFUSED') return { fault: 'refused', message: 'connection refused' };
  if (code === 'ECONNRESET' || code === 'EPIPE' || /socket hang up/.test(e?.message ?? ''))
    return { fault: 'reset', message: 'connection reset by the server' };
  if (code === 'EHOSTUNREACH' || code === 'ENETUNREACH' || code === 'EADDRNOTAVAIL')
    return { fault: 'unreachable', message: `host unreachable (${code})` };
  if (
    code.startsWith('HPE_') ||
    code === 'ERR_SSL_WRONG_VERSION_NUMBER' ||
    /wrong version number|packet length too long/i.test(e?.message ?? '')
  )
    return {
      fault: 'garbage',
      message: `the server answered something that is not ${code.startsWith('HPE_') ? 'HTTP' : 'TLS'} (${code})`,
    };
  if (code.startsWith('ERR_SSL') || code.startsWith('ERR_TLS') || /SSL|TLS/.test(e?.message ?? ''))
    return { fault: 'invalid-cert', message: `TLS handshake failed (${code || e?.message})` };
  return {
    fault: 'unreachable',
    message: `${code || 'error'}: ${(e?.message ?? String(error)).slice(0, 200)}`,
  };
}
