/**
 * @module Area 5 of the client page: the client's monitors, down first, with status, last
 * latency and a 24 h sparkline (one bar per hour), searchable and paginated on the server.
 */
import { useState } from 'react';
import { Link } from 'react-router';
import type { Monitor } from '../../shared/monitoring.ts';
import { api } from '../api.ts';
import { ms, Sparkline, statusLabel } from '../monitoring/monitor-bits.tsx';
import { ErrorBanner } from './form.tsx';
import { useLoad } from '../use-load.ts';

const PAGE = 25;

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
  const statusLink = (
    <p>
      <Link to={`/clients/${clientId}/status-page`}>Status page and maintenance windows</Link>
    </p>
  );
  if (error) return <ErrorBanner error={error} />;
  if (!data) return <p>Loading…</p>;
  const manage = (
    <p>
      <Link to={`/clients/${clientId}/monitoring`}>All monitors, incidents and alert channels</Link>
    </p>
  );
  if (data.total === 0 && !q)
    return (
      <>
        <p className="muted">
          No monitors yet: add one to watch a site, a port, a certificate or a cron job.
        </p>
        {manage}
        {statusLink}
      </>
    );
  const down = data.monitors.filter((m) => m.status === 'down').length;
  return (
    <>
      <p>
        {data.total} monitor{data.total === 1 ? '' : 's'}
        {down > 0 ? `, ${down} down on this page` : null}.
      </p>
      {statusLink}
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
              <td>
                <Link to={`/clients/${clientId}/monitoring/${m.id}`}>{m.name}</Link>
              </td>
              <td title={m.lastMessage ?? ''}>{statusLabel[m.status]}</td>
              <td>{ms(m.lastLatencyMs)}</td>
              <td>
                {m.sparkline ? <Sparkline uptime={m.sparkline} latency={m.latencyLine} /> : null}
              </td>
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
      {manage}
    </>
  );
}
