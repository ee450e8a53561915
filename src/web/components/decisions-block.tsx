/** @module Area 1's "Decisions" block on the client page: the latest decision records. */
import { Link } from 'react-router';
import type { DecisionSummary } from '../../shared/decisions.ts';
import { api } from '../api.ts';
import { useLoad } from '../use-load.ts';
import { ErrorBanner } from './form.tsx';

export function DecisionsBlock({ clientId }: { clientId: string }) {
  const { data, error } = useLoad(
    () => api<{ decisions: DecisionSummary[] }>('GET', `/api/v1/clients/${clientId}/decisions`),
    [clientId],
  );
  if (error) return <ErrorBanner error={error} />;
  if (!data) return <p>Loading…</p>;
  const recent = [...data.decisions].reverse().slice(0, 5);
  return (
    <div className="decisions-block">
      <h3>Decisions</h3>
      {recent.length === 0 ? (
        <p className="muted">No decision records yet.</p>
      ) : (
        <ul>
          {recent.map((d) => (
            <li key={d.id}>
              <Link to={`/clients/${clientId}/decisions/${d.id}`}>
                {d.key} {d.title}
              </Link>{' '}
              <span className={`status status-${d.status}`}>{d.status}</span>
            </li>
          ))}
        </ul>
      )}
      <Link to={`/clients/${clientId}/decisions`}>All decisions and import</Link>
    </div>
  );
}
