/**
 * @module Monitoring's request and response schemas: monitor definitions (HTTP, TCP, DNS, TLS,
 * heartbeat), results, incidents and alert channels. Shared by the server, web app and CLI.
 */
import { z } from 'zod';
import { uuidSchema } from './api.ts';

/** Shortest interval without the expert setting, and with it. */
export const MIN_INTERVAL_SECONDS = 10;
export const MIN_EXPERT_INTERVAL_SECONDS = 1;
export const DEFAULT_RETRIES = 2;
export const DEFAULT_RECOVERIES = 1;
export const DEFAULT_CERT_WARN_DAYS = [21, 14, 7];
export const BODY_CAP_BYTES = 1024 * 1024;

export const monitorKinds = ['http', 'tcp', 'dns', 'tls', 'heartbeat'] as const;
export type MonitorKind = (typeof monitorKinds)[number];
export const monitorStatuses = ['pending', 'up', 'degraded', 'down', 'paused'] as const;
export type MonitorStatus = (typeof monitorStatuses)[number];

/** What went wrong, named for what it is. */
export const faults = [
  'timeout',
  'refused',
  'reset',
  'unreachable',
  'dns',
  'blocked',
  'invalid-cert',
  'cert-expiring',
  'cert-expired',
  'redirect-loop',
  'too-many-redirects',
  'garbage',
  'huge-body',
  'status',
  'assertion',
  'slow',
  'missed-ping',
  'failed-ping',
] as const;
export type Fault = (typeof faults)[number];

const statusPattern = z.string().regex(/^[1-5]\d\d(-[1-5]\d\d)?$|^[1-5]xx$/, {
  message: 'must be a status code (200), a range (200-299) or a class (2xx)',
});
const headerName = z.string().regex(/^[!#$%&'*+.^_`|~0-9A-Za-z-]+$/, {
  message: 'must be a valid header name',
});

export const jsonAssertion = z.strictObject({
  /** `$.status`, `$.items[0].id`. */
  path: z.string().regex(/^\$(\.[A-Za-z_$][\w$-]*|\[\d+\])*$/, {
    message: 'must be a JSON path such as $.status or $.items[0].id',
  }),
  op: z.enum(['equals', 'not-equals', 'exists', 'contains', 'less-than', 'greater-than']),
  value: z.union([z.string(), z.number(), z.boolean(), z.null()]).optional(),
});

const url = z
  .string()
  .trim()
  .max(2048)
  .refine(
    (v) => {
      try {
        const u = new URL(v);
        return (u.protocol === 'http:' || u.protocol === 'https:') && Boolean(u.hostname);
      } catch {
        return false;
      }
    },
    { message: 'must be an http:// or https:// URL such as https://example.com/health' },
  );
const hostName = z
  .string()
  .trim()
  .min(1, { message: 'is required' })
  .max(253)
  .regex(/^[A-Za-z0-9.:_\-[\]]+$/, { message: 'must be a host name or an IP address' });
const port = z.number().int().min(1, { message: 'must be 1–65535' }).max(65535);

export const httpTarget = z.strictObject({
  kind: z.literal('http'),
  /**
   * The values of secret query parameters (see `isSecretParam`) are sealed like secret headers
   * and come back masked (`?apikey=ab…(41 chars)`); a user and password
   * (`https://user:pass@host/`) move into a sealed `Authorization: Basic` header.
   */
  url,
  method: z.enum(['GET', 'HEAD', 'POST', 'PUT', 'PATCH', 'DELETE', 'OPTIONS']).default('GET'),
  /**
   * Secret headers (see `isSecretHeader`) are sealed in the credentials table and come back
   * masked (`Bearer ab…(41 chars)`); sending the masked value back keeps the stored one.
   */
  headers: z.record(headerName, z.string().max(4096)).default({}),
  /** More header names to treat as secret, beyond the ones recognised by name. */
  secretHeaders: z.array(headerName).max(20).default([]),
  body: z
    .string()
    .max(64 * 1024)
    .optional(),
  /** The body carries a credential (a login form): sealed and masked like a secret header. */
  secretBody: z.boolean().default(false),
  expectedStatus: z.array(statusPattern).max(20).default(['200-399']),
  bodyContains: z.string().min(1).max(1000).optional(),
  bodyNotContains: z.string().min(1).max(1000).optional(),
  /** RE2 syntax: linear time, no backreferences. */
  bodyRegex: z.string().min(1).max(1000).optional(),
  jsonAssertions: z.array(jsonAssertion).max(20).default([]),
  maxResponseMs: z.number().int().min(1).max(120_000).optional(),
  followRedirects: z.boolean().default(true),
  verifyTls: z.boolean().default(true),
});
/** Header names that always carry a credential. */
const credentialHeaders = new Set(['authorization', 'proxy-authorization', 'cookie', 'x-api-key']);
/** Names that look like they carry one: X-Auth-Token, Api-Key, X-Client-Secret, X-Session… */
const credentialLike = /token|key|secret|passw|auth|session|signature|credential|cookie/i;

