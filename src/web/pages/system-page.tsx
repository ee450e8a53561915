/**
 * @module System (owner): Keel's own health (database, monitor scheduler), background jobs,
 * outgoing email and the audit log, with their errors.
 */
import { useState } from 'react';
import type { Job, OutboxMessage } from '../../shared/api.ts';
import { api, type ApiError } from '../api.ts';
import { ErrorBanner } from '../components/form.tsx';
import { useLoad } from '../use-load.ts';

interface AuditEntry {
  id: number;
  at: string;
  actor: string;
  action: string;
  targetType: string | null;
  ip: string | null;
}

interface Readiness {
  database: string;
  monitoring: { status: 'ok' | 'degraded' | 'off'; lastPassAt: string | null };
}

/** Loaded on its own: while the database is away the rest of the page fails, this says why. */
function HealthCard() {
  const { data, error } = useLoad(() => api<Readiness>('GET', '/readyz'), []);
  const scheduler = data?.monitoring;
  return (
    <section className="card" aria-labelledby="health-heading">
      <h2 id="health-heading">Health</h2>
      <p>
        Database:{' '}
        {error ? <strong>unreachable</strong> : data ? `reachable (${data.database})` : '…'}
      </p>
      {scheduler && (
        <p>
          Monitor checks: {scheduler.status === 'ok' && 'running'}
          {scheduler.status === 'off' && 'not run by this process (keel worker runs them)'}
          {scheduler.status === 'degraded' && (
            <strong>
              degraded: no pass over the database since{' '}
              {scheduler.lastPassAt ? new Date(scheduler.lastPassAt).toLocaleString() : 'start'}
            </strong>
          )}
        </p>
      )}
    </section>
  );
}

export function SystemPage() {
  const { data, error, reload } = useLoad(async () => {
    const [jobs, audit, mail] = await Promise.all([
      api<{ jobs: Job[] }>('GET', '/api/v1/jobs?limit=50'),
      api<{ entries: AuditEntry[] }>('GET', '/api/v1/audit-log?limit=100'),
      api<{ messages: OutboxMessage[] }>('GET', '/api/v1/outbox?limit=50'),
    ]);
    return { jobs: jobs.jobs, audit: audit.entries, mail: mail.messages };
  }, []);
  const [actionError, setActionError] = useState<ApiError | undefined>();
  const sendAgain = async (id: string) => {
    try {
      await api('POST', `/api/v1/outbox/${id}/retry`);
      setActionError(undefined);
      reload();
    } catch (e) {
      setActionError(e as ApiError);
    }
  };

  return (
    <>
      <h1>System</h1>
      <HealthCard />
      <ErrorBanner error={error} />
      <section className="card" aria-labelledby="jobs-heading">
        <h2 id="jobs-heading">Background jobs</h2>
        {data?.jobs.length === 0 && <p className="muted">No jobs have run yet.</p>}
        <table>
          <thead>
            <tr>
              <th scope="col">Job</th>
              <th scope="col">State</th>
              <th scope="col">Retries</th>
              <th scope="col">Created</th>
              <th scope="col">Last error</th>
            </tr>
          </thead>
          <tbody>
            {data?.jobs.map((j) => (
              <tr key={j.id}>
                <td>{j.name}</td>
                <td>{j.state}</td>
                <td>{j.retryCount}</td>
                <td>{new Date(j.createdAt).toLocaleString()}</td>
                <td>{j.lastError ?? ''}</td>
              </tr>
            ))}
          </tbody>
        </table>
      </section>
      <section className="card" aria-labelledby="mail-heading">
        <h2 id="mail-heading">Outgoing email</h2>
        <ErrorBanner error={actionError} />
        {data?.mail.length === 0 ? (
          <p className="muted">No email has been sent yet.</p>
        ) : (
          <table>
            <thead>
              <tr>
                <th scope="col">Created</th>
                <th scope="col">Kind</th>
                <th scope="col">To</th>
                <th scope="col">Subject</th>
                <th scope="col">State</th>
                <th scope="col">Last error</th>
              </tr>
            </thead>
            <tbody>
              {data?.mail.map((m) => (
                <tr key={m.id}>
                  <td>{new Date(m.createdAt).toLocaleString()}</td>
                  <td>{m.kind}</td>
                  <td>{m.to.join(', ')}</td>
                  <td>{m.subject}</td>
                  <td>
                    {m.status} ({m.attempts} {m.attempts === 1 ? 'attempt' : 'attempts'})
                    {(m.status === 'failed' || m.status === 'retrying') && (
                      <>
                        {' '}
                        <button
                          type="button"
                          className="secondary"
                          onClick={() => void sendAgain(m.id)}
                        >
                          Send again
                        </button>
                      </>
                    )}
                  </td>
                  <td>{m.lastError ?? ''}</td>
                </tr>
              ))}
            </tbody>
          </table>
        )}
      </section>
      <section className="card" aria-labelledby="audit-heading">
        <h2 id="audit-heading">Audit log</h2>
        <table>
          <thead>
            <tr>
              <th scope="col">When</th>
              <th scope="col">Who</th>
              <th scope="col">What</th>
              <th scope="col">From</th>
            </tr>
          </thead>
          <tbody>
            {data?.audit.map((e) => (
              <tr key={e.id}>
                <td>{new Date(e.at).toLocaleString()}</td>
                <td>{e.actor}</td>
                <td>{e.action}</td>
                <td>{e.ip ?? ''}</td>
              </tr>
            ))}
          </tbody>
        </table>
      </section>
    </>
  );
}
