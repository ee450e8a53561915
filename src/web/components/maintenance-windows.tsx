/**
 * @module A client's maintenance windows: the list with the current or next occurrence, and one
 * form to add or change a window (one-off, weekly or cron, in a time zone, for some monitors or
 * all). Alerts are muted while a window is active; the status page shows it.
 */
import { useState, type FormEvent } from 'react';
import type { Monitor } from '../../shared/monitoring.ts';
import {
  maintenanceSchedule,
  type MaintenanceSchedule,
  type MaintenanceWindow,
} from '../../shared/status-pages.ts';
import { api } from '../api.ts';
import { useLoad } from '../use-load.ts';
import { ErrorBanner, Field } from './form.tsx';
import { useAction } from './use-action.ts';

const DAYS = ['Mon', 'Tue', 'Wed', 'Thu', 'Fri', 'Sat', 'Sun'];
const browserZone = Intl.DateTimeFormat().resolvedOptions().timeZone || 'UTC';

interface Draft {
  id?: string;
  name: string;
  type: MaintenanceSchedule['type'];
  start: string;
  end: string;
  weekdays: number[];
  startTime: string;
  cron: string;
  durationMinutes: string;
  timezone: string;
  monitorIds: string[];
}

const empty: Draft = {
  name: '',
  type: 'once',
  start: '',
  end: '',
  weekdays: [7],
  startTime: '02:00',
  cron: '0 3 * * 0',
  durationMinutes: '60',
  timezone: browserZone,
  monitorIds: [],
};

function draftOf(w: MaintenanceWindow): Draft {
  const s = maintenanceSchedule.parse(w.schedule);
  return {
    ...empty,
    id: w.id,
    name: w.name,
    type: s.type,
    timezone: s.timezone,
    monitorIds: w.monitorIds,
    ...(s.type === 'once' ? { start: s.start, end: s.end } : {}),
    ...(s.type === 'weekly' ? { weekdays: s.weekdays, startTime: s.startTime } : {}),
    ...(s.type === 'cron' ? { cron: s.cron } : {}),
    ...(s.type !== 'once' ? { durationMinutes: String(s.durationMinutes) } : {}),
  };
}

function scheduleOf(d: Draft): MaintenanceSchedule {
  const duration = Number(d.durationMinutes);
  if (d.type === 'once') return { type: 'once', start: d.start, end: d.end, timezone: d.timezone };
  if (d.type === 'weekly')
    return {
      type: 'weekly',
      weekdays: d.weekdays,
      startTime: d.startTime,
      durationMinutes: duration,
      timezone: d.timezone,
    };
  return { type: 'cron', cron: d.cron, durationMinutes: duration, timezone: d.timezone };
}

function describe(w: MaintenanceWindow): string {
  const parsed = maintenanceSchedule.safeParse(w.schedule);
  if (!parsed.success) return 'an unreadable schedule';
  const s = parsed.data;
  if (s.type === 'once') return `once, ${s.start} to ${s.end} (${s.timezone})`;
  const minutes = `${s.durationMinutes} min`;
  if (s.type === 'weekly')
    return `every ${s.weekdays.map((d) => DAYS[d - 1]).join(', ')} at ${s.startTime} for ${minutes} (${s.timezone})`;
  return `cron "${s.cron}" for ${minutes} (${s.timezone})`;
}

const when = (iso: string) => new Date(iso).toLocaleString();

