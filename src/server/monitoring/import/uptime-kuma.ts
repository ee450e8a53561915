/**
 * @module Uptime Kuma 1.x backup JSON (Settings → Backup → Export: `{ version, notificationList,
 * monitorList }`) → Keel monitor inputs. http, keyword, json-query, port, dns and push map; push
 * becomes a heartbeat with a new ping URL; ping, docker, group and the database/game/broker
 * types have no Keel equivalent and are reported with the reason.
 */
import { dnsRecordTypes, type MonitorInput } from '../../../shared/monitoring.ts';
import type { ImportIssue } from '../../../shared/monitor-import.ts';
import {
  ImportInputError,
  jsonValueOf,
  keelJsonPath,
  scalarText,
  type Candidate,
  type ParsedSource,
} from './types.ts';

type KumaMonitor = Record<string, unknown>;

const unmappable: Record<string, string> = {
  ping: 'Keel has no ICMP ping check; add a TCP monitor on a port the host serves',
  docker: 'Keel does not watch Docker containers; monitor the service the container exposes',
  group: 'a group is a folder in Uptime Kuma, not a check; its monitors are imported on their own',
  push: '',
  'real-browser': 'Keel has no browser-based check; an HTTP monitor with a keyword comes closest',
  'grpc-keyword': 'Keel has no gRPC check',
  steam: 'Keel has no game-server check',
  gamedig: 'Keel has no game-server check',
  mqtt: 'Keel has no MQTT check; a TCP monitor on the broker port comes closest',
  'kafka-producer': 'Keel has no Kafka check; a TCP monitor on the broker port comes closest',
  sqlserver: 'Keel does not log into databases; a TCP monitor on the database port comes closest',
  postgres: 'Keel does not log into databases; a TCP monitor on the database port comes closest',
  mysql: 'Keel does not log into databases; a TCP monitor on the database port comes closest',
  mongodb: 'Keel does not log into databases; a TCP monitor on the database port comes closest',
  redis: 'Keel does not log into databases; a TCP monitor on the database port comes closest',
  radius: 'Keel has no RADIUS check',
  'tailscale-ping': 'Keel has no Tailscale check',
};

/** Line and column of a JSON.parse error, from the position in its message. */
function jsonErrorLine(content: string, error: Error): number | undefined {
  const position = /position (\d+)/.exec(error.message)?.[1];
  const line = /line (\d+)/.exec(error.message)?.[1];
  if (line) return Number(line);
  if (position === undefined) return undefined;
  return content.slice(0, Number(position)).split('\n').length;
}

const str = (v: unknown) => (typeof v === 'string' ? v : undefined);
const num = (v: unknown) => (typeof v === 'number' && Number.isFinite(v) ? v : undefined);

export function parseUptimeKuma(content: string): ParsedSource {
  let data: unknown;
  try {
    data = JSON.parse(content);
  } catch (error) {
    const line = jsonErrorLine(content, error as Error);
    throw new ImportInputError(
      'content',
      `not valid JSON (${(error as Error).message.split('\n')[0]})`,
      line,
    );
  }
  if (!data || typeof data !== 'object' || Array.isArray(data))
    throw new ImportInputError('content', 'must be an Uptime Kuma backup: a JSON object');
  const backup = data as Record<string, unknown>;
  if (!Array.isArray(backup.monitorList))
    throw new ImportInputError(
      'monitorList',
      'is missing or not a list: is this an Uptime Kuma backup (Settings → Backup → Export)?',
    );
  const notes: ImportIssue[] = [];
  if (typeof backup.version === 'string' && !backup.version.startsWith('1.'))
    notes.push({
      field: 'version',
      reason: `written by Uptime Kuma ${backup.version}; read as the 1.x format`,
    });
  if (Array.isArray(backup.notificationList) && backup.notificationList.length > 0)
    notes.push({
      field: 'notificationList',
      reason: `${backup.notificationList.length} notification(s) not imported: set up alert channels (email, webhook) in Keel`,
    });
  const groups = new Map<number, string>();
  for (const m of backup.monitorList as KumaMonitor[])
    if (m && m.type === 'group' && typeof m.id === 'number') groups.set(m.id, String(m.name));
  const candidates = (backup.monitorList as unknown[]).map((m, i) =>
    mapMonitor(m, `monitorList[${i}]`, groups),
  );
  return { candidates, notes };
}

