/** @module One decision needed: the question, options and advice; the founder answers here. */
import { useState, type FormEvent } from 'react';
import { Link, useParams } from 'react-router';
import type { DecisionNeeded } from '../../shared/decisions.ts';
import { api, type ApiError } from '../api.ts';
import { ErrorBanner, text, TextArea } from '../components/form.tsx';
import { useLoad } from '../use-load.ts';

export function DecisionNeededPage() {
  const { clientId = '', questionId = '' } = useParams();
  const path = `/api/v1/clients/${clientId}/decisions-needed/${questionId}`;
  const { data: q, error, reload } = useLoad(() => api<DecisionNeeded>('GET', path), [path]);
  const [saveError, setSaveError] = useState<ApiError>();

  const answer = async (event: FormEvent<HTMLFormElement>) => {
    event.preventDefault();
    const f = new FormData(event.currentTarget);
    try {
      await api('POST', `${path}/answer`, {
        choice: text(f, 'choice'),
        note: text(f, 'note'),
      });
      setSaveError(undefined);
      reload();
    } catch (e) {
      setSaveError(e as ApiError);
    }
  };

  if (error) return <ErrorBanner error={error} />;
  if (!q) return <p>Loading…</p>;
  return (
    <>
      <p>
        <Link to={`/clients/${clientId}`}>← Client</Link>
      </p>
      <h1>{q.question}</h1>
      <p>
        Due {q.dueDate}. State: {q.state}
        {q.answer && `: “${q.answer}”`}.
      </p>
      {q.context && <p className="prose">{q.context}</p>}
      {q.recommendation && (
        <p>
          We suggest: <strong>{q.recommendation}</strong>. {q.reason}
        </p>
      )}
      {q.state === 'open' && (
        <form onSubmit={(e) => void answer(e)}>
          <fieldset>
            <legend>Your answer</legend>
            {q.options.map((option, i) => (
              <div key={option}>
                <input type="radio" id={`choice-${i}`} name="choice" value={option} required />{' '}
                <label htmlFor={`choice-${i}`}>{option}</label>
              </div>
            ))}
          </fieldset>
          <TextArea label="Note (optional)" name="note" />
          <ErrorBanner error={saveError} />
          <button type="submit">Send answer</button>
        </form>
      )}
    </>
  );
}
