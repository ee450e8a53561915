/** @module The heading of a client's sub-page: the page title, a link back to the client. */
import { Link } from 'react-router';
import type { Client } from '../../../shared/api.ts';
import { api } from '../../api.ts';
import { useSession } from '../../session.tsx';
import { useLoad } from '../../use-load.ts';

export function ClientHead({ clientId, title }: { clientId: string; title: string }) {
  const { user } = useSession();
  const { data } = useLoad(() => api<Client>('GET', `/api/v1/clients/${clientId}`), [clientId]);
  return (
    <div className="page-head no-print">
      <div>
        <p className="meta">
          <Link to={`/clients/${clientId}`}>{data?.name ?? 'Client'}</Link> ·{' '}
          <Link to={`/clients/${clientId}/scoping`}>Scoping</Link> ·{' '}
          <Link to={`/clients/${clientId}/milestones`}>Milestones</Link> ·{' '}
          <Link to={`/clients/${clientId}/engagements`}>Engagements</Link> ·{' '}
          <Link to={`/clients/${clientId}/time`}>
            {user?.role === 'founder' ? 'Hours' : 'Time'}
          </Link>
        </p>
        <h1>{title}</h1>
      </div>
    </div>
  );
}
