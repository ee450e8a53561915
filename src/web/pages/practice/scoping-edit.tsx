/** @module Edit forms for one user path and one risk on the scoping page (PATCH, field errors beside fields). */
import type { FormEvent } from 'react';
import {
  levels,
  priorities,
  priorityLabels,
  riskStatuses,
  type UserPath,
  type Scoping,
} from '../../../shared/roadmap.ts';
import { api } from '../../api.ts';
import { ErrorBanner, Field, text, TextArea } from '../../components/form.tsx';
import { lines, useAction } from '../../components/use-action.ts';

type Risk = Scoping['risks'][number];

function Choice(props: {
  id: string;
  label: string;
  name: string;
  value: string;
  options: readonly string[];
  labels?: Record<string, string>;
  error?: string | undefined;
}) {
  return (
    <div className="field">
      <label htmlFor={props.id}>{props.label}</label>
      <select id={props.id} name={props.name} defaultValue={props.value}>
        {props.options.map((o) => (
          <option key={o} value={o}>
            {props.labels?.[o] ?? o}
          </option>
        ))}
      </select>
      {props.error && <small className="field-error">{props.error}</small>}
    </div>
  );
}

interface EditProps<T> {
  base: string;
  item: T;
  onDone: () => void;
  onCancel: () => void;
}

export function UserPathForm({ base, item: p, onDone, onCancel }: EditProps<UserPath>) {
  const save = useAction();
  const submit = async (event: FormEvent<HTMLFormElement>) => {
    event.preventDefault();
    const form = new FormData(event.currentTarget);
    const ok = await save.run(() =>
      api('PATCH', `${base}/user-paths/${p.id}`, {
        who: text(form, 'who'),
        goal: text(form, 'goal'),
        steps: lines(text(form, 'steps')),
        priority: text(form, 'priority'),
      }),
    );
    if (ok) onDone();
  };
  const error = (field: string) => save.error?.fieldMessage(field);
  return (
    <form onSubmit={(e) => void submit(e)} noValidate aria-label={`Edit path ${p.goal}`}>
      <ErrorBanner error={save.error} />
      <Field label="Who" name="who" defaultValue={p.who} error={error('who')} />
      <Field label="Goal" name="goal" defaultValue={p.goal} error={error('goal')} />
      <TextArea
        label="Steps (one per line)"
        name="steps"
        rows={3}
        defaultValue={p.steps.join('\n')}
        error={error('steps')}
      />
      <Choice
        id={`priority-${p.id}`}
        label="Priority"
        name="priority"
        value={p.priority}
        options={priorities}
        labels={priorityLabels}
        error={error('priority')}
      />
      <div className="actions">
        <button type="submit" disabled={save.busy}>
          Save path
        </button>
        <button type="button" className="secondary" onClick={onCancel}>
          Cancel
        </button>
      </div>
    </form>
  );
}

export function RiskForm({ base, item: r, onDone, onCancel }: EditProps<Risk>) {
  const save = useAction();
  const submit = async (event: FormEvent<HTMLFormElement>) => {
    event.preventDefault();
    const form = new FormData(event.currentTarget);
    const ok = await save.run(() =>
      api('PATCH', `${base}/risks/${r.id}`, {
        description: text(form, 'description'),
        likelihood: text(form, 'likelihood'),
        impact: text(form, 'impact'),
        mitigation: text(form, 'mitigation'),
        status: text(form, 'status'),
      }),
    );
    if (ok) onDone();
  };
  const error = (field: string) => save.error?.fieldMessage(field);
  return (
    <form onSubmit={(e) => void submit(e)} noValidate aria-label="Edit risk">
      <ErrorBanner error={save.error} />
      <TextArea
        label="The risk, in business terms"
        name="description"
        rows={2}
        defaultValue={r.description}
        error={error('description')}
      />
      <Choice
        id={`likelihood-${r.id}`}
        label="Likelihood"
        name="likelihood"
        value={r.likelihood}
        options={levels}
        error={error('likelihood')}
      />
      <Choice
        id={`impact-${r.id}`}
        label="Impact"
        name="impact"
        value={r.impact}
        options={levels}
        error={error('impact')}
      />
      <TextArea
        label="Mitigation"
        name="mitigation"
        rows={2}
        defaultValue={r.mitigation}
        error={error('mitigation')}
      />
      <Choice
        id={`risk-status-${r.id}`}
        label="Status"
        name="status"
        value={r.status}
        options={riskStatuses}
        error={error('status')}
      />
      <div className="actions">
        <button type="submit" disabled={save.busy}>
          Save risk
        </button>
        <button type="button" className="secondary" onClick={onCancel}>
          Cancel
        </button>
      </div>
    </form>
  );
}
