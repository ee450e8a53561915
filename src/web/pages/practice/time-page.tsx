/** @module A client's time log: log hours, the retainer's usage this month, the monthly CSV. */
import type { FormEvent } from 'react';
import { useParams, useSearchParams } from 'react-router';
import type { Engagement } from '../../../shared/engagements.ts';
import type { TimeEntry, TimeList, Usage } from '../../../shared/time.ts';
import { api } from '../../api.ts';
import { ErrorBanner, Field, text } from '../../components/form.tsx';
import { localToday, useAction } from '../../components/use-action.ts';
import { useSession } from '../../session.tsx';
import { useLoad } from '../../use-load.ts';
import { ClientHead } from './client-head.tsx';

export function UsageMeter({ usage }: { usage: Usage }) {
  return (
    <div
      className={`usage level-${usage.level}`}
      role="status"
      aria-label={`Retainer usage: ${usage.title}`}
    >
      <p>
        <strong>{usage.title}:</strong> {usage.message}
        {usage.level !== 'ok' && (
          <span className="badge">{usage.level === 'over' ? 'over budget' : 'above 80 %'}</span>
        )}
      </p>
      <div className="usage-bar" aria-hidden="true">
        <span style={{ width: `${Math.min(100, usage.percent)}%` }} />
      </div>
    </div>
  );
}

/** Founders see their retainer's usage, not the log itself. */
function UsageOnly({ clientId, month }: { clientId: string; month: string }) {
  const { data, error } = useLoad(
    () => api<{ usage: Usage[] }>('GET', `/api/v1/clients/${clientId}/time/usage?month=${month}`),
    [clientId, month],
  );
  return (
    <>
      <ClientHead clientId={clientId} title="Hours" />
      <ErrorBanner error={error} />
      {data?.usage.length === 0 && <p className="empty card">No retainer runs this month.</p>}
      {data?.usage.map((u) => (
        <UsageMeter key={u.engagementId} usage={u} />
      ))}
    </>
  );
}

export function TimePage() {
  const { user } = useSession();
  const { clientId = '' } = useParams();
  const [search] = useSearchParams();
  const month = search.get('month') ?? localToday().slice(0, 7);
  if (user?.role === 'founder') return <UsageOnly clientId={clientId} month={month} />;
  return <TimeLog clientId={clientId} />;
}

/** The server's rule, mirrored: a member changes their own entries, the owner any. */
const mayChange = (user: { id: string; role: string } | null, entry: TimeEntry) =>
  user?.role === 'owner' || (entry.userId !== null && entry.userId === user?.id);

function TimeLog({ clientId }: { clientId: string }) {
  const { user } = useSession();
  const [search, setSearch] = useSearchParams();
  const month = search.get('month') ?? localToday().slice(0, 7);
  const base = `/api/v1/clients/${clientId}`;
  const { data, error, reload } = useLoad(
    () =>
      Promise.all([
        api<TimeList>('GET', `${base}/time?month=${month}`),
        api<{ engagements: Engagement[] }>('GET', `${base}/engagements`),
      ]),
    [clientId, month],
  );
  const log = useAction();
  const remove = useAction();

  const submit = async (event: FormEvent<HTMLFormElement>) => {
    event.preventDefault();
    const el = event.currentTarget;
    const form = new FormData(el);
    const engagement = text(form, 'engagementId');
    const ok = await log.run(() =>
      api('POST', `${base}/time`, {
        date: text(form, 'date'),
        hours: Number(text(form, 'hours')),
        note: text(form, 'note'),
        billable: form.get('billable') === 'on',
        ...(engagement === 'auto' ? {} : { engagementId: engagement || null }),
      }),
    );
    if (ok) {
      el.reset();
      reload();
    }
  };
  const del = async (id: string) => {
    if (await remove.run(() => api('DELETE', `${base}/time/${id}`))) reload();
  };

  if (error) return <ErrorBanner error={error} />;
  const [list, { engagements } = { engagements: [] }] = data ?? [];

  return (
    <>
      <ClientHead clientId={clientId} title="Time" />
      <div className="actions">
        <div className="field">
          <label htmlFor="time-month">Month</label>
          <input
            id="time-month"
            type="month"
            value={month}
            onChange={(e) => e.target.value && setSearch({ month: e.target.value })}
          />
        </div>
        <a href={`${base}/time.csv?month=${month}`} download>
          Download {month} as CSV
        </a>
      </div>
      {list?.usage.map((u) => (
        <UsageMeter key={u.engagementId} usage={u} />
      ))}
      <form onSubmit={(e) => void submit(e)} noValidate className="card" aria-label="Log time">
        <h2>Log time</h2>
        <ErrorBanner error={log.error} />
        <Field
          label="Date"
          name="date"
          type="date"
          defaultValue={localToday()}
          required
          error={log.error?.fieldMessage('date')}
        />
        <Field
          label="Hours"
          name="hours"
          type="number"
          min={0.25}
          max={24}
          step={0.25}
          required
          hint="In quarter hours: 0.25, 0.5, 1.75…"
          error={log.error?.fieldMessage('hours')}
        />
        <Field label="Note" name="note" error={log.error?.fieldMessage('note')} />
        <div className="field">
          <label htmlFor="time-engagement">Engagement</label>
          <select id="time-engagement" name="engagementId" defaultValue="auto">
            <option value="auto">The active one on that date</option>
            <option value="">None</option>
            {engagements.map((e) => (
              <option key={e.id} value={e.id}>
                {e.title}
              </option>
            ))}
          </select>
        </div>
        <label className="inline">
          <input type="checkbox" name="billable" defaultChecked /> Billable
        </label>
        <button type="submit" disabled={log.busy}>
          Log time
        </button>
      </form>
      <ErrorBanner error={remove.error} />
      <section className="card" aria-labelledby="entries-heading">
        <h2 id="entries-heading">Entries in {month}</h2>
        {list && (
          <p>
            {list.totals.hours} hours in total, {list.totals.billableHours} billable.
          </p>
        )}
        {user?.role === 'member' && (
          <p className="muted">You can delete only your own entries; ask an owner for others.</p>
        )}
        <table aria-label="Time entries">
          <thead>
            <tr>
              <th scope="col">Date</th>
              <th scope="col">Person</th>
              <th scope="col">Hours</th>
              <th scope="col">Billable</th>
              <th scope="col">Note</th>
              <th scope="col">Actions</th>
            </tr>
          </thead>
          <tbody>
            {list?.entries.map((e) => (
              <tr key={e.id}>
                <td>{e.date}</td>
                <td>{e.userName ?? 'a removed person'}</td>
                <td>{e.hours}</td>
                <td>{e.billable ? 'yes' : 'no'}</td>
                <td>{e.note}</td>
                <td>
                  {mayChange(user, e) && (
                    <button
                      type="button"
                      className="link-button danger"
                      aria-label={`Delete entry of ${e.date} by ${e.userName ?? 'a removed person'}`}
                      onClick={() => void del(e.id)}
                    >
                      Delete
                    </button>
                  )}
                </td>
              </tr>
            ))}
          </tbody>
        </table>
      </section>
    </>
  );
}