/** Whether a header of an HTTP monitor is a credential: by name, or marked secret by the user. */
export function isSecretHeader(name: string, marked: readonly string[] = []): boolean {
  const lower = name.toLowerCase();
  return (
    credentialHeaders.has(lower) ||
    credentialLike.test(name) ||
    marked.some((m) => m.toLowerCase() === lower)
  );
}

/** Query parameter names that always carry a credential, beyond those that look like one. */
const credentialParams = new Set(['sig', 'pass', 'pwd', 'jwt', 'hmac']);

/**
 * Whether a query parameter of an HTTP monitor's URL carries a credential, by its (decoded)
 * name: the header names' heuristic (apikey, api_key, key, token, access_token, secret,
 * client_secret, password, auth, session, signature, X-Amz-Credential…) and `sig`, `pass`,
 * `pwd`, `jwt`, `hmac`. Its value is sealed and the stored URL shows a mask.
 */
export function isSecretParam(name: string): boolean {
  return credentialParams.has(name.toLowerCase()) || credentialLike.test(name);
}

export const tcpTarget = z.strictObject({ kind: z.literal('tcp'), host: hostName, port });
export const dnsRecordTypes = ['A', 'AAAA', 'CNAME', 'MX', 'TXT', 'NS', 'CAA', 'SRV'] as const;
const IPV4 = /^(25[0-5]|2[0-4]\d|1\d\d|[1-9]?\d)(\.(25[0-5]|2[0-4]\d|1\d\d|[1-9]?\d)){3}$/;
const IPV6 = /^[0-9a-f:.]+$/i;

/**
 * A DNS server given as `1.1.1.1`, `1.1.1.1:53`, `2606:4700::1111` or `[2606:4700::1111]:53`:
 * its address and port, or null when it is not one of those shapes.
 */
export function parseDnsServer(value: string): { address: string; port: number } | null {
  const bracketed = /^\[([^\]]+)\](?::(\d{1,5}))?$/.exec(value);
  const v4 = /^([\d.]+)(?::(\d{1,5}))?$/.exec(value);
  const [address, portText] = bracketed
    ? [bracketed[1]!, bracketed[2]]
    : v4
      ? [v4[1]!, v4[2]]
      : [value, undefined];
  const port = portText === undefined ? 53 : Number(portText);
  if (port < 1 || port > 65_535) return null;
  if (IPV4.test(address)) return { address, port };
  if (!v4 && address.includes(':') && IPV6.test(address) && address.split(':').length <= 9)
    return { address, port };
  return null;
}

export const dnsTarget = z.strictObject({
  kind: z.literal('dns'),
  hostname: hostName,
  recordType: z.enum(dnsRecordTypes).default('A'),
  /** Every expected value must be among the answers; empty: any answer will do. */
  expected: z.array(z.string().trim().min(1).max(512)).max(50).default([]),
  /**
   * A resolver to ask, as an address (`1.1.1.1`, `10.0.0.2:53`, `[2606:4700::1111]:53`); the
   * system's when unset. An address, not a name: the SSRF policy checks it like any target.
   */
  server: z
    .string()
    .trim()
    .max(100)
    .refine((value) => parseDnsServer(value) !== null, {
      message: 'must be an IP address with an optional port, such as 1.1.1.1 or 10.0.0.2:53',
    })
    .optional(),
});
export const tlsTarget = z.strictObject({
  kind: z.literal('tls'),
  host: hostName,
  port: port.default(443),
  warnDays: z.array(z.number().int().min(1).max(365)).min(1).max(5).default(DEFAULT_CERT_WARN_DAYS),
});
export const heartbeatSchedule = z.discriminatedUnion('type', [
  z.strictObject({
    type: z.literal('period'),
    periodSeconds: z
      .number()
      .int()
      .min(60, { message: 'must be at least 60 seconds' })
      .max(31 * 86400),
    graceSeconds: z
      .number()
      .int()
      .min(0)
      .max(7 * 86400)
      .default(300),
  }),
  z.strictObject({
    type: z.literal('cron'),
    cron: z.string().trim().min(1, { message: 'is required' }).max(200),
    timezone: z.string().trim().min(1).max(64).default('UTC'),
    graceSeconds: z
      .number()
      .int()
      .min(0)
      .max(7 * 86400)
      .default(300),
  }),
]);
export const heartbeatTarget = z.strictObject({
  kind: z.literal('heartbeat'),
  schedule: heartbeatSchedule,
  /** A backup job: the page shows "last backup age". */
  isBackup: z.boolean().default(false),
});