export function MaintenanceWindows(props: {
  clientId: string;
  monitors: Monitor[];
  canEdit: boolean;
}) {
  const base = `/api/v1/clients/${props.clientId}/maintenance-windows`;
  const { data, error, reload } = useLoad(
    () => api<{ windows: MaintenanceWindow[] }>('GET', base),
    [props.clientId],
  );
  const [draft, setDraft] = useState<Draft>(empty);
  const action = useAction();
  const set = (patch: Partial<Draft>) => setDraft({ ...draft, ...patch });
  const fieldError = (name: string) => action.error?.fieldMessage(name);
  const nameOf = new Map(props.monitors.map((m) => [m.id, m.name]));

  const submit = async (event: FormEvent) => {
    event.preventDefault();
    const body = { name: draft.name, schedule: scheduleOf(draft), monitorIds: draft.monitorIds };
    const ok = await action.run(() =>
      draft.id ? api('PUT', `${base}/${draft.id}`, body) : api('POST', base, body),
    );
    if (ok) {
      setDraft(empty);
      reload();
    }
  };
  const remove = async (w: MaintenanceWindow) => {
    if (!window.confirm(`Delete the maintenance window "${w.name}"?`)) return;
    if (await action.run(() => api('DELETE', `${base}/${w.id}`))) reload();
  };

  return (
    <section className="card" aria-labelledby="maintenance">
      <h2 id="maintenance">Maintenance windows</h2>
      <p className="muted">
        While a window is active, alerts for the monitors it covers are muted (checks still run and
        incidents still open); if a monitor is still down when it ends, the alert goes out then.
      </p>
      <ErrorBanner error={error} />
      {data && data.windows.length === 0 && <p className="muted">No maintenance windows.</p>}
      {data && data.windows.length > 0 && (
        <ul>
          {data.windows.map((w) => (
            <li key={w.id}>
              <strong>{w.name}</strong>: {describe(w)};{' '}
              {w.monitorIds.length === 0
                ? 'all monitors'
                : w.monitorIds
                    .map((id) => nameOf.get(id) ?? 'a monitor not listed here')
                    .join(', ')}
              .{' '}
              {w.current
                ? `Active until ${when(w.current.end)}.`
                : w.next
                  ? `Next: ${when(w.next.start)}.`
                  : 'Over.'}
              {props.canEdit && (
                <>
                  {' '}
                  <button type="button" onClick={() => setDraft(draftOf(w))}>
                    Edit {w.name}
                  </button>{' '}
                  <button type="button" onClick={() => void remove(w)}>
                    Delete {w.name}
                  </button>
                </>
              )}
            </li>
          ))}
        </ul>
      )}
      {props.canEdit && (
        <form onSubmit={(e) => void submit(e)} aria-label="Maintenance window">
          <h3>{draft.id ? `Change “${draft.name}”` : 'Add a maintenance window'}</h3>
          <Field
            label="Window name (shown on the status page)"
            value={draft.name}
            onChange={(e) => set({ name: e.target.value })}
            error={fieldError('name')}
          />
          <div className="field">
            <label>
              Repeats{' '}
              <select
                value={draft.type}
                onChange={(e) => set({ type: e.target.value as Draft['type'] })}
              >
                <option value="once">Once</option>
                <option value="weekly">Weekly</option>
                <option value="cron">On a cron schedule</option>
              </select>
            </label>
          </div>
          {draft.type === 'once' && (
            <>
              <Field
                label="Starts"
                type="datetime-local"
                value={draft.start}
                onChange={(e) => set({ start: e.target.value })}
                error={fieldError('schedule.start')}
              />
              <Field
                label="Ends"
                type="datetime-local"
                value={draft.end}
                onChange={(e) => set({ end: e.target.value })}
                error={fieldError('schedule.end')}
              />
            </>
          )}
          {draft.type === 'weekly' && (
            <>
              <fieldset>
                <legend>Days</legend>
                {DAYS.map((label, i) => (
                  <label key={label}>
                    <input
                      type="checkbox"
                      checked={draft.weekdays.includes(i + 1)}
                      onChange={(e) =>
                        set({
                          weekdays: e.target.checked
                            ? [...draft.weekdays, i + 1].sort()
                            : draft.weekdays.filter((d) => d !== i + 1),
                        })
                      }
                    />{' '}
                    {label}{' '}
                  </label>
                ))}
                {fieldError('schedule.weekdays') && (
                  <small className="field-error">{fieldError('schedule.weekdays')}</small>
                )}
              </fieldset>
              <Field
                label="Start time"
                type="time"
                value={draft.startTime}
                onChange={(e) => set({ startTime: e.target.value })}
                error={fieldError('schedule.startTime')}
              />
            </>
          )}
          {draft.type === 'cron' && (
            <Field
              label="Cron expression"
              value={draft.cron}
              onChange={(e) => set({ cron: e.target.value })}
              hint='Minute hour day month weekday, such as "0 3 * * 0" (Sundays at 03:00)'
              error={fieldError('schedule.cron')}
            />
          )}
          {draft.type !== 'once' && (
            <Field
              label="Duration (minutes)"
              type="number"
              min={1}
              value={draft.durationMinutes}
              onChange={(e) => set({ durationMinutes: e.target.value })}
              error={fieldError('schedule.durationMinutes')}
            />
          )}
          <Field
            label="Time zone"
            value={draft.timezone}
            onChange={(e) => set({ timezone: e.target.value })}
            hint="An IANA time zone such as Europe/Paris"
            error={fieldError('schedule.timezone')}
          />
          <fieldset>
            <legend>Monitors covered (none ticked: all)</legend>
            {props.monitors.map((m) => (
              <label key={m.id}>
                <input
                  type="checkbox"
                  checked={draft.monitorIds.includes(m.id)}
                  onChange={(e) =>
                    set({
                      monitorIds: e.target.checked
                        ? [...draft.monitorIds, m.id]
                        : draft.monitorIds.filter((id) => id !== m.id),
                    })
                  }
                />{' '}
                {m.name}{' '}
              </label>
            ))}
          </fieldset>
          <button type="submit" disabled={action.busy}>
            {draft.id ? 'Save window' : 'Add window'}
          </button>{' '}
          {draft.id && (
            <button type="button" onClick={() => setDraft(empty)}>
              Cancel
            </button>
          )}
          <ErrorBanner error={action.error} />
        </form>
      )}
    </section>
  );
}
