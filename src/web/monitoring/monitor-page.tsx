/**
 * @module One monitor: uptime and latency percentiles for 24 h, 7, 30, 90 and 365 days (all
 * from the rollups), the latency chart for the chosen window, the latest raw results, its
 * incidents, and pause, edit and delete. Heartbeats show their last ping, run time and, for
 * backups, how old the last backup is.
 */
import { useState } from 'react';
import { Link, useNavigate, useParams } from 'react-router';
import {
  latencyWindows,
  type CheckResultRow,
  type Incident,
  type LatencyPoint,
  type LatencyWindow,
  type Monitor,
} from '../../shared/monitoring.ts';
import { api } from '../api.ts';
import { ErrorBanner } from '../components/form.tsx';
import { useAction } from '../components/use-action.ts';
import { useSession } from '../session.tsx';
import { useLoad } from '../use-load.ts';
import { LatencyChart } from './latency-chart.tsx';
import {
  age,
  duration,
  kindLabel,
  ms,
  percent,
  StatusBadge,
  targetSummary,
} from './monitor-bits.tsx';

interface Uptime {
  window: string;
  uptime: number | null;
  checks: number;
  failures: number;
  p50Ms: number | null;
  p95Ms: number | null;
  p99Ms: number | null;
}
type Detail = Monitor & { uptime: Uptime[] };

const windowLabel: Record<LatencyWindow, string> = {
  '6h': '6 hours',
  '24h': '24 hours',
  '7d': '7 days',
  '30d': '30 days',
  '90d': '90 days',
  '365d': '365 days',
};

