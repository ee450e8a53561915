/**
 * @module Area 3 of the client page (tech debt and quality): the latest audit's score and
 * level, the trend over runs, the top findings with why they matter and how to fix them, and
 * the connected repositories.
 */
import { Link } from 'react-router';
import type { AuditRun, AuditRunSummary, Repository } from '../../shared/scans.ts';
import { api } from '../api.ts';
import { ErrorBanner } from '../components/form.tsx';
import { useLoad } from '../use-load.ts';
import { RepositoriesPanel } from './repositories-panel.tsx';
import { Sparkline } from './sparkline.tsx';

const levelName = (level: string | null) =>
  level ? level[0]!.toUpperCase() + level.slice(1) : 'no level yet';

export function QualityArea({ clientId }: { clientId: string }) {
  const { data, error, reload } = useLoad(async () => {
    const [repos, runs] = await Promise.all([
      api<{ repositories: Repository[] }>('GET', `/api/v1/clients/${clientId}/repositories`),
      api<{ runs: AuditRunSummary[] }>('GET', `/api/v1/clients/${clientId}/audits?limit=52`),
    ]);
    const latest = runs.runs.find((r) => r.status === 'succeeded');
    const detail = latest
      ? await api<AuditRun>('GET', `/api/v1/clients/${clientId}/audits/${latest.id}`)
      : undefined;
    return { repositories: repos.repositories, runs: runs.runs, latest: detail };
  }, [clientId]);

  if (error) return <ErrorBanner error={error} />;
  if (!data) return <p>Loading…</p>;
  const { latest, runs } = data;
  const lastRun = runs[0];
  const scores = runs
    .filter(
      (r) =>
        r.status === 'succeeded' && r.score !== null && r.repositoryId === latest?.repositoryId,
    )
    .map((r) => r.score!)
    .reverse();
  const previous = scores.length > 1 ? scores[scores.length - 2] : undefined;

  return (
    <>
      {latest ? (
        <>
          <p className="score-line">
            <strong className="score">{latest.score ?? '–'}</strong> / 10 ·{' '}
            {levelName(latest.level)} · {latest.repositoryName}
            {previous !== undefined && latest.score !== null && (
              <span className="muted">
                {' '}
                ({latest.score - previous >= 0 ? '+' : ''}
                {Math.round((latest.score - previous) * 10) / 10} since the last run)
              </span>
            )}
          </p>
          <Sparkline values={scores} label={`Score over the last ${scores.length} audits`} />
          <h3>Top findings</h3>
          {latest.topFindings.length === 0 && <p className="muted">No findings. Well kept.</p>}
          <ul className="findings">
            {latest.topFindings.slice(0, 5).map((f, i) => (
              <li key={i}>
                <strong>{f.message}</strong>
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
          <p>
            <Link to={`/clients/${clientId}/audits/${latest.id}`}>Full audit result</Link>
          </p>
        </>
      ) : (
        <p className="muted">No audit yet. Connect a repository and run one.</p>
      )}
      {lastRun && lastRun.status !== 'succeeded' && (
        <p className={lastRun.status === 'failed' ? 'error-banner' : 'notice'} role="status">
          Latest audit: {lastRun.status}
          {lastRun.error && <> — {lastRun.error}</>}
        </p>
      )}
      <RepositoriesPanel clientId={clientId} repositories={data.repositories} onChange={reload} />
    </>
  );
}
