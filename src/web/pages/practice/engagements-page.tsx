/**
 * @module A client's engagements: propose an MVP sprint or a retainer, edit it, move its status
 * (proposed → active → paused → done, as the API allows), open the proposal.
 */
import { useState, type FormEvent } from 'react';
import { Link, useParams } from 'react-router';
import {
  describePrice,
  engagementKindLabels,
  engagementTransitions,
  type Engagement,
  type EngagementKind,
} from '../../../shared/engagements.ts';
import { api } from '../../api.ts';
import { ErrorBanner } from '../../components/form.tsx';
import { useAction } from '../../components/use-action.ts';
import { useSession } from '../../session.tsx';
import { useLoad } from '../../use-load.ts';
import { ClientHead } from './client-head.tsx';
import { EngagementEditForm, EngagementFields, engagementBody } from './engagement-form.tsx';

const moveLabels = { active: 'Start', paused: 'Pause', done: 'Finish', proposed: 'Propose' };

export function EngagementsPage() {
  const { clientId = '' } = useParams();
  const { user } = useSession();
  const isOwner = user?.role === 'owner';
  const base = `/api/v1/clients/${clientId}/engagements`;
  const { data, error, reload } = useLoad(
    () => api<{ engagements: Engagement[] }>('GET', base),
    [clientId],
  );
  const [kind, setKind] = useState<EngagementKind>('mvp-sprint');
  const add = useAction();
  const move = useAction();
  const [editing, setEditing] = useState<string>();

  const create = async (event: FormEvent<HTMLFormElement>) => {
    event.preventDefault();
    const el = event.currentTarget;
    const form = new FormData(el);
    const ok = await add.run(() => api('POST', base, { kind, ...engagementBody(form, kind) }));
    if (ok) {
      el.reset();
      reload();
    }
  };
  const transition = async (e: Engagement, status: string) => {
    if (await move.run(() => api('POST', `${base}/${e.id}/status`, { status }))) reload();
  };

  return (
    <>
      <ClientHead clientId={clientId} title="Engagements" />
      <ErrorBanner error={error ?? move.error} />
      {data?.engagements.length === 0 && <p className="empty card">No engagement yet.</p>}
      <ul className="plain-list" aria-label="Engagements">
        {data?.engagements.map((e) => (
          <li key={e.id} className="card" aria-label={`Engagement ${e.title}`}>
            <h2>
              {e.title} <span className="badge">{e.status}</span>
            </h2>
            <p className="meta">
              {engagementKindLabels[e.kind]} · {e.startDate}
              {e.endDate ? ` to ${e.endDate}` : ', open-ended'} · {describePrice(e)}
            </p>
            {editing === e.id && (
              <EngagementEditForm
                base={base}
                engagement={e}
                onDone={() => {
                  setEditing(undefined);
                  reload();
                }}
                onCancel={() => setEditing(undefined)}
              />
            )}
            <div className="actions">
              {isOwner && editing !== e.id && (
                <button type="button" className="secondary" onClick={() => setEditing(e.id)}>
                  Edit “{e.title}”
                </button>
              )}
              <Link to={`/clients/${clientId}/engagements/${e.id}/proposal`}>
                Proposal for {e.title}
              </Link>
              {isOwner &&
                engagementTransitions[e.status].map((to) => (
                  <button
                    key={to}
                    type="button"
                    className="secondary"
                    disabled={move.busy}
                    onClick={() => void transition(e, to)}
                  >
                    {moveLabels[to]} “{e.title}”
                  </button>
                ))}
            </div>
          </li>
        ))}
      </ul>
      {isOwner && (
        <form
          onSubmit={(e) => void create(e)}
          noValidate
          className="card"
          aria-label="Propose an engagement"
        >
          <h2>Propose an engagement</h2>
          <ErrorBanner error={add.error} />
          <fieldset>
            <legend>Kind</legend>
            <label className="inline">
              <input
                type="radio"
                name="kind"
                checked={kind === 'mvp-sprint'}
                onChange={() => setKind('mvp-sprint')}
              />{' '}
              MVP sprint — 4 to 6 weeks, a price range, paid per milestone
            </label>
            <label className="inline">
              <input
                type="radio"
                name="kind"
                checked={kind === 'retainer'}
                onChange={() => setKind('retainer')}
              />{' '}
              Retainer — a monthly fee with an hours budget
            </label>
          </fieldset>
          <EngagementFields kind={kind} error={add.error} />
          <button type="submit" disabled={add.busy}>
            Propose engagement
          </button>
        </form>
      )}
    </>
  );
}
