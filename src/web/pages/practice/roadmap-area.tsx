/** @module Area 1 of the client page: scoping summary, milestones with slip, links to the full pages. */
import { Link } from 'react-router';
import type { MilestoneList, Scoping } from '../../../shared/roadmap.ts';
import { priorityLabels } from '../../../shared/roadmap.ts';
import { api } from '../../api.ts';
import { ErrorBanner } from '../../components/form.tsx';
import { useSession } from '../../session.tsx';
import { useLoad } from '../../use-load.ts';
import { SlipSummaryText, slipText } from './milestones-page.tsx';

export function RoadmapArea({ clientId }: { clientId: string }) {
  const { user } = useSession();
  const isStaff = user?.role === 'owner' || user?.role === 'member';
  const base = `/api/v1/clients/${clientId}`;
  const { data, error } = useLoad(
    () =>
      Promise.all([
        api<Scoping>('GET', `${base}/scoping`),
        api<MilestoneList>('GET', `${base}/milestones`),
      ]),
    [clientId],
  );
  if (error) return <ErrorBanner error={error} />;
  if (!data) return <p className="muted">Loading…</p>;
  const [scoping, list] = data;
  const must = scoping.userPaths.filter((p) => p.priority === 'must');

  return (
    <div className="roadmap-area">
      <p>
        {scoping.userPaths.length} user path{scoping.userPaths.length === 1 ? '' : 's'} (
        {must.length} must have), {scoping.constraints.length} constraint
        {scoping.constraints.length === 1 ? '' : 's'},{' '}
        {scoping.risks.filter((r) => r.status === 'open').length} open risk
        {scoping.risks.filter((r) => r.status === 'open').length === 1 ? '' : 's'}.
      </p>
      {must.length > 0 && (
        <ul aria-label="Must-have user paths">
          {must.map((p) => (
            <li key={p.id}>
              {p.who}: {p.goal} <span className="badge">{priorityLabels[p.priority]}</span>
            </li>
          ))}
        </ul>
      )}
      <SlipSummaryText list={list} />
      {list.milestones.length > 0 && (
        // A list, not a table: the area is a third of the page wide (the full table is on the
        // Milestones page).
        <ul className="plain-list milestone-list" aria-label="Roadmap milestones">
          {list.milestones.map((m) => (
            <li key={m.id}>
              <span className="milestone-title">{m.title}</span>
              <span className="muted milestone-when">
                {m.doneDate ? `done ${m.doneDate}` : `due ${m.dueDate}`}
                {m.plannedDate !== m.dueDate && ` (planned ${m.plannedDate})`} · {slipText(m)}
              </span>
            </li>
          ))}
        </ul>
      )}
      <p className="actions">
        <Link to={`/clients/${clientId}/scoping`}>Scoping</Link>
        <Link to={`/clients/${clientId}/milestones`}>Milestones</Link>
        <Link to={`/clients/${clientId}/engagements`}>Engagements and proposals</Link>
        <Link to={`/clients/${clientId}/time`}>{isStaff ? 'Time log' : 'Hours used'}</Link>
      </p>
    </div>
  );
}
