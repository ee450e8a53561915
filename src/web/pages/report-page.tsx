/**
 * @module The weekly founder report of one client: the same one-page shape every week, a week
 * picker, Markdown download, sending now, the email schedule and the history of what was sent.
 */
import { useState, type FormEvent } from 'react';
import { Link, useParams, useSearchParams } from 'react-router';
import type { ReportSchedule, SentReport, WeeklyReport } from '../../shared/reports.ts';
import { api, ApiError } from '../api.ts';
import { ErrorBanner, Field, text } from '../components/form.tsx';
import { statusLabel } from '../components/status-label.ts';
import { useSession } from '../session.tsx';
import { useLoad } from '../use-load.ts';

const weekdays = ['Monday', 'Tuesday', 'Wednesday', 'Thursday', 'Friday', 'Saturday', 'Sunday'];

function shiftWeek(start: string, weeks: number): string {
  const date = new Date(`${start}T12:00:00Z`);
  date.setUTCDate(date.getUTCDate() + weeks * 7);
  return date.toISOString().slice(0, 10);
}

export function ReportPage() {
  const { clientId } = useParams();
  const [search, setSearch] = useSearchParams();
  const week = search.get('week') ?? undefined;
  const { user } = useSession();
  const canWrite = user?.role === 'owner' || user?.role === 'member';
  const base = `/api/v1/clients/${clientId}/reports`;
  const { data: report, error } = useLoad(
    () => api<WeeklyReport>('GET', `${base}/weekly${week ? `?week=${week}` : ''}`),
    [clientId, week],
  );

  return (
    <>
      <p>
        <Link to={`/clients/${clientId}`}>← {report?.client.name ?? 'Client'}</Link>
      </p>
      <ErrorBanner error={error} />
      {report && (
        <article className="report" aria-labelledby="report-title">
          <div className="page-head">
            <div>
              <h1 id="report-title">Weekly report: {report.client.name}</h1>
              <p className="meta">Week of {report.week.label}</p>
            </div>
            <nav className="actions" aria-label="Weeks">
              <button
                type="button"
                className="secondary"
                onClick={() => setSearch({ week: shiftWeek(report.week.start, -1) })}
              >
                ← Previous week
              </button>
              <button
                type="button"
                className="secondary"
                onClick={() => setSearch({ week: shiftWeek(report.week.start, 1) })}
              >
                Next week →
              </button>
              <a
                className="button secondary"
                href={`${base}/weekly.md?week=${report.week.start}`}
                download
              >
                Download Markdown
              </a>
            </nav>
          </div>
          <p className={`status-banner status-${report.status}`} role="status">
            <strong>{statusLabel[report.status]}</strong> {report.headline}
          </p>
          {report.sections.map((section) => (
            <section
              key={section.id}
              className="card report-section"
              aria-labelledby={`section-${section.id}`}
            >
              <h2 id={`section-${section.id}`}>{section.title}</h2>
              {section.lines.length === 0 ? (
                <p className="muted">{section.empty}</p>
              ) : (
                <ul>
                  {section.lines.map((line, index) => (
                    <li key={index} className={line.signal ? `signal-${line.signal}` : undefined}>
                      {line.signal && line.signal !== 'green' && (
                        <strong>{statusLabel[line.signal]}: </strong>
                      )}
                      {line.text}
                      {line.mitigation && (
                        <>
                          {' '}
                          <em>What we do about it:</em> {line.mitigation}
                        </>
                      )}{' '}
                      <Link to={line.evidence.href}>{line.evidence.label}</Link>
                    </li>
                  ))}
                </ul>
              )}
            </section>
          ))}
          {report.problems.map((problem) => (
            <p key={problem} className="notice">
              {problem}
            </p>
          ))}
          <p className="muted">
            Reading ease {report.readingEase} (Flesch; 50 or more reads easily).
          </p>
        </article>
      )}
      {canWrite && clientId && <Delivery clientId={clientId} />}
    </>
  );
}

