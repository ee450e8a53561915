/** @module Area 7 on the client page: KPIs with a mini trend, decisions needed, feature advice. */
import { Link } from 'react-router';
import type { DecisionNeeded } from '../../shared/decisions.ts';
import type { Feature, Kpi, KpiDetail } from '../../shared/kpis.ts';
import { api } from '../api.ts';
import { useLoad } from '../use-load.ts';
import { ErrorBanner } from './form.tsx';
import { KpiChart } from './kpi-chart.tsx';

const recommendationLabel = { 'build-now': 'Build now', later: 'Later', 'push-back': 'Push back' };

export function AlignmentBlock({ clientId }: { clientId: string }) {
  const base = `/api/v1/clients/${clientId}`;
  const { data, error } = useLoad(async () => {
    const [{ kpis }, { questions }, { features }] = await Promise.all([
      api<{ kpis: Kpi[] }>('GET', `${base}/kpis`),
      api<{ questions: DecisionNeeded[] }>('GET', `${base}/decisions-needed`),
      api<{ features: Feature[] }>('GET', `${base}/features`),
    ]);
    const details = await Promise.all(
      kpis.map((k) => api<KpiDetail>('GET', `${base}/kpis/${k.id}`)),
    );
    return { kpis: details, questions: questions.filter((q) => q.state === 'open'), features };
  }, [clientId]);
  if (error) return <ErrorBanner error={error} />;
  if (!data) return <p>Loading…</p>;
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
              <Link to={`/clients/${clientId}/kpis/${k.id}`}>{k.name}</Link>{' '}
              <KpiChart
                mini
                readings={k.readings.slice(0, 12)}
                target={k.target}
                unit={k.unit}
                name={k.name}
              />{' '}
              {k.latest ? `${k.latest.value} ${k.unit}` : 'no data'} · target {k.target} {k.unit}{' '}
              <span className={`status status-${k.state}`}>{k.state.replace('-', ' ')}</span>
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
