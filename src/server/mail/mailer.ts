/**
 * @module SMTP delivery through nodemailer. One transport per process, built from
 * `KEEL_SMTP_URL`; every step has a timeout so a silent server cannot hold a worker. Errors are
 * reduced to one line without credentials before they are stored or logged.
 */
import nodemailer, { type Transporter } from 'nodemailer';
import type { Config } from '../config/config.ts';
import { redactText } from '../logger.ts';

export interface MailMessage {
  to: string[];
  subject: string;
  text: string;
  html?: string | null | undefined;
}

export class MailNotConfiguredError extends Error {
  constructor() {
    super('no mail server is configured: set KEEL_SMTP_URL (smtp://user:password@host:587)');
    this.name = 'MailNotConfiguredError';
  }
}

const transports = new Map<string, Transporter>();

function transportFor(config: Config): Transporter {
  if (!config.smtpUrl) throw new MailNotConfiguredError();
  const key = `${config.smtpUrl}|${config.smtpTimeoutMs}`;
  let transport = transports.get(key);
  if (!transport) {
    const url = new URL(config.smtpUrl);
    transport = nodemailer.createTransport({
      host: url.hostname,
      port: Number(url.port || (url.protocol === 'smtps:' ? 465 : 587)),
      secure: url.protocol === 'smtps:',
      ...(url.username
        ? {
            auth: {
              user: decodeURIComponent(url.username),
              pass: decodeURIComponent(url.password),
            },
          }
        : {}),
      connectionTimeout: config.smtpTimeoutMs,
      greetingTimeout: config.smtpTimeoutMs,
      socketTimeout: config.smtpTimeoutMs,
      // Loopback servers (tests, a local relay) rarely have a certificate for "localhost".
      tls: { rejectUnauthorized: !['127.0.0.1', 'localhost', '::1'].includes(url.hostname) },
    });
    transports.set(key, transport);
  }
  return transport;
}

/** Sends one message now; resolves with the server's message id. */
export async function deliver(config: Config, message: MailMessage): Promise<string> {
  const info = await transportFor(config).sendMail({
    from: config.mailFrom,
    to: message.to,
    subject: message.subject,
    text: message.text,
    ...(message.html ? { html: message.html } : {}),
  });
  return info.messageId;
}

/** One line fit for the outbox and the log: the server's answer, never credentials. */
export function describeMailError(error: unknown): string {
  if (error instanceof MailNotConfiguredError) return error.message;
  const e = error as { message?: string; code?: string; responseCode?: number };
  const base = (e.message ?? String(error)).split('\n')[0]!.slice(0, 500);
  const code = e.code ? ` (${e.code})` : '';
  return redactText(`${base}${code}`);
}
