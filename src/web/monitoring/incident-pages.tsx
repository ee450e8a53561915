/**
 * @module Incidents: a client's list (open first) and one incident with its timeline (first
 * failure, confirmations, alerts sent, acknowledgement, recovery), the acknowledge button (which
 * stops reminders) and the root-cause note.
 */
import type { FormEvent } from 'react';
import { Link, useParams } from 'react-router';
import type { Incident } from '../../shared/monitoring.ts';
import { api } from '../api.ts';
import { ErrorBanner, text, TextArea } from '../components/form.tsx';
import { useAction } from '../components/use-action.ts';
import { useSession } from '../session.tsx';
import { useLoad } from '../use-load.ts';
import { duration } from './monitor-bits.tsx';

function state(i: Incident) {
  if (i.resolvedAt)
    return `resolved after ${duration(new Date(i.resolvedAt).getTime() - new Date(i.openedAt).getTime())}`;
  return i.acknowledgedAt ? 'open, acknowledged' : 'open';
}

export function IncidentsPage() {
  const { clientId = '' } = useParams();
  const { data, error } = useLoad(
    () => api<{ incidents: Incident[] }>('GET', `/api/v1/clients/${clientId}/incidents`),
    [clientId],
  );
  if (error) return <ErrorBanner error={error} />;
  if (!data) return <p>Loading…</p>;
  const sorted = [...data.incidents].sort(
    (a, b) => Number(Boolean(a.resolvedAt)) - Number(Boolean(b.resolvedAt)),
  );
  return (
    <>
      <p>
        <Link to={`/clients/${clientId}/monitoring`}>← Monitors</Link>
      </p>
      <h1>Incidents</h1>
      {sorted.length === 0 ? (
        <p className="muted">No incidents.</p>
      ) : (
        <table>
          <thead>
            <tr>
              <th scope="col">Opened</th>
              <th scope="col">Monitor</th>
              <th scope="col">Cause</th>
              <th scope="col">State</th>
            </tr>
          </thead>
          <tbody>
            {sorted.map((i) => (
              <tr key={i.id}>
                <td>
                  <Link to={`/clients/${clientId}/monitoring/incidents/${i.id}`}>
                    {new Date(i.openedAt).toLocaleString()}
                  </Link>
                </td>
                <td>
                  <Link to={`/clients/${clientId}/monitoring/${i.monitorId}`}>{i.monitorName}</Link>
                </td>
                <td>{i.cause}</td>
                <td>{state(i)}</td>
              </tr>
            ))}
          </tbody>
        </table>
      )}
    </>
  );
}

export function IncidentPage() {
  const { clientId = '', incidentId = '' } = useParams();
  const { user } = useSession();
  const canEdit = user?.role === 'owner' || user?.role === 'member';
  const url = `/api/v1/clients/${clientId}/incidents/${incidentId}`;
  const { data, error, reload } = useLoad(() => api<Incident>('GET', url), [url]);
  const action = useAction();

  if (error) return <ErrorBanner error={error} />;
  if (!data) return <p>Loading…</p>;
  const patch = (body: unknown) =>
    action.run(async () => {
      await api('PATCH', url, body);
      reload();
    });
  const saveRootCause = (event: FormEvent<HTMLFormElement>) => {
    event.preventDefault();
    void patch({ rootCause: text(new FormData(event.currentTarget), 'rootCause') });
  };

  return (
    <>
      <p>
        <Link to={`/clients/${clientId}/monitoring/${data.monitorId}`}>← {data.monitorName}</Link>
      </p>
      <div className="page-head">
        <div>
          <h1>
            {data.monitorName}: {data.cause}
          </h1>
          <p>
            Opened {new Date(data.openedAt).toLocaleString()}, {state(data)}.
          </p>
        </div>
        {canEdit && !data.resolvedAt && !data.acknowledgedAt && (
          <button
            type="button"
            disabled={action.busy}
            onClick={() => void patch({ acknowledged: true })}
          >
            Acknowledge
          </button>
        )}
      </div>
      <ErrorBanner error={action.error} />
      <section aria-labelledby="timeline-head">
        <h2 id="timeline-head">Timeline</h2>
        <ol className="timeline">
          {(data.events ?? []).map((e, n) => (
            <li key={n}>
              <time dateTime={e.at}>{new Date(e.at).toLocaleString()}</time>{' '}
              <strong>{e.kind.replace(/-/g, ' ')}</strong>: {e.message}
            </li>
          ))}
        </ol>
      </section>
      <section aria-labelledby="cause-head">
        <h2 id="cause-head">Root cause</h2>
        {canEdit ? (
          <form onSubmit={saveRootCause} className="card">
            <TextArea
              label="What happened and what was done"
              name="rootCause"
              rows={4}
              defaultValue={data.rootCause}
              error={action.error?.fieldMessage('rootCause')}
            />
            <button type="submit" disabled={action.busy}>
              Save root cause
            </button>
          </form>
        ) : (
          <p>{data.rootCause || 'Not written yet.'}</p>
        )}
      </section>
    </>
  );
}