function Delivery({ clientId }: { clientId: string }) {
  const base = `/api/v1/clients/${clientId}/reports`;
  const { data, error, reload } = useLoad(async () => {
    const [schedule, history] = await Promise.all([
      api<ReportSchedule>('GET', `${base}/schedule`),
      api<{ reports: SentReport[] }>('GET', base),
    ]);
    return { schedule, history: history.reports };
  }, [clientId]);
  const [formError, setFormError] = useState<ApiError | undefined>();
  const [notice, setNotice] = useState('');

  const save = async (event: FormEvent<HTMLFormElement>) => {
    event.preventDefault();
    const form = new FormData(event.currentTarget);
    try {
      await api('PUT', `${base}/schedule`, {
        enabled: form.get('enabled') === 'on',
        weekday: Number(form.get('weekday')),
        hour: Number(form.get('hour')),
        timeZone: text(form, 'timeZone'),
        recipients: text(form, 'recipients')
          .split(/[\s,;]+/)
          .filter(Boolean),
      });
      setFormError(undefined);
      setNotice('Schedule saved.');
      reload();
    } catch (e) {
      setFormError(e instanceof ApiError ? e : undefined);
    }
  };
  const sendNow = async () => {
    try {
      await api('POST', `${base}/weekly/send`, {});
      setFormError(undefined);
      setNotice('The report is on its way.');
      reload();
    } catch (e) {
      setFormError(e instanceof ApiError ? e : undefined);
    }
  };

  if (!data) return <ErrorBanner error={error} />;
  const s = data.schedule;
  return (
    <>
      <section className="card" aria-labelledby="schedule-heading">
        <h2 id="schedule-heading">Email schedule</h2>
        <ErrorBanner error={formError} />
        {notice && (
          <p className="notice" role="status">
            {notice}
          </p>
        )}
        <form onSubmit={(e) => void save(e)} key={JSON.stringify(s)}>
          <label className="inline">
            <input type="checkbox" name="enabled" defaultChecked={s.enabled} /> Email this report
            every week
          </label>
          <div className="field">
            <label htmlFor="report-weekday">Day</label>
            <select
              id="report-weekday"
              name="weekday"
              defaultValue={s.weekday}
              aria-describedby="report-weekday-hint"
            >
              {weekdays.map((day, index) => (
                <option key={day} value={index + 1}>
                  {day}
                </option>
              ))}
            </select>
            <small className="hint" id="report-weekday-hint">
              Monday to Wednesday sends last week’s report (Monday to Sunday); Thursday to Sunday
              sends the current week’s. The first email goes at the next send time after saving.
            </small>
          </div>
          <Field
            label="Hour (0–23)"
            name="hour"
            type="number"
            min={0}
            max={23}
            defaultValue={s.hour}
            error={formError?.fieldMessage('hour')}
          />
          <Field
            label="Time zone"
            name="timeZone"
            defaultValue={s.timeZone}
            hint="A name such as Europe/Paris or America/New_York."
            error={formError?.fieldMessage('timeZone')}
          />
          <Field
            label="Send to"
            name="recipients"
            defaultValue={s.recipients.join(', ')}
            hint="Email addresses, separated by commas."
            error={formError?.fieldMessage('recipients')}
          />
          <div className="actions">
            <button type="submit">Save schedule</button>
            <button type="button" className="secondary" onClick={() => void sendNow()}>
              Send this week’s report now
            </button>
          </div>
        </form>
      </section>
      <section className="card" aria-labelledby="sent-heading">
        <h2 id="sent-heading">Sent reports</h2>
        {data.history.length === 0 ? (
          <p className="muted">No report has been sent yet.</p>
        ) : (
          <table>
            <thead>
              <tr>
                <th scope="col">Week of</th>
                <th scope="col">Status</th>
                <th scope="col">To</th>
                <th scope="col">How</th>
                <th scope="col">Delivery</th>
              </tr>
            </thead>
            <tbody>
              {data.history.map((r) => (
                <tr key={r.id}>
                  <td>{r.weekStart}</td>
                  <td>
                    {statusLabel[r.status]}: {r.headline}
                  </td>
                  <td>{r.recipients.join(', ')}</td>
                  <td>{r.trigger === 'schedule' ? 'on schedule' : 'sent by hand'}</td>
                  <td>
                    {r.delivery.status}
                    {r.delivery.lastError && <> — {r.delivery.lastError}</>}
                  </td>
                </tr>
              ))}
            </tbody>
          </table>
        )}
      </section>
    </>
  );
}
