/**
 * @module A client's SLOs: target, error budget left over the rolling window, burn rates over
 * 5 min, 30 min, 1 h and 6 h against the paging (14.4×) and ticket (6×) thresholds, and a form
 * to create one over one monitor or a group.
 */
import { useState, type FormEvent } from 'react';
import { Link, useParams } from 'react-router';
import type { Monitor } from '../../shared/monitoring.ts';
import { BURN_WINDOWS, type SloStatus } from '../../shared/slo.ts';
import { api, type ApiError } from '../api.ts';
import { ErrorBanner, Field, text } from '../components/form.tsx';
import { useSession } from '../session.tsx';
import { useLoad } from '../use-load.ts';

const levelLabel = { ok: 'Within budget', warn: 'Burning (ticket)', page: 'Burning fast (page)' };
const pct = (v: number | null, digits = 1) =>
  v === null ? '—' : `${(v * 100).toFixed(digits).replace(/\.0+$/, '')} %`;
const rate = (v: number | null) => (v === null ? '—' : `${v.toFixed(1)}×`);

export function SlosPage() {
  const { clientId = '' } = useParams();
  const { user } = useSession();
  const canEdit = user?.role === 'owner' || user?.role === 'member';
  const base = `/api/v1/clients/${clientId}`;
  const { data, error, reload } = useLoad(async () => {
    const [{ slos }, { monitors }] = await Promise.all([
      api<{ slos: SloStatus[] }>('GET', `${base}/slos`),
      api<{ monitors: Monitor[] }>('GET', `${base}/monitors?limit=200`),
    ]);
    return { slos, monitors };
  }, [clientId]);
  const [formError, setFormError] = useState<ApiError>();

  const create = async (event: FormEvent<HTMLFormElement>) => {
    event.preventDefault();
    const form = event.currentTarget;
    const f = new FormData(form);
    try {
      await api('POST', `${base}/slos`, {
        name: text(f, 'name'),
        monitorIds: f.getAll('monitorIds').map(String),
        targetPercent: Number(text(f, 'targetPercent')),
        windowDays: Number(text(f, 'windowDays')),
      });
      form.reset();
      setFormError(undefined);
      reload();
    } catch (e) {
      setFormError(e as ApiError);
    }
  };
  const remove = async (id: string) => {
    await api('DELETE', `${base}/slos/${id}`);
    reload();
  };

  if (error) return <ErrorBanner error={error} />;
  if (!data) return <p>Loading…</p>;
  const monitorName = new Map(data.monitors.map((m) => [m.id, m.name]));
  return (
    <>
      <p>
        <Link to={`/clients/${clientId}`}>← Client</Link>
      </p>
      <h1>Service level objectives</h1>
      <p className="muted">
        Budget left is over the rolling window; burn rate 1× spends exactly the budget over it.
        Alerts page at 14.4× over both 1 h and 5 min, and open a ticket at 6× over both 6 h and 30
        min, once per episode, with a notice when it clears.
      </p>
      {data.slos.length === 0 ? (
        <p className="muted">No SLOs yet.</p>
      ) : (
        <table>
          <thead>
            <tr>
              <th scope="col">SLO</th>
              <th scope="col">Target</th>
              <th scope="col">Measured</th>
              <th scope="col">Budget left</th>
              {BURN_WINDOWS.map((w) => (
                <th scope="col" key={w}>
                  Burn {w}
                </th>
              ))}
              <th scope="col">State</th>
              {canEdit && <th scope="col">Actions</th>}
            </tr>
          </thead>
          <tbody>
            {data.slos.map((s) => (
              <tr key={s.id} id={`slo-${s.id}`}>
                <td>
                  {s.name}
                  <br />
                  <small className="muted">
                    {s.monitorIds
                      .map((id) => monitorName.get(id) ?? 'a monitor not listed here')
                      .join(', ')}
                  </small>
                </td>
                <td>
                  {s.targetPercent} % over {s.windowDays} days
                </td>
                <td>{pct(s.availability, 3)}</td>
                <td>
                  <meter
                    min={0}
                    max={1}
                    low={0.25}
                    high={0.5}
                    optimum={1}
                    value={s.budgetLeft ?? 0}
                    aria-label={`Error budget left for ${s.name}`}
                  />{' '}
                  {pct(s.budgetLeft)}
                </td>
                {BURN_WINDOWS.map((w) => (
                  <td key={w}>{rate(s.burnRates[w] ?? null)}</td>
                ))}
                <td>{levelLabel[s.burnLevel]}</td>
                {canEdit && (
                  <td>
                    <button type="button" onClick={() => void remove(s.id)}>
                      Delete
                    </button>
                  </td>
                )}
              </tr>
            ))}
          </tbody>
        </table>
      )}
      {canEdit && (
        <form onSubmit={(e) => void create(e)} aria-label="New SLO">
          <h2>New SLO</h2>
          <ErrorBanner error={formError} />
          <Field label="Name" name="name" required error={formError?.fieldMessage('name')} />
          <Field
            label="Target (%)"
            name="targetPercent"
            type="number"
            step="0.001"
            min="0"
            max="99.999"
            defaultValue="99.9"
            required
            error={formError?.fieldMessage('targetPercent')}
          />
          <Field
            label="Window (days, rolling)"
            name="windowDays"
            type="number"
            min="1"
            max="90"
            defaultValue="30"
            required
            error={formError?.fieldMessage('windowDays')}
          />
          <fieldset>
            <legend>Monitors (one, or several for a group)</legend>
            {data.monitors.length === 0 && <p className="muted">This client has no monitors.</p>}
            {data.monitors.map((m) => (
              <label key={m.id} className="checkbox">
                <input type="checkbox" name="monitorIds" value={m.id} /> {m.name}
              </label>
            ))}
            {formError?.fieldMessage('monitorIds') && (
              <small className="field-error">{formError.fieldMessage('monitorIds')}</small>
            )}
          </fieldset>
          <button type="submit">Create SLO</button>
        </form>
      )}
    </>
  );
}