export const monitorTarget = z.discriminatedUnion('kind', [
  httpTarget,
  tcpTarget,
  dnsTarget,
  tlsTarget,
  heartbeatTarget,
]);
export type MonitorTarget = z.output<typeof monitorTarget>;
export type HttpTarget = z.output<typeof httpTarget>;
export type TcpTarget = z.output<typeof tcpTarget>;
export type DnsTarget = z.output<typeof dnsTarget>;
export type TlsTarget = z.output<typeof tlsTarget>;
export type HeartbeatTarget = z.output<typeof heartbeatTarget>;

const monitorFields = {
  name: z.string().trim().min(1, { message: 'is required' }).max(200),
  target: monitorTarget,
  intervalSeconds: z.number().int().max(86_400, { message: 'must be at most one day' }).default(60),
  /** Allows intervals down to 1 second. */
  expertInterval: z.boolean().default(false),
  timeoutSeconds: z.number().int().min(1).max(120).default(10),
  retries: z.number().int().min(0).max(20).default(DEFAULT_RETRIES),
  recoveries: z.number().int().min(1).max(20).default(DEFAULT_RECOVERIES),
  enabled: z.boolean().default(true),
};

function checkInterval(
  value: { intervalSeconds?: number | undefined; expertInterval?: boolean | undefined },
  ctx: z.RefinementCtx,
) {
  if (value.intervalSeconds === undefined) return;
  const min = value.expertInterval ? MIN_EXPERT_INTERVAL_SECONDS : MIN_INTERVAL_SECONDS;
  if (value.intervalSeconds < min)
    ctx.addIssue({
      code: 'custom',
      path: ['intervalSeconds'],
      message: value.expertInterval
        ? `must be at least ${MIN_EXPERT_INTERVAL_SECONDS} second`
        : `must be at least ${MIN_INTERVAL_SECONDS} seconds (shorter needs expertInterval: true)`,
    });
}

export const monitorInput = z.strictObject(monitorFields).superRefine(checkInterval);
export type MonitorInput = z.input<typeof monitorInput>;
export const monitorPatch = z
  .strictObject({
    name: monitorFields.name.optional(),
    target: monitorTarget.optional(),
    intervalSeconds: z.number().int().max(86_400).optional(),
    expertInterval: z.boolean().optional(),
    timeoutSeconds: z.number().int().min(1).max(120).optional(),
    retries: z.number().int().min(0).max(20).optional(),
    recoveries: z.number().int().min(1).max(20).optional(),
    enabled: z.boolean().optional(),
  })
  .superRefine(checkInterval);

export const monitorSchema = z.object({
  id: z.string(),
  clientId: z.string(),
  name: z.string(),
  kind: z.enum(monitorKinds),
  target: z.record(z.string(), z.unknown()),
  intervalSeconds: z.number(),
  expertInterval: z.boolean(),
  timeoutSeconds: z.number(),
  retries: z.number(),
  recoveries: z.number(),
  enabled: z.boolean(),
  status: z.enum(monitorStatuses),
  isFlapping: z.boolean(),
  lastCheckedAt: z.string().nullable(),
  lastLatencyMs: z.number().nullable(),
  lastMessage: z.string().nullable(),
  lastFault: z.string().nullable(),
  nextRunAt: z.string().nullable(),
  lastPingAt: z.string().nullable(),
  /** Heartbeats: the last success ping (a failed run pings too, and is not a backup). */
  lastSuccessAt: z.string().nullable(),
  lastRunMs: z.number().nullable(),
  statusChangedAt: z.string().nullable(),
  /** 24 hours in 24 hourly buckets: uptime share (0–1) or null when nothing ran. */
  sparkline: z.array(z.number().nullable()).optional(),
  /** The same 24 hours: mean latency of the successful checks per hour, in ms. */
  latencyLine: z.array(z.number().nullable()).optional(),
  createdAt: z.string(),
});
export type Monitor = z.infer<typeof monitorSchema>;

