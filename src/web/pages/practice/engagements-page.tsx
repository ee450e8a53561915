/** @module A client's engagements: propose an MVP sprint or a retainer, move its status, open the proposal. */
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
import { ErrorBanner, Field, text, TextArea } from '../../components/form.tsx';
import { useAction } from '../../components/use-action.ts';
import { useSession } from '../../session.tsx';
import { useLoad } from '../../use-load.ts';
import { ClientHead } from './client-head.tsx';

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

  const create = async (event: FormEvent<HTMLFormElement>) => {
    event.preventDefault();
    const el = event.currentTarget;
    const form = new FormData(el);
    const num = (name: string) => (text(form, name) ? Number(text(form, name)) : null);
    const ok = await add.run(() =>
      api('POST', base, {
        kind,
        title: text(form, 'title'),
        startDate: text(form, 'startDate'),
        endDate: text(form, 'endDate') || null,
        currency: text(form, 'currency'),
        ...(kind === 'mvp-sprint'
          ? { priceMin: num('priceMin'), priceMax: num('priceMax') }
          : { monthlyFee: num('monthlyFee'), hoursPerMonth: num('hoursPerMonth') }),
        terms: text(form, 'terms'),
      }),
    );
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
            <div className="actions">
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
          <Field label="Title" name="title" required error={add.error?.fieldMessage('title')} />
          <Field
            label="Start date"
            name="startDate"
            type="date"
            required
            error={add.error?.fieldMessage('startDate')}
          />
          <Field
            label="End date"
            name="endDate"
            type="date"
            error={add.error?.fieldMessage('endDate')}
          />
          <Field
            label="Currency"
            name="currency"
            defaultValue="EUR"
            maxLength={3}
            error={add.error?.fieldMessage('currency')}
          />
          {kind === 'mvp-sprint' ? (
            <>
              <Field
                label="Lowest price"
                name="priceMin"
                type="number"
                min={0}
                error={add.error?.fieldMessage('priceMin')}
              />
              <Field
                label="Highest price"
                name="priceMax"
                type="number"
                min={0}
                error={add.error?.fieldMessage('priceMax')}
              />
            </>
          ) : (
            <>
              <Field
                label="Monthly fee"
                name="monthlyFee"
                type="number"
                min={0}
                error={add.error?.fieldMessage('monthlyFee')}
              />
              <Field
                label="Hours per month"
                name="hoursPerMonth"
                type="number"
                min={0}
                step="any"
                error={add.error?.fieldMessage('hoursPerMonth')}
              />
            </>
          )}
          <TextArea label="Terms" name="terms" rows={3} />
          <button type="submit" disabled={add.busy}>
            Propose engagement
          </button>
        </form>
      )}
    </>
  );
}
