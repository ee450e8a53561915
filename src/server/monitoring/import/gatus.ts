/**
 * @module Gatus YAML configuration (`endpoints: [{ name, group, url, interval, conditions }]`) →
 * Keel monitor inputs. The URL scheme picks the kind (http(s), tcp, tls, a DNS server with a
 * `dns:` block); conditions map one by one ([STATUS], [RESPONSE_TIME], [BODY] paths and
 * patterns, [CONNECTED], DNS answers) and the rest are reported with the reason.
 */
import { isMap, isSeq, LineCounter, parseDocument, type Node } from 'yaml';
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

type Endpoint = Record<string, unknown>;
type HttpTarget = Extract<MonitorInput['target'], { kind: 'http' }>;

/** `30s`, `5m`, `1h30m`, `500ms` → seconds; null when it is not a Go duration. */
export function durationSeconds(text: string): number | null {
  const parts = [...text.trim().matchAll(/(\d+(?:\.\d+)?)(ms|s|m|h)/g)];
  if (parts.length === 0 || parts.map((p) => p[0]).join('') !== text.trim()) return null;
  const unit = { ms: 0.001, s: 1, m: 60, h: 3600 } as const;
  return parts.reduce((sum, p) => sum + Number(p[1]) * unit[p[2] as keyof typeof unit], 0);
}

export function parseGatus(content: string): ParsedSource {
  const lineCounter = new LineCounter();
  const doc = parseDocument(content, { lineCounter, prettyErrors: false });
  const error = doc.errors[0];
  if (error)
    throw new ImportInputError(
      'content',
      `not valid YAML (${error.message.split('\n')[0]})`,
      error.linePos?.[0].line ?? lineCounter.linePos(error.pos[0]).line,
    );
  const lineOf = (node: unknown) => {
    const range = (node as Node | undefined)?.range;
    return range ? lineCounter.linePos(range[0]).line : undefined;
  };
  const endpointsNode = isMap(doc.contents) ? doc.contents.get('endpoints', true) : undefined;
  const data = doc.toJS() as Record<string, unknown> | null;
  if (!data || typeof data !== 'object' || !Array.isArray(data.endpoints))
    throw new ImportInputError(
      'endpoints',
      'is missing or not a list: is this a Gatus configuration (config.yaml)?',
      lineOf(endpointsNode),
    );
  const notes: ImportIssue[] = [];
  for (const key of ['alerting', 'storage', 'ui', 'web', 'security', 'maintenance'])
    if (key in data) notes.push({ field: key, reason: `Gatus "${key}" settings are not imported` });
  if (Array.isArray(data['external-endpoints']) && data['external-endpoints'].length > 0)
    notes.push({
      field: 'external-endpoints',
      reason: 'push-based external endpoints are not imported: create heartbeats in Keel',
    });
  const items = isSeq(endpointsNode) ? endpointsNode.items : [];
  const endpoints = data.endpoints as unknown[];
  const names = endpoints.map((e) => scalarText((e as Endpoint | null)?.name).trim());
  const candidates = endpoints.map((e, i) => {
    const line = lineOf(items[i]);
    const source = line ? `endpoints[${i}] (line ${line})` : `endpoints[${i}]`;
    const duplicated = names.filter((n) => n === names[i]).length > 1;
    return mapEndpoint(e, source, duplicated);
  });
  return { candidates, notes };
}

