/**
 * @module A client's milestones: acceptance criteria to tick, planned, due and done dates, slip
 * (days late against the plan, overdue against the due date, how far the due date moved) and the
 * share delivered on time; add a milestone linked to user paths; edit one (with the user paths
 * and KPIs it is linked to, and, for the owner, a deliberate re-baseline) or delete it.
 */
import { useState, type FormEvent } from 'react';
import { Link, useParams } from 'react-router';
import type { Engagement } from '../../../shared/engagements.ts';
import type { Kpi } from '../../../shared/kpis.ts';
import type { Milestone, MilestoneList, Scoping } from '../../../shared/roadmap.ts';
import { api } from '../../api.ts';
import { ErrorBanner, Field, text, TextArea } from '../../components/form.tsx';
import { lines, useAction } from '../../components/use-action.ts';
import { useSession } from '../../session.tsx';
import { useLoad } from '../../use-load.ts';
import { ClientHead } from './client-head.tsx';
import { MilestoneForm } from './milestone-form.tsx';

export function SlipSummaryText({ list }: { list: MilestoneList }) {
  const { slip } = list;
  return (
    <p className="slip-summary">
      {slip.onTimePercent === null
        ? 'No milestone is done yet.'
        : `${slip.onTimePercent} % delivered on time (${slip.doneOnTime} of ${slip.done} done).`}{' '}
      {slip.overdue > 0 && <strong className="level-over">{slip.overdue} overdue.</strong>}
      {slip.averageDaysLate !== null && slip.averageDaysLate > 0 && (
        <> Average slip: {slip.averageDaysLate} days.</>
      )}
      {slip.moved > 0 && (
        <>
          {' '}
          {slip.moved} moved from {slip.moved === 1 ? 'its' : 'their'} planned date.
        </>
      )}
    </p>
  );
}

export const days = (n: number) => `${n} day${n === 1 ? '' : 's'}`;

/** The slip in a few words: late and on time against the plan, overdue against the due date. */
export function slipText(m: Milestone): string {
  const { slip } = m;
  if (m.status === 'cancelled') return 'cancelled';
  if (slip.isOnTime === true) return 'on time';
  if (slip.isOnTime === false) return `${days(slip.daysLate)} late`;
  if (slip.isOverdue)
    return slip.daysLate > slip.daysOverdue
      ? `overdue by ${days(slip.daysOverdue)}, ${days(slip.daysLate)} behind plan`
      : `overdue by ${days(slip.daysOverdue)}`;
  if (slip.daysLate > 0) return `${days(slip.daysLate)} behind plan`;
  if (slip.daysMoved > 0) return `moved ${days(slip.daysMoved)} later`;
  return 'on track';
}

/** "Planned 2026-03-02, now due 2026-03-09 (7 days later)", or "Due 2026-03-02" when unmoved. */
export function dueText(m: Milestone): string {
  const moved = m.slip.daysMoved;
  if (moved === 0) return `Due ${m.dueDate}`;
  const shift = moved > 0 ? `${days(moved)} later` : `${days(-moved)} earlier`;
  return `Planned ${m.plannedDate}, now due ${m.dueDate} (${shift})`;
}

