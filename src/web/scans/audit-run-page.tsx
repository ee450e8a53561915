/** @module One audit run in full: score, level, every check, the findings and the hotspots. */
import { Link, useParams } from 'react-router';
import type { AuditRun } from '../../shared/scans.ts';
import { api } from '../api.ts';
import { ErrorBanner } from '../components/form.tsx';
import { useLoad } from '../use-load.ts';

export function AuditRunPage() {
  const { clientId = '', runId = '' } = useParams();
  const { data: run, error } = useLoad(
    () => api<AuditRun>('GET', `/api/v1/clients/${clientId}/audits/${runId}`),
    [clientId, runId],
  );
  if (error) return <ErrorBanner error={error} />;
  if (!run) return <p>Loading…</p>;
  return (
    <>
      <div className="page-head">
        <div>
          <h1>Audit of {run.repositoryName}</h1>
          <p className="meta">
            {run.status} · {run.trigger} · {new Date(run.createdAt).toLocaleString()}
            {run.commit && <> · commit {run.commit.slice(0, 10)}</>}
          </p>
        </div>
        <Link to={`/clients/${clientId}`}>Back to the client</Link>
      </div>
      {run.error && (
        <p role="alert" className="error-banner">
          The audit failed: {run.error}
        </p>
      )}
      {run.status === 'succeeded' && (
        <>
          <section className="card">
            <p className="score-line">
              <strong className="score">{run.score ?? '–'}</strong> / 10 · level{' '}
              {run.level ?? 'not reached'} · {run.findingCount} finding(s)
            </p>
            {run.isReportTrimmed && (
              <p className="muted">The stored report was trimmed to fit; the figures are whole.</p>
            )}
          </section>
          <section className="card">
            <h2>Checks</h2>
            <table>
              <thead>
                <tr>
                  <th>Check</th>
                  <th>Risk</th>
                  <th>Level</th>
                  <th>Score</th>
                  <th>What we saw</th>
                </tr>
              </thead>
              <tbody>
                {run.checks.map((c) => (
                  <tr key={c.id}>
                    <td>{c.title}</td>
                    <td>{c.risk}</td>
                    <td>{c.level}</td>
                    <td>{c.score === null ? 'n/a' : c.score}</td>
                    <td>{c.summary}</td>
                  </tr>
                ))}
              </tbody>
            </table>
          </section>
          <section className="card">
            <h2>Top findings</h2>
            <ul className="findings">
              {run.topFindings.map((f, i) => (
                <li key={i}>
                  <strong>
                    [{f.severity}] {f.message}
                  </strong>
                  {f.path && (
                    <span className="muted">
                      {' '}
                      {f.path}
                      {f.line ? `:${f.line}` : ''}
                    </span>
                  )}
                  <p>Why it matters: {f.whyItMatters}</p>
                  <p className="muted">How to fix: {f.howToFix}</p>
                </li>
              ))}
            </ul>
          </section>
          <section className="card">
            <h2>Hotspots</h2>
            {run.hotspotShare !== null && (
              <p className="muted">
                These files take {run.hotspotShare}% of all changes in the window.
              </p>
            )}
            <table>
              <thead>
                <tr>
                  <th>File</th>
                  <th>Changes</th>
                  <th>Complexity</th>
                </tr>
              </thead>
              <tbody>
                {run.hotspots.map((h) => (
                  <tr key={h.path}>
                    <td>{h.path}</td>
                    <td>{h.revisions}</td>
                    <td>{h.complexity}</td>
                  </tr>
                ))}
              </tbody>
            </table>
          </section>
        </>
      )}
    </>
  );
}
