/** @module One KPI: its trend against target, every reading, and a form to record one. */
import { useState, type FormEvent } from 'react';
import { Link, useParams } from 'react-router';
import type { KpiDetail } from '../../shared/kpis.ts';
import { api, type ApiError } from '../api.ts';
import { ErrorBanner, Field, text } from '../components/form.tsx';
import { KpiChart } from '../components/kpi-chart.tsx';
import { useSession } from '../session.tsx';
import { useLoad } from '../use-load.ts';

export function KpiPage() {
  const { clientId = '', kpiId = '' } = useParams();
  const { user } = useSession();
  const canEdit = user?.role === 'owner' || user?.role === 'member';
  const path = `/api/v1/clients/${clientId}/kpis/${kpiId}`;
  const { data: kpi, error, reload } = useLoad(() => api<KpiDetail>('GET', path), [path]);
  const [saveError, setSaveError] = useState<ApiError>();

  const record = async (event: FormEvent<HTMLFormElement>) => {
    event.preventDefault();
    const form = event.currentTarget;
    const f = new FormData(form);
    try {
      await api('POST', `${path}/readings`, {
        value: Number(f.get('value')),
        date: text(f, 'date'),
        note: text(f, 'note'),
      });
      form.reset();
      setSaveError(undefined);
      reload();
    } catch (e) {
      setSaveError(e as ApiError);
    }
  };

  if (error) return <ErrorBanner error={error} />;
  if (!kpi) return <p>Loading…</p>;
  return (
    <>
      <p>
        <Link to={`/clients/${clientId}/kpis`}>← KPIs</Link>
      </p>
      <h1>{kpi.name}</h1>
      <p>
        Target {kpi.target} {kpi.unit} ({kpi.direction} is better), measured {kpi.cadence}. Now:{' '}
        {kpi.state.replace('-', ' ')}.
      </p>
      <KpiChart readings={kpi.readings} target={kpi.target} unit={kpi.unit} name={kpi.name} />
      {canEdit && (
        <form onSubmit={(e) => void record(e)}>
          <h2>Record a reading</h2>
          <ErrorBanner error={saveError} />
          <Field
            label="Value"
            name="value"
            type="number"
            step="any"
            required
            error={saveError?.fieldMessage('value')}
          />
          <Field
            label="Date"
            name="date"
            type="date"
            required
            defaultValue={new Date().toISOString().slice(0, 10)}
            error={saveError?.fieldMessage('date')}
            hint="Any day in the period; a second reading for the same period replaces the first."
          />
          <Field label="Note" name="note" />
          <button type="submit">Save reading</button>
        </form>
      )}
      <h2>Readings</h2>
      {kpi.readings.length === 0 ? (
        <p className="muted">No readings yet.</p>
      ) : (
        <table className="readings">
          <thead>
            <tr>
              <th scope="col">Period</th>
              <th scope="col">Value</th>
              <th scope="col">Note</th>
              <th scope="col">Source</th>
            </tr>
          </thead>
          <tbody>
            {kpi.readings.map((r) => (
              <tr key={r.id}>
                <td>{r.period}</td>
                <td>
                  {r.value} {kpi.unit}
                </td>
                <td>{r.note}</td>
                <td>{r.source}</td>
              </tr>
            ))}
          </tbody>
        </table>
      )}
    </>
  );
}