export function MilestonesPage() {
  const { clientId = '' } = useParams();
  const { user } = useSession();
  const canEdit = user?.role === 'owner' || user?.role === 'member';
  const base = `/api/v1/clients/${clientId}`;
  const { data, error, reload } = useLoad(
    () =>
      Promise.all([
        api<MilestoneList>('GET', `${base}/milestones`),
        api<Scoping>('GET', `${base}/scoping`),
        api<{ engagements: Engagement[] }>('GET', `${base}/engagements`),
        api<{ kpis: Kpi[] }>('GET', `${base}/kpis`),
      ]),
    [clientId],
  );
  const add = useAction();
  const change = useAction();
  const [editing, setEditing] = useState<string>();

  const create = async (event: FormEvent<HTMLFormElement>) => {
    event.preventDefault();
    const el = event.currentTarget;
    const form = new FormData(el);
    const percent = text(form, 'pricePercent');
    const ok = await add.run(() =>
      api('POST', `${base}/milestones`, {
        title: text(form, 'title'),
        dueDate: text(form, 'dueDate'),
        acceptance: lines(text(form, 'acceptance')).map((t) => ({ text: t, met: false })),
        pricePercent: percent ? Number(percent) : null,
        engagementId: text(form, 'engagementId') || null,
        userPathIds: form.getAll('userPathIds').map(String),
      }),
    );
    if (ok) {
      el.reset();
      reload();
    }
  };
  const patch = async (m: Milestone, body: Record<string, unknown>) => {
    if (await change.run(() => api('PATCH', `${base}/milestones/${m.id}`, body))) reload();
  };
  const tick = (m: Milestone, index: number, met: boolean) =>
    patch(m, { acceptance: m.acceptance.map((a, i) => (i === index ? { ...a, met } : a)) });

  if (error) return <ErrorBanner error={error} />;
  if (!data) return <p>Loading…</p>;
  const [list, scoping, { engagements }, { kpis }] = data;
  const pathName = new Map(scoping.userPaths.map((p) => [p.id, `${p.who}: ${p.goal}`]));
  const kpiById = new Map(kpis.map((k) => [k.id, k]));

  return (
    <>
      <ClientHead clientId={clientId} title="Milestones" />
      <SlipSummaryText list={list} />
      <ErrorBanner error={change.error} />
      {list.milestones.length === 0 && <p className="empty card">No milestones yet.</p>}
      <ul className="plain-list" aria-label="Milestones">
        {list.milestones.map((m) => (
          <li key={m.id} id={`m-${m.id}`} className="card" aria-label={`Milestone ${m.title}`}>
            <h2>
              {m.title} <span className="badge">{m.status}</span>{' '}
              <span
                className={`badge slip-${m.slip.isOverdue || m.slip.isOnTime === false ? 'late' : 'ok'}`}
              >
                {slipText(m)}
              </span>
            </h2>
            <p className="meta">
              {dueText(m)}
              {m.replannedAt && <> · re-baselined on {m.replannedAt.slice(0, 10)}</>}
              {m.doneDate && <> · done {m.doneDate}</>}
              {m.pricePercent !== null && <> · {m.pricePercent} % of the price</>}
              {m.priceAmount !== null && <> · fixed amount {m.priceAmount}</>}
            </p>
            {m.userPathIds.length > 0 && (
              <p className="muted">
                Serves: {m.userPathIds.map((id) => pathName.get(id) ?? 'a removed path').join('; ')}
              </p>
            )}
            {m.kpiIds.length > 0 && (
              <p className="muted">
                Moves:{' '}
                {m.kpiIds.map((id, i) => (
                  <span key={id}>
                    {i > 0 && '; '}
                    {kpiById.has(id) ? (
                      <Link to={`/clients/${clientId}/kpis/${id}`}>{kpiById.get(id)!.name}</Link>
                    ) : (
                      'a removed KPI'
                    )}
                  </span>
                ))}
              </p>
            )}
            {editing === m.id && (
              <MilestoneForm
                base={base}
                milestone={m}
                canReplan={user?.role === 'owner'}
                userPaths={scoping.userPaths}
                kpis={kpis}
                engagements={engagements}
                onDone={() => {
                  setEditing(undefined);
                  reload();
                }}
                onCancel={() => setEditing(undefined)}
              />
            )}
            {m.acceptance.length > 0 && editing !== m.id && (
              <fieldset>
                <legend>Acceptance criteria</legend>
                {m.acceptance.map((a, i) => (
                  <label key={i} className="inline">
                    <input
                      type="checkbox"
                      checked={a.met}
                      disabled={!canEdit || change.busy}
                      onChange={(e) => void tick(m, i, e.target.checked)}
                    />{' '}
                    {a.text}
                  </label>
                ))}
              </fieldset>
            )}
            {canEdit && editing !== m.id && (
              <div className="actions">
                <button type="button" className="secondary" onClick={() => setEditing(m.id)}>
                  Edit “{m.title}”
                </button>
                {m.status === 'planned' && (
                  <button
                    type="button"
                    className="secondary"
                    onClick={() => void patch(m, { status: 'in-progress' })}
                  >
                    Start “{m.title}”
                  </button>
                )}
                {(m.status === 'planned' || m.status === 'in-progress') && (
                  <button type="button" onClick={() => void patch(m, { status: 'done' })}>
                    Mark “{m.title}” done
                  </button>
                )}
                {m.status === 'done' && (
                  <button
                    type="button"
                    className="secondary"
                    onClick={() => void patch(m, { status: 'in-progress' })}
                  >
                    Reopen “{m.title}”
                  </button>
                )}
              </div>
            )}
          </li>
        ))}
      </ul>
      {canEdit && (
        <form
          onSubmit={(e) => void create(e)}
          noValidate
          className="card"
          aria-label="Add a milestone"
        >
          <h2>Add a milestone</h2>
          <ErrorBanner error={add.error} />
          <Field label="Title" name="title" required error={add.error?.fieldMessage('title')} />
          <Field
            label="Due date"
            name="dueDate"
            type="date"
            required
            error={add.error?.fieldMessage('dueDate')}
          />
          <TextArea
            label="Acceptance criteria (one per line)"
            name="acceptance"
            rows={3}
            error={add.error?.fieldMessage('acceptance')}
          />
          <Field
            label="Price share (% of the engagement price)"
            name="pricePercent"
            type="number"
            min={0}
            max={100}
            step="any"
            error={add.error?.fieldMessage('pricePercent')}
          />
          <div className="field">
            <label htmlFor="milestone-engagement">Engagement</label>
            <select id="milestone-engagement" name="engagementId" defaultValue="">
              <option value="">None</option>
              {engagements.map((e) => (
                <option key={e.id} value={e.id}>
                  {e.title} ({e.startDate})
                </option>
              ))}
            </select>
            {add.error?.fieldMessage('engagementId') && (
              <small className="field-error">{add.error.fieldMessage('engagementId')}</small>
            )}
          </div>
          {scoping.userPaths.length > 0 && (
            <fieldset>
              <legend>User paths it serves</legend>
              {scoping.userPaths.map((p) => (
                <label key={p.id} className="inline">
                  <input type="checkbox" name="userPathIds" value={p.id} /> {p.who}: {p.goal}
                </label>
              ))}
            </fieldset>
          )}
          <button type="submit" disabled={add.busy}>
            Add milestone
          </button>
        </form>
      )}
    </>
  );
}