function mapEndpoint(raw: unknown, source: string, duplicated: boolean): Candidate {
  if (!raw || typeof raw !== 'object' || Array.isArray(raw))
    return { name: '', source, sourceType: '?', skipReason: 'not a mapping', issues: [] };
  const e = raw as Endpoint;
  const group = typeof e.group === 'string' ? e.group.trim() : '';
  const plain = scalarText(e.name).trim();
  // Gatus keys endpoints by group and name; Keel by name, so a shared name takes its group.
  const name = duplicated && group ? `${group} / ${plain}` : plain;
  const url = typeof e.url === 'string' ? e.url.trim() : '';
  const scheme = /^([a-z]+):\/\//i.exec(url)?.[1]?.toLowerCase() ?? (e.dns ? 'dns' : '');
  const issues: ImportIssue[] = [];
  const base = { name, source, sourceType: scheme || '?', issues };
  if (!plain) return { ...base, skipReason: 'has no name' };
  if (!url) return { ...base, skipReason: 'has no url' };
  if (group && !duplicated)
    issues.push({
      field: 'group',
      reason: `group "${group}" not kept: Keel has no monitor groups (an SLO can cover several monitors)`,
    });
  const interval = typeof e.interval === 'string' ? durationSeconds(e.interval) : 60;
  if (interval === null)
    issues.push({
      field: 'interval',
      reason: `"${String(e.interval)}" is not a duration; 60 s used`,
    });
  const seconds = Math.max(10, Math.round(interval ?? 60));
  if (interval !== null && interval < 10)
    issues.push({ field: 'interval', reason: `${interval} s raised to Keel's minimum of 10 s` });
  const client = (e.client ?? {}) as Record<string, unknown>;
  const timeout = typeof client.timeout === 'string' ? durationSeconds(client.timeout) : null;
  const common = {
    name,
    intervalSeconds: seconds,
    enabled: e.enabled !== false,
    ...(timeout ? { timeoutSeconds: Math.min(120, Math.max(1, Math.round(timeout))) } : {}),
  };
  if (Array.isArray(e.alerts) && e.alerts.length > 0)
    issues.push({
      field: 'alerts',
      reason: 'per-endpoint alerts not imported: Keel alerts per client',
    });
  const conditions = Array.isArray(e.conditions) ? e.conditions.map(String) : [];

  if (e.dns && typeof e.dns === 'object') {
    const dns = e.dns as Record<string, unknown>;
    const recordType = (scalarText(dns['query-type']) || 'A').toUpperCase();
    if (!(dnsRecordTypes as readonly string[]).includes(recordType))
      return {
        ...base,
        sourceType: 'dns',
        skipReason: `DNS record type ${recordType} is not one Keel checks`,
      };
    const expected: string[] = [];
    conditions.forEach((c, i) => {
      const body = /^\[BODY\]\s*==\s*(.+)$/.exec(c.trim());
      if (body) expected.push(body[1]!.trim());
      else if (!/^\[DNS_RCODE\]\s*==\s*NOERROR$/.test(c.trim()))
        issues.push({ field: `conditions[${i}]`, reason: `"${c}" has no DNS equivalent in Keel` });
    });
    return {
      ...base,
      sourceType: 'dns',
      input: {
        ...common,
        target: {
          kind: 'dns',
          hostname: scalarText(dns['query-name']).replace(/\.$/, ''),
          recordType: recordType as (typeof dnsRecordTypes)[number],
          expected,
          server: url.replace(/^[a-z]+:\/\//i, ''),
        },
      },
    };
  }
  if (scheme === 'http' || scheme === 'https') {
    const target: HttpTarget = {
      kind: 'http',
      url,
      method: (scalarText(e.method) || 'GET').toUpperCase() as 'GET',
      headers: Object.fromEntries(
        Object.entries((e.headers ?? {}) as Record<string, unknown>).map(([k, v]) => [
          k,
          String(v),
        ]),
      ),
      ...(typeof e.body === 'string' && e.body.trim() ? { body: e.body } : {}),
      followRedirects: client['ignore-redirect'] !== true,
      verifyTls: client.insecure !== true,
    };
    conditions.forEach((c, i) => applyHttpCondition(target, c, `conditions[${i}]`, issues));
    return { ...base, input: { ...common, target } };
  }
  if (scheme === 'tcp' || scheme === 'tls') {
    const hostPort = /^[a-z]+:\/\/([^/:]+|\[[^\]]+\]):(\d+)/i.exec(url);
    if (!hostPort) return { ...base, skipReason: `${scheme}:// URL needs a host and a port` };
    conditions.forEach((c, i) => {
      if (/^\[CONNECTED\]\s*==\s*true$/.test(c.trim())) return;
      if (scheme === 'tls' && /^\[CERTIFICATE_EXPIRATION\]/.test(c.trim())) return;
      issues.push({
        field: `conditions[${i}]`,
        reason: `"${c}" has no ${scheme} equivalent in Keel`,
      });
    });
    const host = hostPort[1]!.replace(/^\[|\]$/g, '');
    const port = Number(hostPort[2]);
    return {
      ...base,
      input: {
        ...common,
        target: scheme === 'tcp' ? { kind: 'tcp', host, port } : { kind: 'tls', host, port },
      },
    };
  }
  const reasons: Record<string, string> = {
    icmp: 'Keel has no ICMP ping check; add a TCP monitor on a port the host serves',
    udp: 'Keel has no UDP check',
    sctp: 'Keel has no SCTP check',
    ssh: 'Keel does not log into SSH; a TCP monitor on port 22 comes closest',
    starttls: 'Keel has no STARTTLS check; a TCP monitor on the mail port comes closest',
    ws: 'Keel has no WebSocket check',
    wss: 'Keel has no WebSocket check',
    grpc: 'Keel has no gRPC check',
  };
  return {
    ...base,
    // Not the URL itself: it may hold a token.
    skipReason:
      reasons[scheme] ??
      (scheme
        ? `the URL scheme "${scheme}" has no Keel equivalent`
        : 'the URL has no scheme; write it as https://host/path'),
  };
}

