/** @module The owner's leads inbox: convert a lead into a client, or decline it with a reason. */
import { useState, type FormEvent } from 'react';
import { Link, useNavigate } from 'react-router';
import type { Client } from '../../../shared/api.ts';
import { stageLabels } from '../../../shared/domain.ts';
import type { Lead } from '../../../shared/intake.ts';
import { api } from '../../api.ts';
import { ErrorBanner, text, TextArea } from '../../components/form.tsx';
import { useAction } from '../../components/use-action.ts';
import { useLoad } from '../../use-load.ts';

const filters = [
  ['new', 'Waiting'],
  ['converted', 'Converted'],
  ['declined', 'Declined'],
  ['all', 'All'],
] as const;

export function LeadsPage() {
  const [status, setStatus] = useState<(typeof filters)[number][0]>('new');
  const { data, error, reload } = useLoad(
    () => api<{ leads: Lead[] }>('GET', `/api/v1/leads?status=${status}`),
    [status],
  );
  return (
    <>
      <div className="page-head">
        <h1>Leads</h1>
        <div className="field">
          <label htmlFor="lead-filter">Show</label>
          <select
            id="lead-filter"
            value={status}
            onChange={(e) => setStatus(e.target.value as typeof status)}
          >
            {filters.map(([value, label]) => (
              <option key={value} value={value}>
                {label}
              </option>
            ))}
          </select>
        </div>
      </div>
      <p className="muted">
        People who wrote through the public page at <a href="/start">/start</a>.
      </p>
      <ErrorBanner error={error} />
      {data && data.leads.length === 0 && <p className="empty card">No leads here.</p>}
      <ul className="plain-list" aria-label="Leads">
        {data?.leads.map((lead) => (
          <LeadCard key={lead.id} lead={lead} onChange={reload} />
        ))}
      </ul>
    </>
  );
}

function LeadCard({ lead, onChange }: { lead: Lead; onChange: () => void }) {
  const navigate = useNavigate();
  const { error, busy, run } = useAction();
  const [declining, setDeclining] = useState(false);

  const convert = () =>
    run(async () => {
      const { client } = await api<{ client: Client }>(
        'POST',
        `/api/v1/leads/${lead.id}/convert`,
        {},
      );
      void navigate(`/clients/${client.id}`);
    });
  const decline = async (event: FormEvent<HTMLFormElement>) => {
    event.preventDefault();
    const reason = text(new FormData(event.currentTarget), 'reason');
    if (await run(() => api('POST', `/api/v1/leads/${lead.id}/decline`, { reason }))) onChange();
  };

  return (
    <li id={`lead-${lead.id}`} className="card" aria-label={`Lead from ${lead.company}`}>
      <h2>
        {lead.company} <span className="badge">{lead.status}</span>
      </h2>
      <p className="meta">
        {lead.name} · <a href={`mailto:${lead.email}`}>{lead.email}</a> · {stageLabels[lead.stage]}{' '}
        · {new Date(lead.createdAt).toLocaleString()}
      </p>
      <dl className="facts">
        <dt>Stack</dt>
        <dd>{lead.stack.join(', ') || '—'}</dd>
        <dt>What is blocking them</dt>
        <dd className="pre">{lead.blocker}</dd>
        <dt>Budget</dt>
        <dd>{lead.budget ?? '—'}</dd>
        <dt>Timeline</dt>
        <dd>{lead.timeline ?? '—'}</dd>
        {lead.declineReason && (
          <>
            <dt>Declined because</dt>
            <dd>{lead.declineReason}</dd>
          </>
        )}
      </dl>
      <ErrorBanner error={error} />
      {lead.status === 'converted' && lead.clientId && (
        <p>
          <Link to={`/clients/${lead.clientId}`}>Open the client</Link>
        </p>
      )}
      {lead.status === 'new' && !declining && (
        <div className="actions">
          <button type="button" disabled={busy} onClick={() => void convert()}>
            Convert to client
          </button>
          <button type="button" className="secondary" onClick={() => setDeclining(true)}>
            Decline
          </button>
        </div>
      )}
      {lead.status === 'new' && declining && (
        <form onSubmit={(e) => void decline(e)} noValidate>
          <TextArea
            label="Why decline (kept for your records)"
            name="reason"
            rows={2}
            error={error?.fieldMessage('reason')}
          />
          <div className="actions">
            <button type="submit" disabled={busy}>
              Decline lead
            </button>
            <button type="button" className="secondary" onClick={() => setDeclining(false)}>
              Cancel
            </button>
          </div>
        </form>
      )}
    </li>
  );
}
