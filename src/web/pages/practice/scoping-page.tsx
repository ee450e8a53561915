/**
 * @module A client's scoping record: workshop summary, constraints, user paths with priorities,
 * risks; each path and risk can be edited or deleted.
 */
import { useState, type FormEvent } from 'react';
import { useParams } from 'react-router';
import {
  constraintKinds,
  levels,
  priorities,
  priorityLabels,
  type Scoping,
} from '../../../shared/roadmap.ts';
import { api } from '../../api.ts';
import { ErrorBanner, Field, text, TextArea } from '../../components/form.tsx';
import { lines, useAction } from '../../components/use-action.ts';
import { useSession } from '../../session.tsx';
import { useLoad } from '../../use-load.ts';
import { ClientHead } from './client-head.tsx';
import { RiskForm, UserPathForm } from './scoping-edit.tsx';

export function ScopingPage() {
  const { clientId = '' } = useParams();
  const { user } = useSession();
  const canEdit = user?.role === 'owner' || user?.role === 'member';
  const base = `/api/v1/clients/${clientId}`;
  const { data, error, reload } = useLoad(() => api<Scoping>('GET', `${base}/scoping`), [clientId]);
  const record = useAction();
  const path = useAction();
  const risk = useAction();
  const remove = useAction();
  /** The path or risk being edited, by id. */
  const [editing, setEditing] = useState<string>();
  const done = () => {
    setEditing(undefined);
    reload();
  };

  const saveRecord = async (event: FormEvent<HTMLFormElement>) => {
    event.preventDefault();
    const form = new FormData(event.currentTarget);
    const constraints = constraintKinds.flatMap((kind) =>
      lines(text(form, `constraint-${kind}`)).map((t) => ({ kind, text: t })),
    );
    if (
      await record.run(() =>
        api('PUT', `${base}/scoping`, {
          workshopDate: text(form, 'workshopDate') || null,
          summary: text(form, 'summary'),
          constraints,
        }),
      )
    )
      reload();
  };
  const addPath = async (event: FormEvent<HTMLFormElement>) => {
    event.preventDefault();
    const el = event.currentTarget;
    const form = new FormData(el);
    const ok = await path.run(() =>
      api('POST', `${base}/user-paths`, {
        who: text(form, 'who'),
        goal: text(form, 'goal'),
        steps: lines(text(form, 'steps')),
        priority: text(form, 'priority'),
      }),
    );
    if (ok) {
      el.reset();
      reload();
    }
  };
  const addRisk = async (event: FormEvent<HTMLFormElement>) => {
    event.preventDefault();
    const el = event.currentTarget;
    const form = new FormData(el);
    const ok = await risk.run(() =>
      api('POST', `${base}/risks`, {
        description: text(form, 'description'),
        likelihood: text(form, 'likelihood'),
        impact: text(form, 'impact'),
        mitigation: text(form, 'mitigation'),
      }),
    );
    if (ok) {
      el.reset();
      reload();
    }
  };
  const del = async (what: string) => {
    if (await remove.run(() => api('DELETE', `${base}/${what}`))) reload();
  };

  return (
    <>
      <ClientHead clientId={clientId} title="Scoping" />
      <ErrorBanner error={error ?? remove.error} />
      {data && (
        <>
          <section className="card" aria-labelledby="record-heading">
            <h2 id="record-heading">Workshop record</h2>
            {canEdit ? (
              <form onSubmit={(e) => void saveRecord(e)} noValidate>
                <ErrorBanner error={record.error} />
                <Field
                  label="Workshop date"
                  name="workshopDate"
                  type="date"
                  defaultValue={data.workshopDate ?? ''}
                />
                <TextArea label="Summary" name="summary" rows={3} defaultValue={data.summary} />
                {constraintKinds.map((kind) => (
                  <TextArea
                    key={kind}
                    label={`Constraints: ${kind} (one per line)`}
                    name={`constraint-${kind}`}
                    rows={2}
                    defaultValue={data.constraints
                      .filter((c) => c.kind === kind)
                      .map((c) => c.text)
                      .join('\n')}
                  />
                ))}
                <button type="submit" disabled={record.busy}>
                  Save workshop record
                </button>
              </form>
            ) : (
              <>
                <p className="pre">{data.summary || 'No summary yet.'}</p>
                <ul>
                  {data.constraints.map((c, i) => (
                    <li key={i}>
                      <strong>{c.kind}:</strong> {c.text}
                    </li>
                  ))}
                </ul>
              </>
            )}
          </section>

          <section className="card" aria-labelledby="paths-heading">
            <h2 id="paths-heading">User paths</h2>
            {data.userPaths.length === 0 && <p className="muted">No user paths yet.</p>}
            <ol aria-label="User paths">
              {data.userPaths.map((p) => (
                <li key={p.id} id={`path-${p.id}`}>
                  <strong>{p.who}</strong>: {p.goal}{' '}
                  <span className="badge">{priorityLabels[p.priority]}</span>
                  {p.steps.length > 0 && (
                    <ol>
                      {p.steps.map((s, i) => (
                        <li key={i}>{s}</li>
                      ))}
                    </ol>
                  )}
                  {editing === p.id && (
                    <UserPathForm
                      base={base}
                      item={p}
                      onDone={done}
                      onCancel={() => setEditing(undefined)}
                    />
                  )}
                  {canEdit && editing !== p.id && (
                    <>
                      <button
                        type="button"
                        className="link-button"
                        onClick={() => setEditing(p.id)}
                        aria-label={`Edit path “${p.goal}”`}
                      >
                        Edit
                      </button>{' '}
                      <button
                        type="button"
                        className="link-button danger"
                        onClick={() => void del(`user-paths/${p.id}`)}
                      >
                        Delete path “{p.goal}”
                      </button>
                    </>
                  )}
                </li>
              ))}
            </ol>
            {canEdit && (
              <form onSubmit={(e) => void addPath(e)} noValidate aria-label="Add a user path">
                <h3>Add a user path</h3>
                <ErrorBanner error={path.error} />
                <Field label="Who" name="who" required error={path.error?.fieldMessage('who')} />
                <Field label="Goal" name="goal" required error={path.error?.fieldMessage('goal')} />
                <TextArea label="Steps (one per line)" name="steps" rows={3} />
                <div className="field">
                  <label htmlFor="path-priority">Priority</label>
                  <select id="path-priority" name="priority" defaultValue="must">
                    {priorities.map((p) => (
                      <option key={p} value={p}>
                        {priorityLabels[p]}
                      </option>
                    ))}
                  </select>
                </div>
                <button type="submit" disabled={path.busy}>
                  Add user path
                </button>
              </form>
            )}
          </section>

          <section className="card" aria-labelledby="risks-heading">
            <h2 id="risks-heading">Risks</h2>
            {data.risks.length === 0 && <p className="muted">No risks recorded.</p>}
            <ul aria-label="Risks">
              {data.risks.map((r) => (
                <li key={r.id} id={`risk-${r.id}`}>
                  {r.description}{' '}
                  <span className="badge">
                    {r.likelihood} likelihood · {r.impact} impact · {r.status}
                  </span>
                  <br />
                  <span className="muted">
                    What we do about it: {r.mitigation || 'not decided yet'}
                  </span>
                  {editing === r.id && (
                    <RiskForm
                      base={base}
                      item={r}
                      onDone={done}
                      onCancel={() => setEditing(undefined)}
                    />
                  )}
                  {canEdit && editing !== r.id && (
                    <>
                      {' '}
                      <button
                        type="button"
                        className="link-button"
                        onClick={() => setEditing(r.id)}
                      >
                        Edit risk
                      </button>{' '}
                      <button
                        type="button"
                        className="link-button danger"
                        onClick={() => void del(`risks/${r.id}`)}
                      >
                        Delete risk
                      </button>
                    </>
                  )}
                </li>
              ))}
            </ul>
            {canEdit && (
              <form onSubmit={(e) => void addRisk(e)} noValidate aria-label="Add a risk">
                <h3>Add a risk</h3>
                <ErrorBanner error={risk.error} />
                <TextArea
                  label="The risk, in business terms"
                  name="description"
                  rows={2}
                  error={risk.error?.fieldMessage('description')}
                />
                {(['likelihood', 'impact'] as const).map((name) => (
                  <div className="field" key={name}>
                    <label htmlFor={`risk-${name}`}>
                      {name === 'likelihood' ? 'Likelihood' : 'Impact'}
                    </label>
                    <select id={`risk-${name}`} name={name} defaultValue="medium">
                      {levels.map((l) => (
                        <option key={l} value={l}>
                          {l}
                        </option>
                      ))}
                    </select>
                  </div>
                ))}
                <TextArea label="Mitigation" name="mitigation" rows={2} />
                <button type="submit" disabled={risk.busy}>
                  Add risk
                </button>
              </form>
            )}
          </section>
        </>
      )}
    </>
  );
}
