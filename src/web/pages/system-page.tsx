/** @module System (owner): background jobs with their status and errors, and the audit log. */
import type { Job } from '../../shared/api.ts';
import { api } from '../api.ts';
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

export function SystemPage() {
  const { data, error } = useLoad(async () => {
    const [jobs, audit] = await Promise.all([
      api<{ jobs: Job[] }>('GET', '/api/v1/jobs?limit=50'),
      api<{ entries: AuditEntry[] }>('GET', '/api/v1/audit-log?limit=100'),
    ]);
    return { jobs: jobs.jobs, audit: audit.entries };
  }, []);

  return (
    <>
      <h1>System</h1>
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
