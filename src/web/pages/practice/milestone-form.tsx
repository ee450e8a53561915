/**
 * @module Edit one milestone: every field the API takes, with the user paths it serves and the
 * KPIs it should move; or delete it. Moving the due date keeps the planned date (the slip stays);
 * the owner may tick "make the due date the new plan" to re-baseline on purpose. Field errors
 * from the API show beside their fields.
 */
import type { FormEvent } from 'react';
import type { Engagement } from '../../../shared/engagements.ts';
import type { Kpi } from '../../../shared/kpis.ts';
import { milestoneStatuses, type Milestone, type UserPath } from '../../../shared/roadmap.ts';
import { api } from '../../api.ts';
import { ErrorBanner, Field, text, TextArea } from '../../components/form.tsx';
import { lines, useAction } from '../../components/use-action.ts';

export function MilestoneForm(props: {
  base: string;
  milestone: Milestone;
  /** The owner may re-baseline (make the due date the new plan). */
  canReplan: boolean;
  userPaths: UserPath[];
  kpis: Kpi[];
  engagements: Engagement[];
  onDone: () => void;
  onCancel: () => void;
}) {
  const { base, milestone: m } = props;
  const save = useAction();
  const metByText = new Map(m.acceptance.map((a) => [a.text, a.met]));

  const submit = async (event: FormEvent<HTMLFormElement>) => {
    event.preventDefault();
    const form = new FormData(event.currentTarget);
    const percent = text(form, 'pricePercent');
    const ok = await save.run(() =>
      api('PATCH', `${base}/milestones/${m.id}`, {
        title: text(form, 'title'),
        status: text(form, 'status'),
        dueDate: text(form, 'dueDate'),
        doneDate: text(form, 'doneDate') || null,
        // Criteria kept word for word keep their tick.
        acceptance: lines(text(form, 'acceptance')).map((t) => ({
          text: t,
          met: metByText.get(t) ?? false,
        })),
        pricePercent: percent ? Number(percent) : null,
        engagementId: text(form, 'engagementId') || null,
        userPathIds: form.getAll('userPathIds').map(String),
        kpiIds: form.getAll('kpiIds').map(String),
        ...(form.get('replan') ? { replan: true } : {}),
      }),
    );
    if (ok) props.onDone();
  };
  const remove = async () => {
    if (!window.confirm(`Delete the milestone “${m.title}”?`)) return;
    if (await save.run(() => api('DELETE', `${base}/milestones/${m.id}`))) props.onDone();
  };
  const error = (field: string) => save.error?.fieldMessage(field);

  return (
    <form onSubmit={(e) => void submit(e)} noValidate aria-label={`Edit milestone ${m.title}`}>
      <ErrorBanner error={save.error} />
      <Field label="Title" name="title" defaultValue={m.title} required error={error('title')} />
      <div className="field">
        <label htmlFor={`status-${m.id}`}>Status</label>
        <select id={`status-${m.id}`} name="status" defaultValue={m.status}>
          {milestoneStatuses.map((s) => (
            <option key={s}>{s}</option>
          ))}
        </select>
        {error('status') && <small className="field-error">{error('status')}</small>}
      </div>
      <Field
        label="Due date"
        name="dueDate"
        type="date"
        defaultValue={m.dueDate}
        error={error('dueDate')}
      />
      <p className="muted">
        Planned for {m.plannedDate}. Moving the due date keeps this plan, so the slip shows.
      </p>
      {props.canReplan && (m.status === 'planned' || m.status === 'in-progress') && (
        <div className="field">
          <label className="inline">
            <input type="checkbox" name="replan" /> Re-baseline: make the new date the plan
            (recorded in the audit log)
          </label>
          {error('replan') && <small className="field-error">{error('replan')}</small>}
        </div>
      )}
      <Field
        label="Done date"
        name="doneDate"
        type="date"
        defaultValue={m.doneDate ?? ''}
        error={error('doneDate')}
      />
      <TextArea
        label="Acceptance criteria (one per line)"
        name="acceptance"
        rows={3}
        defaultValue={m.acceptance.map((a) => a.text).join('\n')}
        error={error('acceptance')}
      />
      <Field
        label="Price share (% of the engagement price)"
        name="pricePercent"
        type="number"
        min={0}
        max={100}
        step="any"
        defaultValue={m.pricePercent ?? ''}
        error={error('pricePercent')}
      />
      <div className="field">
        <label htmlFor={`engagement-${m.id}`}>Engagement</label>
        <select id={`engagement-${m.id}`} name="engagementId" defaultValue={m.engagementId ?? ''}>
          <option value="">None</option>
          {props.engagements.map((e) => (
            <option key={e.id} value={e.id}>
              {e.title} ({e.startDate})
            </option>
          ))}
        </select>
        {error('engagementId') && <small className="field-error">{error('engagementId')}</small>}
      </div>
      <fieldset>
        <legend>User paths it serves</legend>
        {props.userPaths.length === 0 && <p className="muted">No user paths yet.</p>}
        {props.userPaths.map((p) => (
          <label key={p.id} className="inline">
            <input
              type="checkbox"
              name="userPathIds"
              value={p.id}
              defaultChecked={m.userPathIds.includes(p.id)}
            />{' '}
            {p.who}: {p.goal}
          </label>
        ))}
        {error('userPathIds') && <small className="field-error">{error('userPathIds')}</small>}
      </fieldset>
      <fieldset>
        <legend>KPIs it should move</legend>
        {props.kpis.length === 0 && <p className="muted">No KPIs yet.</p>}
        {props.kpis.map((k) => (
          <label key={k.id} className="inline">
            <input
              type="checkbox"
              name="kpiIds"
              value={k.id}
              defaultChecked={m.kpiIds.includes(k.id)}
            />{' '}
            {k.name}
          </label>
        ))}
        {error('kpiIds') && <small className="field-error">{error('kpiIds')}</small>}
      </fieldset>
      <div className="actions">
        <button type="submit" disabled={save.busy}>
          Save milestone
        </button>
        <button type="button" className="secondary" onClick={props.onCancel}>
          Cancel
        </button>
        <button type="button" className="secondary" onClick={() => void remove()}>
          Delete milestone
        </button>
      </div>
    </form>
  );
}
