/** @module One decision record with every MADR field and its supersede chain; edit or delete it. */
import { useState } from 'react';
import { Link, useNavigate, useParams } from 'react-router';
import type { Decision, DecisionSummary } from '../../shared/decisions.ts';
import { api } from '../api.ts';
import { ErrorBanner } from '../components/form.tsx';
import { useAction } from '../components/use-action.ts';
import { useSession } from '../session.tsx';
import { useLoad } from '../use-load.ts';
import { DecisionForm } from './decision-form.tsx';

function List({ items, prefix = '' }: { items: string[]; prefix?: string }) {
  if (items.length === 0) return null;
  return (
    <ul>
      {items.map((item, i) => (
        <li key={i}>
          {prefix}
          {item}
        </li>
      ))}
    </ul>
  );
}

/** Markdown shown as written: React escapes it, and pre-wrap keeps its lines. */
const Prose = ({ text }: { text: string }) => (text ? <p className="prose">{text}</p> : null);

export function DecisionPage() {
  const { clientId = '', decisionId = '' } = useParams();
  const { user } = useSession();
  const canEdit = user?.role === 'owner' || user?.role === 'member';
  const base = `/api/v1/clients/${clientId}/decisions`;
  const { data, error, reload } = useLoad(
    () =>
      Promise.all([
        api<Decision>('GET', `${base}/${decisionId}`),
        api<{ decisions: DecisionSummary[] }>('GET', base),
      ]),
    [clientId, decisionId],
  );
  const [isEditing, setEditing] = useState(false);
  const navigate = useNavigate();
  const action = useAction();
  if (error) return <ErrorBanner error={error} />;
  if (!data) return <p>Loading…</p>;
  const [d, { decisions: others }] = data;
  if (isEditing) {
    return (
      <>
        <h1>
          Edit {d.key}: {d.title}
        </h1>
        <DecisionForm
          key={d.updatedAt}
          decision={d}
          others={others}
          onSaved={() => {
            setEditing(false);
            reload();
          }}
          onCancel={() => setEditing(false)}
        />
      </>
    );
  }
  const remove = () => {
    const note =
      d.supersedes.length > 0 ? ' The decisions it supersedes lose their link to it.' : '';
    if (!window.confirm(`Delete ${d.key}: ${d.title}? This cannot be undone.${note}`)) return;
    void action
      .run(() => api('DELETE', `${base}/${d.id}`))
      .then((ok) => ok && navigate(`/clients/${clientId}/decisions`));
  };
  const people = (label: string, names: string[]) =>
    names.length > 0 ? (
      <>
        <dt>{label}</dt>
        <dd>{names.join(', ')}</dd>
      </>
    ) : null;
  return (
    <>
      <p>
        <Link to={`/clients/${clientId}/decisions`}>← Decisions</Link>
      </p>
      <h1>
        {d.key}: {d.title}
      </h1>
      {canEdit && (
        <p>
          <button type="button" onClick={() => setEditing(true)}>
            Edit decision
          </button>{' '}
          <button
            type="button"
            className="link-button danger"
            disabled={action.busy}
            onClick={remove}
          >
            Delete decision
          </button>
        </p>
      )}
      <ErrorBanner error={action.error} />
      <dl>
        <dt>Status</dt>
        <dd>
          {d.status}
          {d.supersededBy && (
            <>
              {' '}
              by{' '}
              <Link to={`/clients/${clientId}/decisions/${d.supersededBy.id}`}>
                ADR-{String(d.supersededBy.number).padStart(4, '0')} {d.supersededBy.title}
              </Link>
            </>
          )}
        </dd>
        {d.supersedes.length > 0 && (
          <>
            <dt>Supersedes</dt>
            <dd>
              {d.supersedes.map((s) => (
                <Link key={s.id} to={`/clients/${clientId}/decisions/${s.id}`}>
                  ADR-{String(s.number).padStart(4, '0')} {s.title}{' '}
                </Link>
              ))}
            </dd>
          </>
        )}
        <dt>Date</dt>
        <dd>{d.date ?? '—'}</dd>
        {people('Decision-makers', d.decisionMakers)}
        {people('Consulted', d.consulted)}
        {people('Informed', d.informed)}
      </dl>
      {d.summary && (
        <section>
          <h2>In plain words</h2>
          <Prose text={d.summary} />
        </section>
      )}
      {d.chain.length > 1 && (
        <section>
          <h2>Supersede chain</h2>
          <ol>
            {d.chain.map((c) => (
              <li key={c.id} aria-current={c.id === d.id ? 'true' : undefined}>
                <Link to={`/clients/${clientId}/decisions/${c.id}`}>
                  ADR-{String(c.number).padStart(4, '0')} {c.title}
                </Link>{' '}
                ({c.status})
              </li>
            ))}
          </ol>
        </section>
      )}
      <h2>Context and problem statement</h2>
      <Prose text={d.context || '—'} />
      {d.decisionDrivers.length > 0 && (
        <>
          <h2>Decision drivers</h2>
          <List items={d.decisionDrivers} />
        </>
      )}
      {d.options.length > 0 && (
        <>
          <h2>Considered options</h2>
          {d.options.map((o) => (
            <section key={o.title}>
              <h3>
                {o.title}
                {o.title === d.chosenOption && ' (chosen)'}
              </h3>
              <Prose text={o.description} />
              <List items={o.good} prefix="Good, because " />
              <List items={o.neutral} prefix="Neutral, because " />
              <List items={o.bad} prefix="Bad, because " />
            </section>
          ))}
        </>
      )}
      <h2>Decision outcome</h2>
      {d.chosenOption && <p>Chosen option: “{d.chosenOption}”</p>}
      <Prose text={d.justification} />
      <h2>Consequences</h2>
      <Prose text={d.consequences.notes} />
      <List items={d.consequences.good} prefix="Good, because " />
      <List items={d.consequences.neutral} prefix="Neutral, because " />
      <List items={d.consequences.bad} prefix="Bad, because " />
      {d.confirmation && (
        <>
          <h2>Confirmation</h2>
          <Prose text={d.confirmation} />
        </>
      )}
      {d.moreInformation && (
        <>
          <h2>More information</h2>
          <Prose text={d.moreInformation} />
        </>
      )}
      {d.extraSections.map((s) => (
        <section key={s.heading}>
          <h2>{s.heading}</h2>
          <Prose text={s.body} />
        </section>
      ))}
      <p>
        <a href={`/api/v1/clients/${clientId}/decisions/${decisionId}/markdown`}>
          Download as MADR Markdown
        </a>
      </p>
    </>
  );
}
