/** @module A client's KPIs and proposed features: define a KPI, propose a feature, see the advice. */
import { useState, type FormEvent } from 'react';
import { Link, useParams } from 'react-router';
import type { Feature, Kpi } from '../../shared/kpis.ts';
import { api, type ApiError } from '../api.ts';
import { ErrorBanner, Field, text } from '../components/form.tsx';
import { useSession } from '../session.tsx';
import { useLoad } from '../use-load.ts';

const labels = { 'build-now': 'Build now', later: 'Later', 'push-back': 'Push back' };

export function KpisPage() {
  const { clientId = '' } = useParams();
  const { user } = useSession();
  const canEdit = user?.role === 'owner' || user?.role === 'member';
  const base = `/api/v1/clients/${clientId}`;
  const { data, error, reload } = useLoad(async () => {
    const [{ kpis }, { features }] = await Promise.all([
      api<{ kpis: Kpi[] }>('GET', `${base}/kpis`),
      api<{ features: Feature[] }>('GET', `${base}/features`),
    ]);
    return { kpis, features };
  }, [clientId]);
  const [kpiError, setKpiError] = useState<ApiError>();
  const [featureError, setFeatureError] = useState<ApiError>();

  const submit =
    (path: string, build: (f: FormData) => unknown, setError: (e?: ApiError) => void) =>
    async (event: FormEvent<HTMLFormElement>) => {
      event.preventDefault();
      const form = event.currentTarget;
      try {
        await api('POST', `${base}${path}`, build(new FormData(form)));
        form.reset();
        setError(undefined);
        reload();
      } catch (e) {
        setError(e as ApiError);
      }
    };
  const s = (f: FormData, k: string) => text(f, k);
  const n = (f: FormData, k: string) => Number(f.get(k) ?? 0);

  if (error) return <ErrorBanner error={error} />;
  if (!data) return <p>Loading…</p>;
  return (
    <>
      <p>
        <Link to={`/clients/${clientId}`}>← Client</Link>
      </p>
      <h1>KPIs</h1>
      {data.kpis.length === 0 ? (
        <p className="muted">No KPIs yet.</p>
      ) : (
        <ul>
          {data.kpis.map((k) => (
            <li key={k.id}>
              <Link to={`/clients/${clientId}/kpis/${k.id}`}>{k.name}</Link>:{' '}
              {k.latest ? `${k.latest.value} ${k.unit}` : 'no data'} (target {k.target} {k.unit},{' '}
              {k.direction} is better, {k.cadence}) — {k.state.replace('-', ' ')}
            </li>
          ))}
        </ul>
      )}
      {canEdit && (
        <form
          onSubmit={(e) =>
            void submit(
              '/kpis',
              (f) => ({
                name: s(f, 'name'),
                unit: s(f, 'unit'),
                direction: s(f, 'direction'),
                target: n(f, 'target'),
                cadence: s(f, 'cadence'),
              }),
              setKpiError,
            )(e)
          }
        >
          <h2>New KPI</h2>
          <ErrorBanner error={kpiError} />
          <Field label="Name" name="name" required error={kpiError?.fieldMessage('name')} />
          <Field label="Unit" name="unit" placeholder="users, %, EUR" />
          <Field
            label="Target"
            name="target"
            type="number"
            step="any"
            required
            error={kpiError?.fieldMessage('target')}
          />
          <div className="field">
            <label htmlFor="kpi-direction">Which is better?</label>
            <select id="kpi-direction" name="direction">
              <option value="higher">Higher</option>
              <option value="lower">Lower</option>
            </select>
          </div>
          <div className="field">
            <label htmlFor="kpi-cadence">Measured</label>
            <select id="kpi-cadence" name="cadence" defaultValue="weekly">
              <option value="daily">Daily</option>
              <option value="weekly">Weekly</option>
              <option value="monthly">Monthly</option>
            </select>
          </div>
          <button type="submit">Add KPI</button>
        </form>
      )}
      <h2>Proposed features</h2>
      {data.features.length === 0 ? (
        <p className="muted">No proposed features.</p>
      ) : (
        <table>
          <thead>
            <tr>
              <th scope="col">Feature</th>
              <th scope="col">Advice</th>
              <th scope="col">Why</th>
              <th scope="col">Value / cost</th>
            </tr>
          </thead>
          <tbody>
            {data.features.map((f) => (
              <tr key={f.id}>
                <td>{f.title}</td>
                <td>{labels[f.score.recommendation]}</td>
                <td>{f.score.reason}</td>
                <td>
                  {f.score.value} / {f.score.cost} (ratio {f.score.ratio})
                </td>
              </tr>
            ))}
          </tbody>
        </table>
      )}
      <p className="muted">How the advice is worked out: docs/scoring.md in the Keel repository.</p>
      {canEdit && (
        <form
          onSubmit={(e) =>
            void submit(
              '/features',
              (f) => ({
                title: s(f, 'title'),
                kpiId: s(f, 'kpiId') || null,
                expectedEffect: n(f, 'expectedEffect'),
                effectUnit: s(f, 'effectUnit'),
                confidence: s(f, 'confidence'),
                effortDays: n(f, 'effortDays'),
                risk: s(f, 'risk'),
                newDependencies: n(f, 'newDependencies'),
                runningCostPerMonth: n(f, 'runningCostPerMonth'),
              }),
              setFeatureError,
            )(e)
          }
        >
          <h2>Propose a feature</h2>
          <ErrorBanner error={featureError} />
          <Field label="Title" name="title" required error={featureError?.fieldMessage('title')} />
          <div className="field">
            <label htmlFor="feature-kpi">KPI it should move</label>
            <select id="feature-kpi" name="kpiId">
              <option value="">None</option>
              {data.kpis.map((k) => (
                <option key={k.id} value={k.id}>
                  {k.name}
                </option>
              ))}
            </select>
          </div>
          <Field
            label="Expected improvement"
            name="expectedEffect"
            type="number"
            step="any"
            defaultValue="0"
          />
          <div className="field">
            <label htmlFor="feature-unit">Improvement in</label>
            <select id="feature-unit" name="effectUnit">
              <option value="percent">% of the KPI</option>
              <option value="absolute">the KPI's unit</option>
            </select>
          </div>
          {(['confidence', 'risk'] as const).map((name) => (
            <div className="field" key={name}>
              <label htmlFor={`feature-${name}`}>{name === 'risk' ? 'Risk' : 'Confidence'}</label>
              <select id={`feature-${name}`} name={name} defaultValue="medium">
                <option value="low">Low</option>
                <option value="medium">Medium</option>
                <option value="high">High</option>
              </select>
            </div>
          ))}
          <Field
            label="Effort (days)"
            name="effortDays"
            type="number"
            step="any"
            min="0"
            required
            error={featureError?.fieldMessage('effortDays')}
          />
          <Field
            label="New dependencies"
            name="newDependencies"
            type="number"
            min="0"
            defaultValue="0"
          />
          <Field
            label="Running cost per month"
            name="runningCostPerMonth"
            type="number"
            step="any"
            min="0"
            defaultValue="0"
          />
          <button type="submit">Score it</button>
        </form>
      )}
    </>
  );
}
