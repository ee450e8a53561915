/** @module One client company: its profile and the eight areas of the fractional CTO's work. */
import { useState } from 'react';
import { Link, useParams } from 'react-router';
import type { Client, ClientInput } from '../../shared/api.ts';
import { areas, stageLabels } from '../../shared/domain.ts';
import { api, type ApiError } from '../api.ts';
import { AlignmentBlock } from '../components/alignment-block.tsx';
import { ClientForm } from '../components/client-form.tsx';
import { DecisionsBlock } from '../components/decisions-block.tsx';
import { ErrorBanner } from '../components/form.tsx';
import { MonitoringArea } from '../components/monitoring-area.tsx';
import { useSession } from '../session.tsx';
import { useLoad } from '../use-load.ts';
import { RoadmapArea } from './practice/roadmap-area.tsx';
import { QualityArea } from '../scans/quality-area.tsx';
import { SecurityArea } from '../scans/security-area.tsx';

export function ClientPage() {
  const { clientId = '' } = useParams();
  const { user } = useSession();
  const [editing, setEditing] = useState(false);
  const [actionError, setActionError] = useState<ApiError>();
  const {
    data: client,
    error,
    reload,
  } = useLoad(() => api<Client>('GET', `/api/v1/clients/${clientId}`), [clientId]);
  const canEdit = user?.role === 'owner' || user?.role === 'member';

  if (error) return <ErrorBanner error={error} />;
  if (!client) return <p>Loading…</p>;

  const save = async (input: ClientInput) => {
    await api('PATCH', `/api/v1/clients/${clientId}`, input);
    setEditing(false);
    reload();
  };
  const archive = async () => {
    try {
      await api('POST', `/api/v1/clients/${clientId}/${client.archived ? 'restore' : 'archive'}`);
      reload();
    } catch (e) {
      setActionError(e as ApiError);
    }
  };

  return (
    <>
      <div className="page-head">
        <div>
          <h1>{client.name}</h1>
          <p className="meta">
            {stageLabels[client.stage]}
            {client.isDemo && <span className="badge">demo</span>}
            {client.archived && <span className="badge">archived</span>}
            {client.stack.length > 0 && <> · {client.stack.join(' · ')}</>}
          </p>
        </div>
        <div className="actions">
          <Link className="button secondary" to={`/clients/${client.id}/report`}>
            Weekly report
          </Link>
          {canEdit && !editing && (
            <button type="button" className="secondary" onClick={() => setEditing(true)}>
              Edit
            </button>
          )}
          {user?.role === 'owner' && (
            <button type="button" className="secondary" onClick={() => void archive()}>
              {client.archived ? 'Restore' : 'Archive'}
            </button>
          )}
        </div>
      </div>
      <ErrorBanner error={actionError} />
      {editing ? (
        <ClientForm
          initial={client}
          submitLabel="Save changes"
          onSubmit={save}
          onCancel={() => setEditing(false)}
        />
      ) : (
        <section className="card profile" aria-label="Profile">
          <h2>What is blocking them</h2>
          <p>{client.blocker || 'Nothing recorded yet.'}</p>
          {client.notes && (
            <>
              <h2>Notes</h2>
              <p className="pre">{client.notes}</p>
            </>
          )}
          {client.contacts.length > 0 && (
            <>
              <h2>Contacts</h2>
              <ul>
                {client.contacts.map((p, i) => (
                  <li key={i}>
                    {p.name}
                    {p.role && <> — {p.role}</>}
                    {p.email && (
                      <>
                        {' '}
                        <a href={`mailto:${p.email}`}>{p.email}</a>
                      </>
                    )}
                  </li>
                ))}
              </ul>
            </>
          )}
        </section>
      )}
      <div className="areas">
        {areas.map((area, index) => (
          <section key={area.id} className="card area" aria-labelledby={`area-${area.id}`}>
            <h2 id={`area-${area.id}`}>
              <span className="area-number">{index + 1}</span> {area.title}
            </h2>
            {area.id === 'architecture' ? (
              <>
                <RoadmapArea clientId={clientId} />
                <DecisionsBlock clientId={clientId} />
              </>
            ) : area.id === 'business' ? (
              <AlignmentBlock clientId={clientId} />
            ) : area.id === 'quality' ? (
              <QualityArea clientId={clientId} />
            ) : area.id === 'security' ? (
              <SecurityArea clientId={clientId} />
            ) : area.id === 'uptime' ? (
              <>
                <MonitoringArea clientId={clientId} />
                <p>
                  <Link to={`/clients/${clientId}/monitoring/slos`}>SLOs and error budgets</Link>
                  {' · '}
                  <Link to={`/clients/${clientId}/monitoring/import`}>
                    Import from Uptime Kuma or Gatus
                  </Link>
                </p>
              </>
            ) : (
              <p className="muted">Not set up yet. This section will show: {area.upcoming}</p>
            )}
          </section>
        ))}
      </div>
    </>
  );
}
