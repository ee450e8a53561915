/**
 * @module The one logger (pino): JSON lines, fixed messages plus a metadata object. Anything
 * that can carry a secret is redacted by path, and URLs lose their query strings.
 */
import pino, { type DestinationStream, type Logger } from 'pino';

export type { Logger };

const secretKeys = [
  'password',
  'newPassword',
  'currentPassword',
  'token',
  'secret',
  'apiKey',
  'authorization',
  'cookie',
  'csrfToken',
  'ciphertext',
  'encryptionKey',
  'databaseUrl',
  'smtpUrl',
];

export const redactPaths = [
  'req.headers.authorization',
  'req.headers.cookie',
  'req.headers["x-csrf-token"]',
  'res.headers["set-cookie"]',
  ...secretKeys.flatMap((key) => [key, `*.${key}`, `*.*.${key}`]),
];

/**
 * Drops the query string and fragment (tokens sometimes travel there) and the secret of a
 * heartbeat ping URL (`/ping/<token>`), which is the credential itself.
 */
export function redactUrl(url: string | undefined): string | undefined {
  if (!url) return url;
  const cut = url.search(/[?#]/);
  const path = (cut === -1 ? url : url.slice(0, cut)).replace(/^\/ping\/[^/]+/, '/ping/[redacted]');
  return cut === -1 ? path : `${path}?[redacted]`;
}

/** Replaces the password of any postgres:// or smtp:// URL inside a message. */
export function redactText(text: string): string {
  return text.replace(/((?:postgres(?:ql)?|smtps?):\/\/[^:/@\s]+:)[^@\s]+@/gi, '$1***@');
}

export function createLogger(level: string, destination?: DestinationStream): Logger {
  return pino(
    {
      level,
      base: { service: 'keel' },
      redact: { paths: redactPaths, censor: '[redacted]' },
      serializers: {
        err: (err: Error) => ({
          type: err.name,
          message: redactText(err.message),
          stack: err.stack ? redactText(err.stack) : undefined,
        }),
        req: (req: { method?: string; url?: string; ip?: string }) => ({
          method: req.method,
          url: redactUrl(req.url),
          ip: req.ip,
        }),
      },
    },
    destination,
  );
}
