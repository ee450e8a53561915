/**
 * @module The edit form for one decision's MADR 4 fields. Lists are edited one item a line (names
 * separated by commas); the form sends every field as one PATCH and shows the API's field errors
 * beside the fields they name.
 */
import { useState, type FormEvent } from 'react';
import {
  decisionKey,
  decisionStatuses,
  type Decision,
  type DecisionPatch,
  type DecisionSummary,
} from '../../shared/decisions.ts';
import { api, type ApiError } from '../api.ts';
import { ErrorBanner, Field, TextArea } from '../components/form.tsx';

type Verdicts = { good: string; neutral: string; bad: string };
interface OptionDraft extends Verdicts {
  title: string;
  description: string;
}

const lines = (items: string[]) => items.join('\n');
const fromLines = (value: string) =>
  value
    .split('\n')
    .map((s) => s.trim())
    .filter(Boolean);
const fromCommas = (value: string) =>
  value
    .split(',')
    .map((s) => s.trim())
    .filter(Boolean);
const verdictsOf = (v: { good: string[]; neutral: string[]; bad: string[] }): Verdicts => ({
  good: lines(v.good),
  neutral: lines(v.neutral),
  bad: lines(v.bad),
});
const verdictsFrom = (v: Verdicts) => ({
  good: fromLines(v.good),
  neutral: fromLines(v.neutral),
  bad: fromLines(v.bad),
});

function draftOf(d: Decision) {
  return {
    title: d.title,
    status: d.status as string,
    supersededBy: d.supersededBy ? String(d.supersededBy.number) : '',
    date: d.date ?? '',
    decisionMakers: d.decisionMakers.join(', '),
    consulted: d.consulted.join(', '),
    informed: d.informed.join(', '),
    summary: d.summary,
    context: d.context,
    decisionDrivers: lines(d.decisionDrivers),
    options: d.options.map((o) => ({
      title: o.title,
      description: o.description,
      ...verdictsOf(o),
    })) as OptionDraft[],
    chosenOption: d.chosenOption ?? '',
    justification: d.justification,
    consequences: { notes: d.consequences.notes, ...verdictsOf(d.consequences) },
    confirmation: d.confirmation,
    moreInformation: d.moreInformation,
  };
}
type Draft = ReturnType<typeof draftOf>;

function patchOf(draft: Draft): DecisionPatch {
  const isSuperseded = draft.status === 'superseded';
  return {
    title: draft.title,
    status: draft.status as DecisionPatch['status'],
    supersededBy: isSuperseded && draft.supersededBy ? Number(draft.supersededBy) : null,
    date: draft.date || null,
    decisionMakers: fromCommas(draft.decisionMakers),
    consulted: fromCommas(draft.consulted),
    informed: fromCommas(draft.informed),
    summary: draft.summary,
    context: draft.context,
    decisionDrivers: fromLines(draft.decisionDrivers),
    options: draft.options.map((o) => ({
      title: o.title.trim(),
      description: o.description,
      ...verdictsFrom(o),
    })),
    chosenOption: draft.chosenOption || null,
    justification: draft.justification,
    consequences: { notes: draft.consequences.notes, ...verdictsFrom(draft.consequences) },
    confirmation: draft.confirmation,
    moreInformation: draft.moreInformation,
  };
}

const verdictLabels = [
  ['good', 'Good, because (one a line)'],
  ['neutral', 'Neutral, because (one a line)'],
  ['bad', 'Bad, because (one a line)'],
] as const;

