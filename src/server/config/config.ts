/**
 * @module Configuration: every setting Keel reads, in one zod schema, parsed once at start.
 * A bad setting stops Keel with the list of every problem. Each variable is documented once,
 * here, and mirrored in `.env.example`.
 */
import path from 'node:path';
import { z } from 'zod';

const bool = z
  .enum(['true', 'false', '1', '0', 'yes', 'no'], { message: 'must be true or false' })
  .transform((v) => v === 'true' || v === '1' || v === 'yes');

const envSchema = z.object({
  /** TCP port of the web server. */
  PORT: z.coerce.number({ message: 'must be a number' }).int().min(0).max(65535).default(3000),
  /** Interface to listen on; 0.0.0.0 to accept connections from other machines. */
  HOST: z.string().min(1).default('127.0.0.1'),
  /** Where the embedded database, the encryption key and caches live. */
  KEEL_DATA_DIR: z.string().min(1).default('./data'),
  /** A PostgreSQL server to use instead of the embedded database. */
  DATABASE_URL: z
    .string()
    .regex(/^postgres(ql)?:\/\//, { message: 'must start with postgres:// or postgresql://' })
    .optional(),
  /** Size of the PostgreSQL connection pool per process. */
  KEEL_DB_POOL_SIZE: z.coerce.number().int().min(1).max(200).default(10),
  /** 32-byte key (base64 or 64 hex digits) for credentials at rest; generated into the data dir when unset. */
  KEEL_ENCRYPTION_KEY: z.string().optional(),
  /** The address people use to reach Keel (invite links, Secure cookies when https). */
  KEEL_PUBLIC_URL: z.url({ message: 'must be a URL such as https://keel.example.com' }).optional(),
  /** Trust X-Forwarded-* headers from a reverse proxy. */
  KEEL_TRUST_PROXY: bool.default(false),
  /** pino log level. */
  LOG_LEVEL: z.enum(['fatal', 'error', 'warn', 'info', 'debug', 'trace', 'silent']).default('info'),
  /** Idle time after which a session ends, in hours. */
  KEEL_SESSION_TTL_HOURS: z.coerce
    .number()
    .int()
    .min(1)
    .max(24 * 365)
    .default(24 * 14),
  /** Largest accepted request body, in bytes. */
  KEEL_BODY_LIMIT_BYTES: z.coerce
    .number()
    .int()
    .min(1024)
    .max(100 * 1024 * 1024)
    .default(1024 * 1024),
  /** Failed sign-ins per account within 15 minutes before sign-in is refused (per address: ten times this). */
  KEEL_LOGIN_MAX_FAILURES: z.coerce.number().int().min(1).max(1000).default(10),
  /** Outgoing mail server: smtp://user:password@host:587 (STARTTLS when offered) or smtps://…:465. Unset: mail is kept in the outbox, marked failed, until it is set. */
  KEEL_SMTP_URL: z
    .string()
    .regex(/^smtps?:\/\/[^\s]+$/, {
      message: 'must look like smtp://user:password@host:587 or smtps://host:465',
    })
    .optional(),
  /** The sender of Keel's emails. */
  KEEL_MAIL_FROM: z.string().min(3).default('Keel <keel@localhost>'),
  /** Time allowed for each SMTP step (connect, greeting, each command), in milliseconds. */
  KEEL_SMTP_TIMEOUT_MS: z.coerce.number().int().min(100).max(300_000).default(15_000),
  /** Submissions of the public intake form accepted per address per hour. */
  KEEL_INTAKE_MAX_PER_HOUR: z.coerce.number().int().min(1).max(10_000).default(5),
  /** Worker jobs processed at once per process. */
  KEEL_WORKER_CONCURRENCY: z.coerce.number().int().min(1).max(64).default(4),
  /** Accept file:// repository URLs (off: connect a folder as a local path instead). */
  KEEL_GIT_ALLOW_FILE_URLS: bool.default(false),
  /** Longest a repository clone or fetch may take, in seconds. */
  KEEL_GIT_TIMEOUT_SECONDS: z.coerce.number().int().min(5).max(7200).default(600),
  /** Let monitors and webhooks reach private and loopback addresses (self-hosted internal services). */
  KEEL_MONITOR_ALLOW_PRIVATE: bool.default(false),
  /** Checks run at once per process by the monitor scheduler. */
  KEEL_MONITOR_CONCURRENCY: z.coerce.number().int().min(1).max(2000).default(200),
  /** Days raw check results (rows, then packed hours) are kept before only the rollups remain. */
  KEEL_MONITOR_RAW_RETENTION_DAYS: z.coerce.number().int().min(1).max(400).default(7),
  /** Minutes between reminders while an incident is open and unacknowledged; 0 sends none. */
  KEEL_ALERT_REMINDER_MINUTES: z.coerce
    .number({ message: 'must be a number of minutes' })
    .int()
    .min(0)
    .max(7 * 24 * 60)
    .default(60),
});

export interface Config {
  port: number;
  host: string;
  dataDir: string;
  databaseUrl: string | undefined;
  dbPoolSize: number;
  encryptionKey: string | undefined;
  publicUrl: string | undefined;
  trustProxy: boolean;
  logLevel: z.infer<typeof envSchema>['LOG_LEVEL'];
  sessionTtlHours: number;
  bodyLimitBytes: number;
  loginMaxFailures: number;
  workerConcurrency: number;
  intakeMaxPerHour: number;
  gitAllowFileUrls: boolean;
  gitTimeoutSeconds: number;
  smtpUrl: string | undefined;
  mailFrom: string;
  smtpTimeoutMs: number;
  monitorAllowPrivate: boolean;
  monitorConcurrency: number;
  monitorRawRetentionDays: number;
  alertReminderMinutes: number;
}

export class ConfigError extends Error {
  constructor(readonly problems: string[]) {
    super(`invalid configuration:\n${problems.map((p) => `  - ${p}`).join('\n')}`);
    this.name = 'ConfigError';
  }
}

/** Parses the environment; throws a ConfigError listing every problem at once. */
export function loadConfig(env: NodeJS.ProcessEnv = process.env): Config {
  const input = Object.fromEntries(
    Object.entries(env).filter(([key, value]) => key in envSchema.shape && value !== ''),
  );
  const parsed = envSchema.safeParse(input);
  if (!parsed.success) {
    throw new ConfigError(parsed.error.issues.map((i) => `${i.path.join('.')}: ${i.message}`));
  }
  const e = parsed.data;
  return {
    port: e.PORT,
    host: e.HOST,
    dataDir: path.resolve(e.KEEL_DATA_DIR),
    databaseUrl: e.DATABASE_URL,
    dbPoolSize: e.KEEL_DB_POOL_SIZE,
    encryptionKey: e.KEEL_ENCRYPTION_KEY,
    publicUrl: e.KEEL_PUBLIC_URL?.replace(/\/+$/, ''),
    trustProxy: e.KEEL_TRUST_PROXY,
    logLevel: e.LOG_LEVEL,
    sessionTtlHours: e.KEEL_SESSION_TTL_HOURS,
    bodyLimitBytes: e.KEEL_BODY_LIMIT_BYTES,
    loginMaxFailures: e.KEEL_LOGIN_MAX_FAILURES,
    workerConcurrency: e.KEEL_WORKER_CONCURRENCY,
    intakeMaxPerHour: e.KEEL_INTAKE_MAX_PER_HOUR,
    gitAllowFileUrls: e.KEEL_GIT_ALLOW_FILE_URLS,
    gitTimeoutSeconds: e.KEEL_GIT_TIMEOUT_SECONDS,
    smtpUrl: e.KEEL_SMTP_URL,
    mailFrom: e.KEEL_MAIL_FROM,
    smtpTimeoutMs: e.KEEL_SMTP_TIMEOUT_MS,
    monitorAllowPrivate: e.KEEL_MONITOR_ALLOW_PRIVATE,
    monitorConcurrency: e.KEEL_MONITOR_CONCURRENCY,
    monitorRawRetentionDays: e.KEEL_MONITOR_RAW_RETENTION_DAYS,
    alertReminderMinutes: e.KEEL_ALERT_REMINDER_MINUTES,
  };
}

/** A database URL fit for logs and messages: the password replaced by ***. */
export function maskDatabaseUrl(url: string): string {
  try {
    const parsed = new URL(url);
    if (parsed.password) parsed.password = '***';
    return parsed.toString();
  } catch {
    return 'postgres://***';
  }
}
