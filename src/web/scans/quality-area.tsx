/**
 * @module Area 3 of the client page (tech debt and quality): each connected repository's latest
 * audit score and level with its trend over runs, the top findings across those audits with why
 * they matter and how to fix them, and the connected repositories.
 */
import { Link } from 'react-router';
import type { AuditFinding, AuditRun, AuditRunSummary, Repository } from '../../shared/scans.ts';
import { api } from '../api.ts';
import { ErrorBanner } from '../components/form.tsx';
import { useLoad } from '../use-load.ts';
import { RepositoriesPanel } from './repositories-panel.tsx';
import { Sparkline } from './sparkline.tsx';

const levelName = (level: string | null) =>
  level ? level[0]!.toUpperCase() + level.slice(1) : 'no level yet';
const severityOrder = ['critical', 'high', 'medium', 'low'];

/** One repository's audits: the latest that succeeded and its scores, oldest first. */
interface RepositoryScore {
  repository: Repository;
  latest: AuditRunSummary;
  scores: number[];
}

/** Each repository with a succeeded audit, in the panel's order, from the runs (newest first). */
function scoresByRepository(
  repositories: Repository[],
  runs: AuditRunSummary[],
): RepositoryScore[] {
  return repositories.flatMap((repository) => {
    const succeeded = runs.filter(
      (run) => run.repositoryId === repository.id && run.status === 'succeeded',
    );
    const latest = succeeded[0];
    if (!latest) return [];
    const scores = succeeded
      .filter((run) => run.score !== null)
      .map((run) => run.score!)
      .reverse();
    return [{ repository, latest, scores }];
  });
}

export function QualityArea({ clientId }: { clientId: string }) {
  const { data, error, reload } = useLoad(async () => {
    const [repos, runs] = await Promise.all([
      api<{ repositories: Repository[] }>('GET', `/api/v1/clients/${clientId}/repositories`),
      api<{ runs: AuditRunSummary[] }>('GET', `/api/v1/clients/${clientId}/audits?limit=200`),
    ]);
    const rows = scoresByRepository(repos.repositories, runs.runs);
    const details = await Promise.all(
      rows.map((row) =>
        api<AuditRun>('GET', `/api/v1/clients/${clientId}/audits/${row.latest.id}`),
      ),
    );
    return { repositories: repos.repositories, runs: runs.runs, rows, details };
  }, [clientId]);

  if (error) return <ErrorBanner error={error} />;
  if (!data) return <p>Loading…</p>;
  const { rows, details, runs } = data;
  const lastRun = runs[0];
  const findings: (AuditFinding & { repositoryName: string })[] = details
    .flatMap((run) => run.topFindings.map((f) => ({ ...f, repositoryName: run.repositoryName })))
    .sort((a, b) => severityOrder.indexOf(a.severity) - severityOrder.indexOf(b.severity));
  const isSeveral = rows.length > 1;

  return (
    <>
      {rows.length > 0 ? (
        <>
          {rows.map(({ repository, latest, scores }) => {
            const previous = scores.length > 1 ? scores[scores.length - 2] : undefined;
            return (
              <div key={repository.id} className="repository-score">
                <p className="score-line">
                  <strong className="score">{latest.score ?? '–'}</strong> / 10 ·{' '}
                  {levelName(latest.level)} · {repository.name}
                  {previous !== undefined && latest.score !== null && (
                    <span className="muted">
                      {' '}
                      ({latest.score - previous >= 0 ? '+' : ''}
                      {Math.round((latest.score - previous) * 10) / 10} since the last run)
                    </span>
                  )}{' '}
                  <Link to={`/clients/${clientId}/audits/${latest.id}`}>
                    Full audit result{isSeveral ? ` of ${repository.name}` : ''}
                  </Link>
                </p>
                <Sparkline
                  values={scores}
                  label={`Score of ${repository.name} over the last ${scores.length} audits`}
                />
              </div>
            );
          })}
          <h3>Top findings</h3>
          {findings.length === 0 && <p className="muted">No findings. Well kept.</p>}
          <ul className="findings">
            {findings.slice(0, 5).map((f, i) => (
              <li key={i}>
                <strong>{f.message}</strong>
                {(f.path || isSeveral) && (
                  <span className="muted">
                    {' '}
                    {isSeveral ? `${f.repositoryName}${f.path ? ': ' : ''}` : ''}
                    {f.path}
                    {f.path && f.line ? `:${f.line}` : ''}
                  </span>
                )}
                <p>Why it matters: {f.whyItMatters}</p>
                <p className="muted">How to fix: {f.howToFix}</p>
              </li>
            ))}
          </ul>
        </>
      ) : (
        <p className="muted">No audit yet. Connect a repository and run one.</p>
      )}
      {lastRun && lastRun.status !== 'succeeded' && (
        <p className={lastRun.status === 'failed' ? 'error-banner' : 'notice'} role="status">
          Latest audit
          {isSeveral || rows.length === 0
            ? ` of ${data.repositories.find((r) => r.id === lastRun.repositoryId)?.name ?? 'a repository'}`
            : ''}
          : {lastRun.status}
          {lastRun.error && <> — {lastRun.error}</>}
        </p>
      )}
      <RepositoriesPanel clientId={clientId} repositories={data.repositories} onChange={reload} />
    </>
  );
}