export function DecisionForm(props: {
  decision: Decision;
  /** The client's other decisions, for "superseded by". */
  others: DecisionSummary[];
  onSaved: (decision: Decision) => void;
  onCancel: () => void;
}) {
  const { decision, others } = props;
  const [draft, setDraft] = useState<Draft>(() => draftOf(decision));
  const [error, setError] = useState<ApiError>();
  const [busy, setBusy] = useState(false);
  const set = <K extends keyof Draft>(key: K, value: Draft[K]) =>
    setDraft((d) => ({ ...d, [key]: value }));
  const setOption = (index: number, change: Partial<OptionDraft>) =>
    set(
      'options',
      draft.options.map((o, i) => (i === index ? { ...o, ...change } : o)),
    );
  const fieldError = (field: string) => error?.fieldMessage(field);
  const optionsError = error?.details.find((d) => d.path === 'body.options')?.message;

  const save = async (event: FormEvent) => {
    event.preventDefault();
    setBusy(true);
    try {
      const saved = await api<Decision>(
        'PATCH',
        `/api/v1/clients/${decision.clientId}/decisions/${decision.id}`,
        patchOf(draft),
      );
      setError(undefined);
      props.onSaved(saved);
    } catch (e) {
      setError(e as ApiError);
    } finally {
      setBusy(false);
    }
  };

  const candidates = others.filter((o) => o.id !== decision.id);
  return (
    <form onSubmit={(e) => void save(e)} aria-label="Edit decision" noValidate>
      <ErrorBanner error={error} />
      <Field
        label="Title"
        value={draft.title}
        onChange={(e) => set('title', e.target.value)}
        required
        maxLength={300}
        error={fieldError('title')}
      />
      <div className="field">
        <label htmlFor="decision-status">Status</label>
        <select
          id="decision-status"
          value={draft.status}
          onChange={(e) => set('status', e.target.value)}
        >
          {decisionStatuses.map((s) => (
            <option key={s} value={s}>
              {s}
            </option>
          ))}
        </select>
        {fieldError('status') && <small className="field-error">{fieldError('status')}</small>}
      </div>
      {draft.status === 'superseded' && (
        <div className="field">
          <label htmlFor="decision-superseded-by">Superseded by</label>
          <select
            id="decision-superseded-by"
            value={draft.supersededBy}
            aria-invalid={fieldError('supersededBy') ? true : undefined}
            onChange={(e) => set('supersededBy', e.target.value)}
          >
            <option value="">— no decision named —</option>
            {candidates.map((o) => (
              <option key={o.id} value={o.number}>
                {decisionKey(o.number)} {o.title}
              </option>
            ))}
          </select>
          {fieldError('supersededBy') && (
            <small className="field-error">{fieldError('supersededBy')}</small>
          )}
        </div>
      )}
      <Field
        label="Date"
        type="date"
        value={draft.date}
        onChange={(e) => set('date', e.target.value)}
        error={fieldError('date')}
      />
      <Field
        label="Decision-makers (comma separated)"
        value={draft.decisionMakers}
        onChange={(e) => set('decisionMakers', e.target.value)}
        error={fieldError('decisionMakers')}
      />
      <Field
        label="Consulted (comma separated)"
        value={draft.consulted}
        onChange={(e) => set('consulted', e.target.value)}
        error={fieldError('consulted')}
      />
      <Field
        label="Informed (comma separated)"
        value={draft.informed}
        onChange={(e) => set('informed', e.target.value)}
        error={fieldError('informed')}
      />
      <TextArea
        label="In plain words (for the founder)"
        value={draft.summary}
        onChange={(e) => set('summary', e.target.value)}
        error={fieldError('summary')}
      />
      <TextArea
        label="Context and problem statement"
        value={draft.context}
        rows={5}
        onChange={(e) => set('context', e.target.value)}
        error={fieldError('context')}
      />
      <TextArea
        label="Decision drivers (one a line)"
        value={draft.decisionDrivers}
        onChange={(e) => set('decisionDrivers', e.target.value)}
        error={fieldError('decisionDrivers')}
      />
      <h2>Considered options</h2>
      {draft.options.map((o, i) => (
        <fieldset key={i} aria-label={`Option ${i + 1}`}>
          <legend>Option {i + 1}</legend>
          <Field
            label="Option title"
            value={o.title}
            onChange={(e) => setOption(i, { title: e.target.value })}
            error={fieldError(`options.${i}.title`)}
          />
          <TextArea
            label="Description"
            value={o.description}
            onChange={(e) => setOption(i, { description: e.target.value })}
            error={fieldError(`options.${i}.description`)}
          />
          {verdictLabels.map(([key, label]) => (
            <TextArea
              key={key}
              label={label}
              value={o[key]}
              onChange={(e) => setOption(i, { [key]: e.target.value })}
              error={fieldError(`options.${i}.${key}`)}
            />
          ))}
          <button
            type="button"
            className="secondary"
            onClick={() =>
              set(
                'options',
                draft.options.filter((_, j) => j !== i),
              )
            }
          >
            Remove option {i + 1}
          </button>
        </fieldset>
      ))}
      {optionsError && <p className="field-error">{optionsError}</p>}
      <p>
        <button
          type="button"
          className="secondary"
          onClick={() =>
            set('options', [
              ...draft.options,
              { title: '', description: '', good: '', neutral: '', bad: '' },
            ])
          }
        >
          Add an option
        </button>
      </p>
      <h2>Decision outcome</h2>
      <div className="field">
        <label htmlFor="decision-chosen">Chosen option</label>
        <select
          id="decision-chosen"
          value={draft.chosenOption}
          aria-invalid={fieldError('chosenOption') ? true : undefined}
          onChange={(e) => set('chosenOption', e.target.value)}
        >
          <option value="">— none yet —</option>
          {draft.options
            .filter((o) => o.title.trim())
            .map((o, i) => (
              <option key={i} value={o.title.trim()}>
                {o.title.trim()}
              </option>
            ))}
        </select>
        {fieldError('chosenOption') && (
          <small className="field-error">{fieldError('chosenOption')}</small>
        )}
      </div>
      <TextArea
        label="Outcome: why this option"
        value={draft.justification}
        onChange={(e) => set('justification', e.target.value)}
        error={fieldError('justification')}
      />
      <h2>Consequences</h2>
      <TextArea
        label="Consequences"
        value={draft.consequences.notes}
        onChange={(e) => set('consequences', { ...draft.consequences, notes: e.target.value })}
        error={fieldError('consequences.notes')}
      />
      {verdictLabels.map(([key, label]) => (
        <TextArea
          key={key}
          label={`Consequence: ${label}`}
          value={draft.consequences[key]}
          onChange={(e) => set('consequences', { ...draft.consequences, [key]: e.target.value })}
          error={fieldError(`consequences.${key}`)}
        />
      ))}
      <TextArea
        label="Confirmation"
        value={draft.confirmation}
        onChange={(e) => set('confirmation', e.target.value)}
        error={fieldError('confirmation')}
      />
      <TextArea
        label="More information"
        value={draft.moreInformation}
        onChange={(e) => set('moreInformation', e.target.value)}
        error={fieldError('moreInformation')}
      />
      <p className="actions">
        <button type="submit" disabled={busy}>
          Save decision
        </button>
        <button type="button" className="secondary" onClick={props.onCancel}>
          Cancel
        </button>
      </p>
    </form>
  );
}