export function MonitorPage() {
  const { clientId = '', monitorId = '' } = useParams();
  const { user } = useSession();
  const canEdit = user?.role === 'owner' || user?.role === 'member';
  const navigate = useNavigate();
  const base = `/api/v1/clients/${clientId}`;
  const [span, setSpan] = useState<LatencyWindow>('24h');
  const action = useAction();
  const { data, error, reload } = useLoad(async () => {
    const [monitor, { results }, { incidents }] = await Promise.all([
      api<Detail>('GET', `${base}/monitors/${monitorId}`),
      api<{ results: CheckResultRow[] }>('GET', `${base}/monitors/${monitorId}/results?limit=50`),
      api<{ incidents: Incident[] }>('GET', `${base}/incidents?monitorId=${monitorId}`),
    ]);
    return { monitor, results, incidents };
  }, [clientId, monitorId]);
  const series = useLoad(
    () =>
      api<{ points: LatencyPoint[] }>(
        'GET',
        `${base}/monitors/${monitorId}/latency?window=${span}`,
      ),
    [clientId, monitorId, span],
  );

  if (error) return <ErrorBanner error={error} />;
  if (!data) return <p>Loading…</p>;
  const m = data.monitor;
  const target = m.target as { isBackup?: boolean };
  const setEnabled = (enabled: boolean) =>
    void action.run(async () => {
      await api('PATCH', `${base}/monitors/${m.id}`, { enabled });
      reload();
    });
  const remove = () => {
    if (!window.confirm(`Delete ${m.name}? Its results and incidents go too.`)) return;
    void action
      .run(() => api('DELETE', `${base}/monitors/${m.id}`))
      .then((ok) => ok && navigate(`/clients/${clientId}/monitoring`));
  };

  return (
    <>
      <p>
        <Link to={`/clients/${clientId}/monitoring`}>← Monitors</Link>
      </p>
      <div className="page-head">
        <div>
          <h1>{m.name}</h1>
          <p>
            <StatusBadge monitor={m} /> {kindLabel[m.kind]} · {targetSummary(m)}
          </p>
          {m.lastMessage && <p className="muted">Last check: {m.lastMessage}</p>}
        </div>
        {canEdit && (
          <p className="actions">
            <Link className="button secondary" to={`/clients/${clientId}/monitoring/${m.id}/edit`}>
              Edit
            </Link>
            {m.kind === 'heartbeat' && (
              <Link
                className="button secondary"
                to={`/clients/${clientId}/monitoring/${m.id}/heartbeat`}
              >
                Ping URL and commands
              </Link>
            )}
            <button
              type="button"
              className="secondary"
              disabled={action.busy}
              onClick={() => setEnabled(!m.enabled)}
            >
              {m.enabled ? 'Pause' : 'Resume'}
            </button>
            <button type="button" className="link-button danger" onClick={remove}>
              Delete
            </button>
          </p>
        )}
      </div>
      <ErrorBanner error={action.error} />

      <dl className="facts">
        <dt>Last latency</dt>
        <dd>{ms(m.lastLatencyMs)}</dd>
        <dt>Last checked</dt>
        <dd>{age(m.lastCheckedAt)}</dd>
        {m.kind === 'heartbeat' ? (
          <>
            <dt>Last ping</dt>
            <dd>{age(m.lastPingAt)}</dd>
            <dt>Last run time</dt>
            <dd>{m.lastRunMs === null ? '—' : duration(m.lastRunMs)}</dd>
            {target.isBackup && (
              <>
                <dt>Last backup age</dt>
                <dd>
                  {m.lastSuccessAt
                    ? duration(Date.now() - new Date(m.lastSuccessAt).getTime())
                    : 'no successful backup yet'}
                </dd>
              </>
            )}
            <dt>Deadline</dt>
            <dd>{m.nextRunAt ? new Date(m.nextRunAt).toLocaleString() : '—'}</dd>
          </>
        ) : (
          <>
            <dt>Every</dt>
            <dd>
              {duration(m.intervalSeconds * 1000)}, {m.retries}{' '}
              {m.retries === 1 ? 'retry' : 'retries'} before down, {m.recoveries}{' '}
              {m.recoveries === 1 ? 'success' : 'successes'} before up
            </dd>
          </>
        )}
      </dl>

      <section aria-labelledby="uptime-head">
        <h2 id="uptime-head">Uptime and latency</h2>
        <table>
          <thead>
            <tr>
              <th scope="col">Window</th>
              <th scope="col">Uptime</th>
              <th scope="col">Checks</th>
              <th scope="col">p50</th>
              <th scope="col">p95</th>
              <th scope="col">p99</th>
            </tr>
          </thead>
          <tbody>
            {m.uptime.map((u) => (
              <tr key={u.window}>
                <th scope="row">{windowLabel[u.window as LatencyWindow] ?? u.window}</th>
                <td>{percent(u.uptime)}</td>
                <td>
                  {u.checks}
                  {u.failures ? ` (${u.failures} failed)` : ''}
                </td>
                <td>{ms(u.p50Ms)}</td>
                <td>{ms(u.p95Ms)}</td>
                <td>{ms(u.p99Ms)}</td>
              </tr>
            ))}
          </tbody>
        </table>
        <div className="segmented" role="group" aria-label="Chart window">
          {latencyWindows.map((w) => (
            <button
              key={w}
              type="button"
              className={w === span ? '' : 'secondary'}
              aria-pressed={w === span}
              onClick={() => setSpan(w)}
            >
              {windowLabel[w]}
            </button>
          ))}
        </div>
        {series.error ? (
          <ErrorBanner error={series.error} />
        ) : series.data ? (
          <LatencyChart points={series.data.points} name={m.name} />
        ) : (
          <p>Loading chart…</p>
        )}
      </section>

      <section aria-labelledby="incidents-head">
        <h2 id="incidents-head">Incidents</h2>
        {data.incidents.length === 0 ? (
          <p className="muted">No incidents.</p>
        ) : (
          <ul className="plain-list">
            {data.incidents.map((i) => (
              <li key={i.id}>
                <Link to={`/clients/${clientId}/monitoring/incidents/${i.id}`}>
                  {new Date(i.openedAt).toLocaleString()}
                </Link>{' '}
                — {i.cause}{' '}
                {i.resolvedAt
                  ? `(resolved after ${duration(new Date(i.resolvedAt).getTime() - new Date(i.openedAt).getTime())})`
                  : i.acknowledgedAt
                    ? '(open, acknowledged)'
                    : '(open)'}
              </li>
            ))}
          </ul>
        )}
      </section>

      <section aria-labelledby="results-head">
        <h2 id="results-head">Recent results</h2>
        {data.results.length === 0 ? (
          <p className="muted">No results yet.</p>
        ) : (
          <table>
            <thead>
              <tr>
                <th scope="col">When</th>
                <th scope="col">Outcome</th>
                <th scope="col">Total</th>
                <th scope="col">DNS / connect / TLS / first byte</th>
                <th scope="col">Message</th>
              </tr>
            </thead>
            <tbody>
              {data.results.map((r) => (
                <tr key={r.at}>
                  <td>{new Date(r.at).toLocaleString()}</td>
                  <td>
                    {r.ok ? 'OK' : (r.fault ?? 'failed')}
                    {r.statusCode ? ` (${r.statusCode})` : ''}
                  </td>
                  <td>{ms(r.totalMs)}</td>
                  <td>
                    {[r.dnsMs, r.connectMs, r.tlsMs, r.firstByteMs].map((v) => ms(v)).join(' / ')}
                  </td>
                  <td>{r.message}</td>
                </tr>
              ))}
            </tbody>
          </table>
        )}
      </section>
    </>
  );
}
