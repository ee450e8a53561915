/**
 * @module A client's monitors: down first, filtered by status and kind, searched by name or
 * target, one server page at a time (so thousands of monitors cost one page of rows), each with
 * its status, last latency and 24 h sparkline. Filters live in the address, so Back returns to
 * the same view.
 */
import { useEffect, useState } from 'react';
import { Link, useParams, useSearchParams } from 'react-router';
import { monitorKinds, monitorStatuses, type Monitor } from '../../shared/monitoring.ts';
import { api, ApiError } from '../api.ts';
import { ErrorBanner } from '../components/form.tsx';
import { useSession } from '../session.tsx';
import {
  kindLabel,
  ms,
  Sparkline,
  StatusBadge,
  statusLabel,
  targetSummary,
} from './monitor-bits.tsx';

const PAGE = 50;

interface ListResponse {
  monitors: Monitor[];
  total: number;
}

export function MonitorsPage() {
  const { clientId = '' } = useParams();
  const { user } = useSession();
  const canEdit = user?.role === 'owner' || user?.role === 'member';
  const [params, setParams] = useSearchParams();
  const q = params.get('q') ?? '';
  const status = params.get('status') ?? '';
  const kind = params.get('kind') ?? '';
  const page = Math.max(0, Number(params.get('page') ?? 0) || 0);
  const [typed, setTyped] = useState(q);
  const [data, setData] = useState<ListResponse>();
  const [error, setError] = useState<ApiError>();

  const update = (changes: Record<string, string>) => {
    const next = new URLSearchParams(params);
    for (const [key, value] of Object.entries(changes))
      if (value) next.set(key, value);
      else next.delete(key);
    if (!('page' in changes)) next.delete('page');
    setParams(next, { replace: true });
  };

  // Typing stays instant; the request follows a short pause.
  useEffect(() => {
    if (typed === q) return;
    const timer = setTimeout(() => update({ q: typed.trim() }), 200);
    return () => clearTimeout(timer);
    // eslint-disable-next-line react-hooks/exhaustive-deps
  }, [typed]);

  useEffect(() => {
    let isCurrent = true;
    const query = new URLSearchParams({ limit: String(PAGE), offset: String(page * PAGE) });
    if (q) query.set('q', q);
    if (status) query.set('status', status);
    if (kind) query.set('kind', kind);
    api<ListResponse>('GET', `/api/v1/clients/${clientId}/monitors?${query}`).then(
      (value) => {
        if (!isCurrent) return;
        setData(value);
        setError(undefined);
      },
      (e: unknown) => {
        if (isCurrent)
          setError(e instanceof ApiError ? e : new ApiError(0, 'internal', String(e), []));
      },
    );
    // A slower earlier answer never replaces a newer one.
    return () => {
      isCurrent = false;
    };
  }, [clientId, q, status, kind, page]);

  const isFiltered = Boolean(q || status || kind);
  return (
    <>
      <p>
        <Link to={`/clients/${clientId}`}>← Client</Link>
      </p>
      <div className="page-head">
        <h1>Monitors</h1>
        <p className="actions">
          <Link to={`/clients/${clientId}/monitoring/incidents`}>Incidents</Link>
          <Link to={`/clients/${clientId}/monitoring/channels`}>Alert channels</Link>
          {canEdit && (
            <Link className="button" to={`/clients/${clientId}/monitoring/new`}>
              Add monitor
            </Link>
          )}
        </p>
      </div>
      <div className="filters" role="search">
        <label>
          Search monitors{' '}
          <input
            type="search"
            placeholder="Name, URL or host"
            value={typed}
            onChange={(e) => setTyped(e.target.value)}
          />
        </label>
        <label>
          Status{' '}
          <select value={status} onChange={(e) => update({ status: e.target.value })}>
            <option value="">Any</option>
            {monitorStatuses.map((s) => (
              <option key={s} value={s}>
                {statusLabel[s]}
              </option>
            ))}
          </select>
        </label>
        <label>
          Kind{' '}
          <select value={kind} onChange={(e) => update({ kind: e.target.value })}>
            <option value="">Any</option>
            {monitorKinds.map((k) => (
              <option key={k} value={k}>
                {kindLabel[k]}
              </option>
            ))}
          </select>
        </label>
      </div>
      <ErrorBanner error={error} />
      {!data ? (
        <p>Loading…</p>
      ) : data.total === 0 ? (
        <p className="muted">
          {isFiltered
            ? 'No monitor matches.'
            : 'No monitors yet. Add one to watch a site, a port, a DNS record, a certificate or a cron job.'}
        </p>
      ) : (
        <>
          <p aria-live="polite">
            {data.total} monitor{data.total === 1 ? '' : 's'}
            {isFiltered ? ' match' : ''}.
          </p>
          <table className="monitor-table">
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
                    <br />
                    <small className="muted">
                      {kindLabel[m.kind]} · {targetSummary(m)}
                    </small>
                  </td>
                  <td title={m.lastMessage ?? ''}>
                    <StatusBadge monitor={m} />
                  </td>
                  <td>{ms(m.lastLatencyMs)}</td>
                  <td>
                    {m.sparkline ? (
                      <Sparkline uptime={m.sparkline} latency={m.latencyLine} />
                    ) : null}
                  </td>
                </tr>
              ))}
            </tbody>
          </table>
          {data.total > PAGE && (
            <p className="page-foot">
              <button
                type="button"
                className="secondary"
                disabled={page === 0}
                onClick={() => update({ page: String(page - 1) })}
              >
                Previous
              </button>
              <span>
                {page * PAGE + 1}–{Math.min((page + 1) * PAGE, data.total)} of {data.total}
              </span>
              <button
                type="button"
                className="secondary"
                disabled={(page + 1) * PAGE >= data.total}
                onClick={() => update({ page: String(page + 1) })}
              >
                Next
              </button>
            </p>
          )}
        </>
      )}
    </>
  );
}
