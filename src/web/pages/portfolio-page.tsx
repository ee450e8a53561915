/**
 * @module The portfolio home: what needs attention today across every client (most urgent
 * first), then every client the signed-in person can see with its status this week (red first,
 * then amber, then green, in the order the portfolio API gives) and its retainer usage this month.
 */
import { useState } from 'react';
import { Link, useNavigate } from 'react-router';
import type { Client, ClientInput } from '../../shared/api.ts';
import type { Portfolio } from '../../shared/portfolio.ts';
import { stageLabels } from '../../shared/domain.ts';
import { api, type ApiError } from '../api.ts';
import { ClientForm } from '../components/client-form.tsx';
import { ErrorBanner } from '../components/form.tsx';
import { useSession } from '../session.tsx';
import { useLoad } from '../use-load.ts';
import { UsageMeter } from './practice/time-page.tsx';
import { statusLabel } from '../components/status-label.ts';

export function PortfolioPage() {
  const { user } = useSession();
  const navigate = useNavigate();
  const isOwner = user?.role === 'owner';
  const [showArchived, setShowArchived] = useState(false);
  const [creating, setCreating] = useState(false);
  const [actionError, setActionError] = useState<ApiError>();
  // The client list and the portfolio load together, so what needs attention always belongs to
  // the clients on screen (after loading the demo, not the empty list before it).
  const { data, error, reload } = useLoad(async () => {
    const [list, portfolio] = await Promise.all([
      api<{ clients: Client[] }>(
        'GET',
        `/api/v1/clients?archived=${showArchived ? 'include' : 'exclude'}`,
      ),
      api<Portfolio>('GET', '/api/v1/portfolio'),
    ]);
    return { clients: list.clients, portfolio };
  }, [showArchived]);
  const portfolio = data?.portfolio;
  const clients = sortedByPortfolio(data?.clients ?? [], portfolio);
  const retainersOf = new Map(portfolio?.clients.map((c) => [c.id, c.retainers]));
  const hasDemo = clients.some((c) => c.isDemo);

  const create = async (input: ClientInput) => {
    const client = await api<Client>('POST', '/api/v1/clients', input);
    setCreating(false);
    void navigate(`/clients/${client.id}`);
  };
  const demo = async (method: 'POST' | 'DELETE') => {
    try {
      await api(method, '/api/v1/demo');
      reload();
    } catch (e) {
      setActionError(e as ApiError);
    }
  };

  return (
    <>
      <div className="page-head">
        <h1>Portfolio</h1>
        {isOwner && !creating && (
          <button type="button" onClick={() => setCreating(true)}>
            New client
          </button>
        )}
      </div>
      <ErrorBanner error={error ?? actionError} />
      {creating && (
        <ClientForm
          submitLabel="Create client"
          onSubmit={create}
          onCancel={() => setCreating(false)}
        />
      )}
      {data && clients.length === 0 && (
        <div className="empty card">
          <p>
            {isOwner
              ? 'No clients yet. Add your first client company, or look around with a demo portfolio.'
              : 'You have no clients assigned yet.'}
          </p>
          {isOwner && (
            <button type="button" className="secondary" onClick={() => void demo('POST')}>
              Load demo portfolio
            </button>
          )}
        </div>
      )}
      {/* Practice-wide items (a lead waiting) show before the first client exists too. */}
      {portfolio && (clients.length > 0 || portfolio.attention.length > 0) && (
        <section className="card" aria-labelledby="attention-heading">
          <h2 id="attention-heading">Needs attention</h2>
          {portfolio.attention.length === 0 ? (
            <p className="muted">Nothing needs your attention right now.</p>
          ) : (
            <ol className="attention">
              {portfolio.attention.map((item, index) => (
                <li
                  key={index}
                  className={
                    item.urgency >= 90 ? 'urgent' : item.urgency >= 60 ? 'soon' : undefined
                  }
                >
                  {item.clientName && <strong>{item.clientName}: </strong>}
                  <Link to={item.href}>{item.text}</Link>
                  {item.due && (
                    <span className="muted">
                      {' '}
                      ({item.dateLabel ?? 'due'} {item.due.slice(0, 10)})
                    </span>
                  )}
                </li>
              ))}
            </ol>
          )}
          {portfolio.problems.map((p) => (
            <p key={p} className="notice">
              {p}
            </p>
          ))}
        </section>
      )}
      <ul className="client-grid" aria-label="Clients">
        {clients.map((c) => (
          <li key={c.id} className="card client-card">
            <h2>
              <Link to={`/clients/${c.id}`}>{c.name}</Link>
            </h2>
            <p className="meta">
              {stageLabels[c.stage]}
              {c.isDemo && <span className="badge">demo</span>}
              {c.archived && <span className="badge">archived</span>}
            </p>
            {c.stack.length > 0 && <p className="stack">{c.stack.join(' · ')}</p>}
            {c.blocker && <p className="blocker">{c.blocker}</p>}
            {portfolio?.status[c.id] && (
              <p className={`status-line status-${portfolio.status[c.id]!.status}`}>
                <strong>{statusLabel[portfolio.status[c.id]!.status]}:</strong>{' '}
                <Link to={`/clients/${c.id}/report`}>{portfolio.status[c.id]!.headline}</Link>
              </p>
            )}
            {retainersOf.get(c.id)?.map((usage) => (
              <UsageMeter key={usage.engagementId} usage={usage} />
            ))}
          </li>
        ))}
      </ul>
      <div className="page-foot">
        <label className="inline">
          <input
            type="checkbox"
            checked={showArchived}
            onChange={(e) => setShowArchived(e.target.checked)}
          />{' '}
          Show archived clients
        </label>
        {isOwner && hasDemo && (
          <button type="button" className="secondary" onClick={() => void demo('DELETE')}>
            Remove demo clients
          </button>
        )}
      </div>
    </>
  );
}

/** The portfolio's order (red, amber, green, then name); clients it leaves out (archived) last. */
function sortedByPortfolio(clients: Client[], portfolio: Portfolio | undefined): Client[] {
  const rank = new Map(portfolio?.clients.map((c, i) => [c.id, i]));
  return [...clients].sort((a, b) => (rank.get(a.id) ?? rank.size) - (rank.get(b.id) ?? rank.size));
}