function mapMonitor(raw: unknown, source: string, groups: Map<number, string>): Candidate {
  if (!raw || typeof raw !== 'object' || Array.isArray(raw))
    return { name: '', source, sourceType: '?', skipReason: 'not an object', issues: [] };
  const m = raw as KumaMonitor;
  const type = str(m.type) ?? '?';
  const name = (str(m.name) ?? '').trim();
  const issues: ImportIssue[] = [];
  const base = { name, source, sourceType: type, issues };
  if (!name) return { ...base, skipReason: 'has no name' };
  if (type !== 'push' && type in unmappable) return { ...base, skipReason: unmappable[type] };
  if (m.upsideDown === true)
    return {
      ...base,
      skipReason: 'upside-down mode (up when the check fails) has no Keel equivalent',
    };

  const interval = num(m.interval) ?? 60;
  const common: Omit<MonitorInput, 'target'> = {
    name,
    intervalSeconds: Math.max(10, Math.round(interval)),
    retries: Math.min(20, Math.max(0, Math.round(num(m.maxretries) ?? 0))),
    enabled: m.active !== false && m.active !== 0,
  };
  if (interval < 10)
    issues.push({ field: 'interval', reason: `${interval} s raised to Keel's minimum of 10 s` });
  const timeout = num(m.timeout);
  if (timeout !== undefined && timeout > 0)
    common.timeoutSeconds = Math.min(120, Math.max(1, Math.round(timeout)));
  if (typeof m.parent === 'number' && groups.has(m.parent))
    issues.push({
      field: 'parent',
      reason: `group "${groups.get(m.parent)}" not kept: Keel has no monitor groups (an SLO can cover several monitors)`,
    });
  if (Array.isArray(m.tags) && m.tags.length > 0)
    issues.push({ field: 'tags', reason: 'not imported: Keel has no monitor tags' });
  if (num(m.resendInterval))
    issues.push({
      field: 'resendInterval',
      reason:
        'not per monitor: Keel reminds while an incident is open and unacknowledged, every KEEL_ALERT_REMINDER_MINUTES (60 by default) for all monitors',
    });

  switch (type) {
    case 'http':
    case 'keyword':
    case 'json-query':
      return { ...base, input: { ...common, target: httpTarget(m, type, issues) } };
    case 'port': {
      const hostname = str(m.hostname);
      const port = num(m.port);
      if (!hostname || !port) return { ...base, skipReason: 'hostname or port is missing' };
      return { ...base, input: { ...common, target: { kind: 'tcp', host: hostname, port } } };
    }
    case 'dns': {
      const recordType = str(m.dns_resolve_type) ?? 'A';
      if (!(dnsRecordTypes as readonly string[]).includes(recordType))
        return { ...base, skipReason: `DNS record type ${recordType} is not one Keel checks` };
      const server = str(m.dns_resolve_server);
      const port = num(m.port);
      return {
        ...base,
        input: {
          ...common,
          target: {
            kind: 'dns',
            hostname: str(m.hostname) ?? '',
            recordType: recordType as (typeof dnsRecordTypes)[number],
            ...(server ? { server: port && port !== 53 ? `${server}:${port}` : server } : {}),
          },
        },
      };
    }
    case 'push': {
      const period = Math.max(60, Math.round(interval));
      if (interval < 60)
        issues.push({
          field: 'interval',
          reason: `${interval} s raised to 60 s, the shortest heartbeat period`,
        });
      issues.push({
        field: 'pushToken',
        reason: 'Keel issues a new ping URL: point the job at /ping/<token> instead of /api/push/…',
      });
      const {
        intervalSeconds: _interval,
        retries: _retries,
        timeoutSeconds: _timeout,
        ...rest
      } = common;
      return {
        ...base,
        input: {
          ...rest,
          target: {
            kind: 'heartbeat',
            schedule: {
              type: 'period',
              periodSeconds: period,
              // Kuma marks a missed push down after its retries, one retry interval apart.
              graceSeconds: Math.min(
                7 * 86400,
                (num(m.maxretries) ?? 0) * Math.round(num(m.retryInterval) ?? period),
              ),
            },
          },
        },
      };
    }
    default:
      return { ...base, skipReason: `Uptime Kuma type "${type}" has no Keel equivalent` };
  }
}

