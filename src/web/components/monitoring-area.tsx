/**
 * @module Area 5 of the client page: the client's monitors, down first, with status, last
 * latency and a 24 h sparkline (one bar per hour), searchable and paginated on the server.
 */
import { useState } from 'react';
import type { Monitor } from '../../shared/monitoring.ts';
import { api } from '../api.ts';
import { ErrorBanner } from './form.tsx';
import { useLoad } from '../use-load.ts';

const PAGE = 25;
const statusLabel: Record<Monitor['status'], string> = {
  up: 'Up',
  down: 'Down',
  degraded: 'Needs care',
  pending: 'Waiting for first check',
  paused: 'Paused',
};

function Sparkline({ values }: { values: (number | null)[] }) {
  return (
    <svg width={96} height={16} role="img" aria-label="Uptime per hour over the last 24 hours">
      {values.map((v, i) => (
        <rect
          key={i}
          x={i * 4}
          y={0}
          width={3}
          height={16}
          fill={v === null ? '#ddd' : v >= 0.999 ? '#2e7d32' : v >= 0.9 ? '#f9a825' : '#c62828'}
        >
          <title>{v === null ? 'no checks' : `${Math.round(v * 1000) / 10}% up`}</title>
        </rect>
      ))}
    </svg>
  );
}

export function MonitoringArea({ clientId }: { clientId: string }) {
  const [q, setQ] = useState('');
  const [offset, setOffset] = useState(0);
  const { data, error } = useLoad(
    () =>
      api<{ monitors: Monitor[]; total: number }>(
        'GET',
        `/api/v1/clients/${clientId}/monitors?limit=${PAGE}&offset=${offset}${q ? `&q=${encodeURIComponent(q)}` : ''}`,
      ),
    [clientId, q, offset],
  );
  if (error) return <ErrorBanner error={error} />;
  if (!data) return <p>Loading…</p>;
  if (data.total === 0 && !q)
    return (
      <p className="muted">
        No monitors yet. Add one through the API to watch a site, a port, a certificate or a cron
        job.
      </p>
    );
  const down = data.monitors.filter((m) => m.status === 'down').length;
  return (
    <>
      <p>
        {data.total} monitor{data.total === 1 ? '' : 's'}
        {down > 0 ? `, ${down} down on this page` : null}.
      </p>
      <label>
        Search monitors{' '}
        <input
          type="search"
          value={q}
          onChange={(e) => {
            setOffset(0);
            setQ(e.target.value);
          }}
        />
      </label>
      <table>
        <thead>
          <tr>
            <th scope="col">Name</th>
            <th scope="col">Status</th>
            <th scope="col">Last latency</th>
            <th scope="col">Last 24 hours</th>
          </tr>
        </thead>
        <tbody>
          {data.monitors.map((m) => (
            <tr key={m.id}>
              <td>{m.name}</td>
              <td title={m.lastMessage ?? ''}>{statusLabel[m.status]}</td>
              <td>{m.lastLatencyMs === null ? '—' : `${Math.round(m.lastLatencyMs)} ms`}</td>
              <td>{m.sparkline ? <Sparkline values={m.sparkline} /> : null}</td>
            </tr>
          ))}
        </tbody>
      </table>
      {data.total > PAGE && (
        <p>
          <button
            type="button"
            disabled={offset === 0}
            onClick={() => setOffset(Math.max(0, offset - PAGE))}
          >
            Previous
          </button>{' '}
          {offset + 1}–{Math.min(offset + PAGE, data.total)} of {data.total}{' '}
          <button
            type="button"
            disabled={offset + PAGE >= data.total}
            onClick={() => setOffset(offset + PAGE)}
          >
            Next
          </button>
        </p>
      )}
    </>
  );
}
