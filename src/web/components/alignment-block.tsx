/** @module Area 7 on the client page: KPIs with a mini trend, decisions needed, feature advice. */
import { type FormEvent } from 'react';
import { Link } from 'react-router';
import type { DecisionNeeded } from '../../shared/decisions.ts';
import { formatKpiValue as withUnit, type Feature, type KpiDetail } from '../../shared/kpis.ts';
import { api } from '../api.ts';
import { useLoad } from '../use-load.ts';
import { useSession } from '../session.tsx';
import { ErrorBanner, Field, TextArea, text } from './form.tsx';
import { lines, useAction } from './use-action.ts';
import { KpiChart } from './kpi-chart.tsx';

const recommendationLabel = { 'build-now': 'Build now', later: 'Later', 'push-back': 'Push back' };

export function AlignmentBlock({ clientId }: { clientId: string }) {
  const base = `/api/v1/clients/${clientId}`;
  const { user } = useSession();
  const canEdit = user?.role === 'owner' || user?.role === 'member';
  const ask = useAction();
  const { data, error, reload } = useLoad(async () => {
    // One request for every KPI and its readings (no request per KPI).
    const [{ kpis }, { questions }, { features }] = await Promise.all([
      api<{ kpis: KpiDetail[] }>('GET', `${base}/kpis?readings=true`),
      api<{ questions: DecisionNeeded[] }>('GET', `${base}/decisions-needed`),
      api<{ features: Feature[] }>('GET', `${base}/features`),
    ]);
    return { kpis, questions: questions.filter((q) => q.state === 'open'), features };
  }, [clientId]);
  if (error) return <ErrorBanner error={error} />;
  if (!data) return <p>Loading…</p>;
  const askFounder = async (event: FormEvent<HTMLFormElement>) => {
    event.preventDefault();
    const formElement = event.currentTarget;
    const form = new FormData(formElement);
    const recommendation = text(form, 'recommendation').trim();
    const saved = await ask.run(() =>
      api('POST', `${base}/decisions-needed`, {
        question: text(form, 'question').trim(),
        options: lines(text(form, 'options')),
        recommendation: recommendation || null,
        reason: text(form, 'reason').trim(),
        dueDate: text(form, 'dueDate'),
      }),
    );
    if (saved) {
      formElement.reset();
      reload();
    }
  };
  const today = new Date().toISOString().slice(0, 10);
  return (
    <div className="alignment-block">
      <h3>KPIs</h3>
      {data.kpis.length === 0 ? (
        <p className="muted">No KPIs yet.</p>
      ) : (
        <ul className="kpi-list">
          {data.kpis.map((k) => (
            <li key={k.id}>
              <Link to={`/clients/${clientId}/kpis/${k.id}`}>{k.name}</Link>
              <div className="kpi-row">
                <KpiChart
                  mini
                  readings={k.readings.slice(0, 12)}
                  target={k.target}
                  unit={k.unit}
                  name={k.name}
                />
                <span className="kpi-figures">
                  {k.latest ? withUnit(k.latest.value, k.unit) : 'no data'} · target{' '}
                  {withUnit(k.target, k.unit)}
                </span>
                <span className={`status status-${k.state}`}>{k.state.replace('-', ' ')}</span>
              </div>
            </li>
          ))}
        </ul>
      )}
      <Link to={`/clients/${clientId}/kpis`}>KPIs and features</Link>
      <h3>Decisions needed</h3>
      {data.questions.length === 0 ? (
        <p className="muted">Nothing waiting for an answer.</p>
      ) : (
        <ul>
          {data.questions.map((q) => (
            <li key={q.id}>
              <Link to={`/clients/${clientId}/decisions-needed/${q.id}`}>{q.question}</Link> — due{' '}
              <span className={q.dueDate < today ? 'status status-late' : undefined}>
                {q.dueDate}
              </span>
            </li>
          ))}
        </ul>
      )}
      {canEdit && (
        <details>
          <summary>Ask the founder to decide something</summary>
          <form aria-label="Ask the founder" onSubmit={(e) => void askFounder(e)}>
            <ErrorBanner error={ask.error} />
            <Field
              label="Question"
              name="question"
              required
              error={ask.error?.fieldMessage('question')}
            />
            <TextArea
              label="Options (one per line)"
              name="options"
              rows={3}
              required
              error={ask.error?.fieldMessage('options')}
            />
            <Field
              label="Your recommendation"
              name="recommendation"
              hint="One of the options, word for word; leave empty for none."
              error={ask.error?.fieldMessage('recommendation')}
            />
            <TextArea
              label="Why (in plain words)"
              name="reason"
              rows={2}
              error={ask.error?.fieldMessage('reason')}
            />
            <Field
              label="Answer needed by"
              name="dueDate"
              type="date"
              required
              error={ask.error?.fieldMessage('dueDate')}
            />
            <button type="submit" disabled={ask.busy}>
              Ask
            </button>
          </form>
        </details>
      )}
      <h3>Feature recommendations</h3>
      {data.features.length === 0 ? (
        <p className="muted">No proposed features.</p>
      ) : (
        <ul>
          {data.features.map((f) => (
            <li key={f.id}>
              <strong>{f.title}</strong>:{' '}
              <span className={`status status-${f.score.recommendation}`}>
                {recommendationLabel[f.score.recommendation]}
              </span>{' '}
              {f.score.reason}
            </li>
          ))}
        </ul>
      )}
    </div>
  );
}
