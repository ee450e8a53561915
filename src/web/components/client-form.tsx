/** @module The client company form, used to create and to edit. */
import { useState, type FormEvent } from 'react';
import type { Client, ClientInput } from '../../shared/api.ts';
import { stageLabels, stages } from '../../shared/domain.ts';
import type { ApiError } from '../api.ts';
import { ErrorBanner, Field, text, TextArea } from './form.tsx';

export function ClientForm(props: {
  initial?: Client;
  submitLabel: string;
  onSubmit: (input: ClientInput) => Promise<void>;
  onCancel?: () => void;
}) {
  const [error, setError] = useState<ApiError>();
  const [busy, setBusy] = useState(false);
  const c = props.initial;

  const submit = async (event: FormEvent<HTMLFormElement>) => {
    event.preventDefault();
    const form = new FormData(event.currentTarget);
    const contacts = text(form, 'contacts')
      .split('\n')
      .map((line) => line.trim())
      .filter(Boolean)
      .map((line) => {
        const [name = '', email, role] = line.split(',').map((part) => part.trim());
        return { name, ...(email ? { email } : {}), ...(role ? { role } : {}) };
      });
    setBusy(true);
    try {
      await props.onSubmit({
        name: text(form, 'name'),
        stage: form.get('stage') as ClientInput['stage'],
        stack: text(form, 'stack')
          .split(',')
          .map((s) => s.trim())
          .filter(Boolean),
        blocker: text(form, 'blocker'),
        notes: text(form, 'notes'),
        contacts,
      });
      setError(undefined);
    } catch (e) {
      setError(e as ApiError);
    } finally {
      setBusy(false);
    }
  };

  return (
    <form onSubmit={(e) => void submit(e)} noValidate className="card">
      <ErrorBanner error={error} />
      <Field
        label="Company name"
        name="name"
        required
        defaultValue={c?.name}
        error={error?.fieldMessage('name')}
      />
      <div className="field">
        <label htmlFor="client-stage">Stage</label>
        <select id="client-stage" name="stage" defaultValue={c?.stage ?? 'seed'}>
          {stages.map((s) => (
            <option key={s} value={s}>
              {stageLabels[s]}
            </option>
          ))}
        </select>
      </div>
      <Field
        label="Stack (comma-separated)"
        name="stack"
        defaultValue={c?.stack.join(', ')}
        error={error?.fieldMessage('stack')}
      />
      <TextArea
        label="What is blocking them right now"
        name="blocker"
        rows={2}
        defaultValue={c?.blocker}
        error={error?.fieldMessage('blocker')}
      />
      <TextArea
        label="Notes"
        name="notes"
        rows={3}
        defaultValue={c?.notes}
        error={error?.fieldMessage('notes')}
      />
      <TextArea
        label="Contacts (one per line: name, email, role)"
        name="contacts"
        rows={2}
        defaultValue={c?.contacts
          .map((p) => [p.name, p.email ?? '', p.role ?? ''].join(', ').replace(/(, )+$/, ''))
          .join('\n')}
        error={error?.fieldMessage('contacts')}
      />
      <div className="actions">
        <button type="submit" disabled={busy}>
          {props.submitLabel}
        </button>
        {props.onCancel && (
          <button type="button" className="secondary" onClick={props.onCancel}>
            Cancel
          </button>
        )}
      </div>
    </form>
  );
}