export const monitorListQuery = z.strictObject({
  q: z.string().trim().max(200).optional(),
  status: z.enum(monitorStatuses).optional(),
  kind: z.enum(monitorKinds).optional(),
  limit: z.coerce.number().int().min(1).max(200).default(50),
  offset: z.coerce.number().int().min(0).default(0),
});

export const resultSchema = z.object({
  at: z.string(),
  ok: z.boolean(),
  status: z.enum(monitorStatuses),
  fault: z.string().nullable(),
  message: z.string(),
  statusCode: z.number().nullable(),
  dnsMs: z.number().nullable(),
  connectMs: z.number().nullable(),
  tlsMs: z.number().nullable(),
  firstByteMs: z.number().nullable(),
  totalMs: z.number().nullable(),
});
export type CheckResultRow = z.infer<typeof resultSchema>;

export const incidentEventSchema = z.object({
  at: z.string(),
  kind: z.string(),
  message: z.string(),
});
export const incidentSchema = z.object({
  id: z.string(),
  monitorId: z.string(),
  monitorName: z.string(),
  clientId: z.string(),
  openedAt: z.string(),
  resolvedAt: z.string().nullable(),
  acknowledgedAt: z.string().nullable(),
  cause: z.string(),
  rootCause: z.string(),
  events: z.array(incidentEventSchema).optional(),
});
export type Incident = z.infer<typeof incidentSchema>;

export const incidentPatch = z.strictObject({
  acknowledged: z.literal(true).optional(),
  rootCause: z.string().max(10_000).optional(),
});

export const alertChannelInput = z.discriminatedUnion('kind', [
  z.strictObject({
    kind: z.literal('email'),
    name: z.string().trim().min(1).max(200),
    to: z
      .array(z.email({ message: 'must be an email address' }))
      .min(1)
      .max(20),
    enabled: z.boolean().default(true),
  }),
  z.strictObject({
    kind: z.literal('webhook'),
    name: z.string().trim().min(1).max(200),
    url,
    format: z.enum(['json', 'slack']).default('json'),
    enabled: z.boolean().default(true),
  }),
]);
export const alertChannelSchema = z.object({
  id: z.string(),
  clientId: z.string(),
  kind: z.enum(['email', 'webhook']),
  name: z.string(),
  to: z.array(z.string()).optional(),
  url: z.string().optional(),
  format: z.string().optional(),
  enabled: z.boolean(),
  /** Shown once, when a webhook channel is created: the HMAC-SHA256 signing secret. */
  secret: z.string().optional(),
  createdAt: z.string(),
});
export type AlertChannel = z.infer<typeof alertChannelSchema>;

export const uptimeSchema = z.object({
  window: z.string(),
  uptime: z.number().nullable(),
  checks: z.number(),
  failures: z.number(),
  p50Ms: z.number().nullable(),
  p95Ms: z.number().nullable(),
  p99Ms: z.number().nullable(),
});

export const monitorParams = z.strictObject({ clientId: uuidSchema, monitorId: uuidSchema });
export const incidentParams = z.strictObject({ clientId: uuidSchema, incidentId: uuidSchema });
export const channelParams = z.strictObject({ clientId: uuidSchema, channelId: uuidSchema });

/** The windows of the monitor page's latency chart, each read from the rollups. */
export const latencyWindows = ['6h', '24h', '7d', '30d', '90d', '365d'] as const;
export type LatencyWindow = (typeof latencyWindows)[number];
export const latencyPointSchema = z.object({
  start: z.string(),
  checks: z.number(),
  failures: z.number(),
  uptime: z.number().nullable(),
  p50Ms: z.number().nullable(),
  p95Ms: z.number().nullable(),
  p99Ms: z.number().nullable(),
});
export type LatencyPoint = z.infer<typeof latencyPointSchema>;

export const alertChannelPatch = z.strictObject({
  name: z.string().trim().min(1).max(200).optional(),
  /** Whether this client's alerts go to the channel (a test alert always does). */
  enabled: z.boolean().optional(),
});
export const alertDeliverySchema = z.object({
  id: z.string(),
  event: z.string(),
  state: z.enum(['queued', 'sent', 'failed', 'dropped']),
  attempts: z.number(),
  lastError: z.string().nullable(),
  createdAt: z.string(),
  sentAt: z.string().nullable(),
  latencyMs: z.number().nullable(),
});
export type AlertDelivery = z.infer<typeof alertDeliverySchema>;