function httpTarget(m: KumaMonitor, type: string, issues: ImportIssue[]): MonitorInput['target'] {
  const headers: Record<string, string> = {};
  const rawHeaders = str(m.headers)?.trim();
  if (rawHeaders) {
    try {
      const parsed = JSON.parse(rawHeaders) as unknown;
      if (!parsed || typeof parsed !== 'object' || Array.isArray(parsed)) throw new Error();
      for (const [k, v] of Object.entries(parsed)) headers[k] = String(v);
    } catch {
      issues.push({ field: 'headers', reason: 'not a JSON object of header names to values' });
    }
  }
  if (m.authMethod === 'basic' && str(m.basic_auth_user))
    headers.Authorization = `Basic ${Buffer.from(`${str(m.basic_auth_user)}:${str(m.basic_auth_pass) ?? ''}`).toString('base64')}`;
  else if (str(m.authMethod) && m.authMethod !== 'basic' && m.authMethod !== null)
    issues.push({
      field: 'authMethod',
      reason: `${scalarText(m.authMethod)} authentication is not supported: only headers (basic auth)`,
    });
  const body = str(m.body)?.trim();
  if (
    body &&
    m.httpBodyEncoding !== 'xml' &&
    !Object.keys(headers).some((h) => /^content-type$/i.test(h))
  )
    headers['content-type'] = 'application/json';
  const codes = Array.isArray(m.accepted_statuscodes)
    ? m.accepted_statuscodes.map(String).map((c) => c.toLowerCase())
    : [];
  const expectedStatus = codes.filter((c) => /^[1-5]\d\d(-[1-5]\d\d)?$|^[1-5]xx$/.test(c));
  for (const c of codes)
    if (!expectedStatus.includes(c))
      issues.push({
        field: 'accepted_statuscodes',
        reason: `"${c}" is not a status, range or class`,
      });
  if (m.expiryNotification === true)
    issues.push({
      field: 'expiryNotification',
      reason: 'certificate expiry is a separate TLS monitor in Keel (warns at 21, 14 and 7 days)',
    });
  if (str(m.proxyId) || num(m.proxyId))
    issues.push({ field: 'proxyId', reason: 'Keel does not check through a proxy' });
  const target: Extract<MonitorInput['target'], { kind: 'http' }> = {
    kind: 'http',
    url: str(m.url) ?? '',
    method: (str(m.method)?.toUpperCase() ?? 'GET') as 'GET',
    headers,
    ...(body ? { body } : {}),
    ...(expectedStatus.length ? { expectedStatus } : {}),
    followRedirects: num(m.maxredirects) !== 0,
    verifyTls: m.ignoreTls !== true,
  };
  if (type === 'keyword') {
    const keyword = str(m.keyword);
    if (!keyword)
      issues.push({ field: 'keyword', reason: 'is empty: imported as a plain HTTP check' });
    else if (m.invertKeyword === true) target.bodyNotContains = keyword;
    else target.bodyContains = keyword;
  }
  if (type === 'json-query') {
    const path = keelJsonPath(str(m.jsonPath) ?? '');
    if (!path)
      issues.push({
        field: 'jsonPath',
        reason: `"${str(m.jsonPath) ?? ''}" is a JSONata expression Keel cannot run; only paths such as data.status map`,
      });
    else
      target.jsonAssertions = [
        { path, op: 'equals', value: jsonValueOf(str(m.expectedValue) ?? String(m.expectedValue)) },
      ];
  }
  return target;
}