/** Status ranges a `[STATUS] <op> n` comparison allows, as Keel patterns within 100–599. */
function statusRange(op: string, n: number): string | null {
  const [low, high] =
    op === '<'
      ? [100, n - 1]
      : op === '<='
        ? [100, n]
        : op === '>'
          ? [n + 1, 599]
          : op === '>='
            ? [n, 599]
            : [n, n];
  if (low > high || low < 100 || high > 599) return null;
  return low === high ? String(low) : `${low}-${high}`;
}

function applyHttpCondition(
  target: HttpTarget,
  condition: string,
  field: string,
  issues: ImportIssue[],
) {
  const c = condition.trim();
  const drop = (reason: string) => issues.push({ field, reason: `"${c}": ${reason}` });
  let m: RegExpExecArray | null;
  if ((m = /^\[STATUS\]\s*==\s*any\(([\d\s,]+)\)$/.exec(c))) {
    target.expectedStatus = m[1]!
      .split(',')
      .map((s) => s.trim())
      .filter(Boolean);
    return;
  }
  if ((m = /^\[STATUS\]\s*(==|<=|>=|<|>)\s*(\d{3})$/.exec(c))) {
    const range = statusRange(m[1]!, Number(m[2]));
    if (!range) return drop('not a status range Keel can express');
    target.expectedStatus = [range];
    return;
  }
  if ((m = /^\[RESPONSE_TIME\]\s*(<|<=)\s*(\d+)(ms|s)?$/.exec(c))) {
    const ms = Number(m[2]) * (m[3] === 's' ? 1000 : 1);
    target.maxResponseMs = Math.min(120_000, Math.max(1, m[1] === '<' ? ms - 1 : ms));
    return;
  }
  if ((m = /^\[BODY\]\s*(==|!=)\s*pat\((.+)\)$/.exec(c))) {
    const inner = /^\*([^*]+)\*$/.exec(m[2]!.trim());
    if (!inner) return drop('only pat(*text*) patterns map (to "body contains")');
    if (m[1] === '==') target.bodyContains = inner[1];
    else target.bodyNotContains = inner[1];
    return;
  }
  if ((m = /^\[BODY\]((?:\.[\w$-]+|\[\d+\])+)\s*(==|!=|<|>)\s*(.+)$/.exec(c))) {
    const path = keelJsonPath(m[1]!);
    const value = m[3]!.trim();
    if (!path) return drop('the JSON path cannot be expressed in Keel');
    if (/^(pat|any)\(/.test(value)) return drop('patterns and any() on JSON values do not map');
    const op = {
      '==': 'equals',
      '!=': 'not-equals',
      '<': 'less-than',
      '>': 'greater-than',
    } as const;
    target.jsonAssertions = [
      ...(target.jsonAssertions ?? []),
      { path, op: op[m[2] as keyof typeof op], value: jsonValueOf(value) },
    ];
    return;
  }
  if (/^\[CONNECTED\]\s*==\s*true$/.test(c)) return;
  if (/^\[CERTIFICATE_EXPIRATION\]/.test(c))
    return drop(
      'certificate expiry is a separate TLS monitor in Keel (warns at 21, 14 and 7 days)',
    );
  if (/^\[DOMAIN_EXPIRATION\]/.test(c)) return drop('Keel does not watch domain registration');
  if (/^len\(/.test(c)) return drop('length conditions have no Keel equivalent');
  if (/^has\(/.test(c)) return drop('has() conditions have no Keel equivalent');
  if (/^\[IP\]/.test(c)) return drop('Keel does not check the resolved address');
  drop('not a condition Keel can map');
}
