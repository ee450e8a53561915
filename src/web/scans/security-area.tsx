/**
 * @module Area 8 of the client page (security and compliance): open findings by severity, the
 * most serious ones, and how far the posture checklist is answered.
 */
import { Link } from 'react-router';
import type { PostureItem, SecurityFinding } from '../../shared/scans.ts';
import { severities } from '../../shared/scans.ts';
import { api } from '../api.ts';
import { ErrorBanner } from '../components/form.tsx';
import { useLoad } from '../use-load.ts';

interface FindingList {
  openBySeverity: Record<string, number>;
  acceptedCount: number;
  findings: SecurityFinding[];
}

export function SecurityArea({ clientId }: { clientId: string }) {
  const { data, error } = useLoad(
    async () => ({
      list: await api<FindingList>('GET', `/api/v1/clients/${clientId}/security/findings?limit=5`),
      posture: await api<{ items: PostureItem[] }>('GET', `/api/v1/clients/${clientId}/posture`),
    }),
    [clientId],
  );
  if (error) return <ErrorBanner error={error} />;
  if (!data) return <p>Loading…</p>;
  const { list, posture } = data;
  const answered = posture.items.filter((i) => i.status !== null).length;
  const yes = posture.items.filter((i) => i.status === 'yes' || i.status === 'n/a').length;
  return (
    <>
      <dl className="severity-counts" aria-label="Open findings by severity">
        {severities.map((s) => (
          // Coloured only when there is something to see: a red 0 reads as an alarm.
          <div
            key={s}
            className={(list.openBySeverity[s] ?? 0) > 0 ? `severity severity-${s}` : 'severity'}
          >
            <dt>{s}</dt>
            <dd>{list.openBySeverity[s] ?? 0}</dd>
          </div>
        ))}
      </dl>
      {list.acceptedCount > 0 && (
        <p className="muted">{list.acceptedCount} accepted risk(s), each with an end date.</p>
      )}
      <ul className="findings">
        {list.findings.map((f) => (
          <li key={f.id}>
            <span className={`badge severity-${f.severity}`}>{f.severity}</span> {f.title}{' '}
            <span className="muted">({f.repositoryName})</span>
          </li>
        ))}
      </ul>
      <p>
        Checklist: {answered} of {posture.items.length} answered, {yes} in place.{' '}
        <Link to={`/clients/${clientId}/security`}>Findings and checklist</Link>
      </p>
    </>
  );
}
