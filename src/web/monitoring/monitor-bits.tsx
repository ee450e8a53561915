/**
 * @module Small pieces shared by the monitoring pages: status words, the 24 h uptime bars with
 * their latency line, durations and ages in words, and a copyable read-only field.
 */
import { useId, useState } from 'react';
import type { Monitor } from '../../shared/monitoring.ts';

export const statusLabel: Record<Monitor['status'], string> = {
  up: 'Up',
  down: 'Down',
  degraded: 'Needs care',
  pending: 'Waiting for first check',
  paused: 'Paused',
};

export const kindLabel: Record<Monitor['kind'], string> = {
  http: 'HTTP(S)',
  tcp: 'TCP port',
  dns: 'DNS record',
  tls: 'TLS certificate',
  heartbeat: 'Heartbeat',
};

export function StatusBadge({ monitor }: { monitor: Pick<Monitor, 'status' | 'isFlapping'> }) {
  return (
    <span className={`badge monitor-${monitor.status}`}>
      {statusLabel[monitor.status]}
      {monitor.isFlapping ? ' (flapping)' : ''}
    </span>
  );
}

/** Where a monitor points, in one line. */
export function targetSummary(monitor: Pick<Monitor, 'target'>): string {
  const t = monitor.target as {
    kind?: string;
    url?: string;
    method?: string;
    host?: string;
    port?: number;
    hostname?: string;
    recordType?: string;
    schedule?: { type: string; periodSeconds?: number; cron?: string; timezone?: string };
  };
  switch (t.kind) {
    case 'http':
      return `${t.method ?? 'GET'} ${t.url ?? ''}`;
    case 'tcp':
    case 'tls':
      return `${t.host ?? ''}:${t.port ?? 443}`;
    case 'dns':
      return `${t.recordType ?? 'A'} ${t.hostname ?? ''}`;
    case 'heartbeat': {
      const s = t.schedule ?? { type: 'period' };
      return s.type === 'cron'
        ? `cron ${s.cron ?? ''} (${s.timezone ?? 'UTC'})`
        : `every ${duration((s.periodSeconds ?? 0) * 1000)}`;
    }
    default:
      return '';
  }
}

export function ms(value: number | null | undefined): string {
  return value === null || value === undefined ? '—' : `${Math.round(value)} ms`;
}

export function percent(share: number | null): string {
  if (share === null) return '—';
  const p = share * 100;
  return `${p === 100 || p === 0 ? p : p.toFixed(p >= 99 ? 3 : 2)} %`;
}

/** 90 s → "1 min 30 s", 3 h 5 min, 2 d 4 h. */
export function duration(millis: number): string {
  const s = Math.round(millis / 1000);
  if (s < 60) return `${s} s`;
  const m = Math.floor(s / 60);
  if (m < 60) return s % 60 ? `${m} min ${s % 60} s` : `${m} min`;
  const h = Math.floor(m / 60);
  if (h < 48) return m % 60 ? `${h} h ${m % 60} min` : `${h} h`;
  const d = Math.floor(h / 24);
  return h % 24 ? `${d} d ${h % 24} h` : `${d} d`;
}

export function age(iso: string | null, now = Date.now()): string {
  return iso ? `${duration(now - new Date(iso).getTime())} ago` : 'never';
}

const barColor = (v: number | null) =>
  v === null ? '#ddd' : v >= 0.999 ? '#2e7d32' : v >= 0.9 ? '#f9a825' : '#c62828';

/** One bar per hour (uptime colour) with the mean latency drawn over it as a line. */
export function Sparkline({
  uptime,
  latency,
}: {
  uptime: (number | null)[];
  latency?: (number | null)[] | undefined;
}) {
  const width = 96;
  const height = 20;
  const known = (latency ?? []).filter((v): v is number => v !== null);
  const max = Math.max(1, ...known);
  const points = (latency ?? [])
    .map((v, i) =>
      v === null ? null : `${i * 4 + 1.5},${(height - 2 - (v / max) * (height - 4)).toFixed(1)}`,
    )
    .filter(Boolean)
    .join(' ');
  const down = uptime.filter((v) => v !== null && v < 0.999).length;
  const label = `Last 24 hours: ${down === 0 ? 'no failed hours' : `${down} hours with failures`}${known.length ? `, latency up to ${Math.round(max)} ms` : ''}`;
  return (
    <svg width={width} height={height} role="img" aria-label={label} className="monitor-spark">
      {uptime.map((v, i) => (
        <rect key={i} x={i * 4} y={0} width={3} height={height} fill={barColor(v)} opacity={0.55}>
          <title>{v === null ? 'no checks' : `${Math.round(v * 1000) / 10}% up`}</title>
        </rect>
      ))}
      {known.length > 1 && (
        <polyline points={points} fill="none" stroke="#1f2937" strokeWidth={1.2} />
      )}
    </svg>
  );
}

/** A read-only value with a Copy button (select-all on focus as the fallback). */
export function CopyField({ label, value }: { label: string; value: string }) {
  const id = useId();
  const [copied, setCopied] = useState(false);
  return (
    <div className="field">
      <label htmlFor={id}>{label}</label>
      <div className="copy-row">
        <input
          id={id}
          className="copy"
          readOnly
          value={value}
          onFocus={(e) => e.currentTarget.select()}
        />
        <button
          type="button"
          className="secondary"
          aria-label={`Copy ${label}`}
          onClick={() =>
            void navigator.clipboard?.writeText(value).then(
              () => setCopied(true),
              () => setCopied(false),
            )
          }
        >
          {copied ? 'Copied' : 'Copy'}
        </button>
      </div>
    </div>
  );
}
