/**
 * @module A client's security page: findings (masked) with accept-risk and reopen, recent
 * scans, and the posture checklist where a manual answer overrides what Keel saw.
 */
import { useState, type FormEvent } from 'react';
import { Link, useParams } from 'react-router';
import type { PostureItem, ScanRun, SecurityFinding } from '../../shared/scans.ts';
import { postureStatuses } from '../../shared/scans.ts';
import { api, type ApiError } from '../api.ts';
import { ErrorBanner, Field, text } from '../components/form.tsx';
import { useSession } from '../session.tsx';
import { useLoad } from '../use-load.ts';

interface FindingList {
  openBySeverity: Record<string, number>;
  acceptedCount: number;
  findings: SecurityFinding[];
}

function describe(f: SecurityFinding): string {
  const d = f.detail as Record<string, string | number | boolean | string[] | undefined>;
  if (f.kind === 'secret')
    return `${String(d.file)}:${String(d.line)} · ${String(d.masked)} · ${d.presence === 'history-only' ? 'in history only' : 'in the current code'}`;
  const upgrade = d.upgradeTo ? ` · upgrade to ${String(d.upgradeTo)}` : ' · no fix yet';
  return `${String(d.lockfile)} · ${(d.ids as string[] | undefined)?.slice(0, 2).join(', ') ?? ''}${upgrade}`;
}

export function SecurityPage() {
  const { clientId = '' } = useParams();
  const { user } = useSession();
  const canWrite = user?.role === 'owner' || user?.role === 'member';
  const [status, setStatus] = useState<'open' | 'accepted' | 'fixed' | 'all'>('open');
  const [accepting, setAccepting] = useState<string>();
  const [editing, setEditing] = useState<string>();
  const [error, setError] = useState<ApiError>();
  const base = `/api/v1/clients/${clientId}`;
  const {
    data,
    error: loadError,
    reload,
  } = useLoad(
    async () => ({
      list: await api<FindingList>('GET', `${base}/security/findings?status=${status}`),
      scans: await api<{ runs: ScanRun[] }>('GET', `${base}/scans?limit=10`),
      posture: await api<{ items: PostureItem[] }>('GET', `${base}/posture`),
    }),
    [clientId, status],
  );

  const submit = async (work: () => Promise<unknown>, after: () => void) => {
    setError(undefined);
    try {
      await work();
      after();
      reload();
    } catch (e) {
      setError(e as ApiError);
    }
  };
  const accept = (event: FormEvent<HTMLFormElement>, id: string) => {
    event.preventDefault();
    const form = new FormData(event.currentTarget);
    void submit(
      () =>
        api('POST', `${base}/security/findings/${id}/accept`, {
          reason: text(form, 'reason'),
          until: text(form, 'until'),
        }),
      () => setAccepting(undefined),
    );
  };
  const answer = (event: FormEvent<HTMLFormElement>, key: string) => {
    event.preventDefault();
    const form = new FormData(event.currentTarget);
    void submit(
      () =>
        api('PUT', `${base}/posture/${key}`, {
          status: text(form, 'status'),
          evidenceUrl: text(form, 'evidenceUrl') || null,
          owner: text(form, 'owner') || null,
          dueDate: text(form, 'dueDate') || null,
          note: text(form, 'note'),
        }),
      () => setEditing(undefined),
    );
  };

  if (loadError) return <ErrorBanner error={loadError} />;
  if (!data) return <p>Loading…</p>;
  const { list, scans, posture } = data;
  return (
    <>
      <div className="page-head">
        <h1>Security</h1>
        <Link to={`/clients/${clientId}`}>Back to the client</Link>
      </div>
      <ErrorBanner error={error} />
      <section className="card" aria-labelledby="findings-title">
        <h2 id="findings-title">Findings</h2>
        <p>
          Open:{' '}
          {Object.entries(list.openBySeverity)
            .map(([s, n]) => `${n} ${s}`)
            .join(' · ')}{' '}
          · accepted: {list.acceptedCount}
        </p>
        <label className="inline">
          Show{' '}
          <select value={status} onChange={(e) => setStatus(e.target.value as typeof status)}>
            <option value="open">open</option>
            <option value="accepted">accepted risks</option>
            <option value="fixed">fixed</option>
            <option value="all">all</option>
          </select>
        </label>
        {list.findings.length === 0 && <p className="muted">Nothing here.</p>}
        <ul className="findings">
          {list.findings.map((f) => (
            <li key={f.id}>
              <span className={`badge severity-${f.severity}`}>{f.severity}</span>{' '}
              <strong>{f.title}</strong> <span className="muted">({f.repositoryName})</span>
              <p className="muted">
                {describe(f)} · first seen {f.firstSeenAt.slice(0, 10)} · last seen{' '}
                {f.lastSeenAt.slice(0, 10)} · {f.status}
                {f.acceptedUntil && <> until {f.acceptedUntil}</>}
              </p>
              {f.acceptedReason && <p>Accepted because: {f.acceptedReason}</p>}
              {f.kind === 'secret' && f.status === 'open' && (
                <p>Revoke and rotate this key first, then clean the history.</p>
              )}
              {canWrite && f.status === 'open' && accepting !== f.id && (
                <button type="button" className="secondary" onClick={() => setAccepting(f.id)}>
                  Accept the risk…
                </button>
              )}
              {canWrite && f.status === 'accepted' && (
                <button
                  type="button"
                  className="secondary"
                  onClick={() =>
                    void submit(
                      () => api('POST', `${base}/security/findings/${f.id}/reopen`),
                      () => undefined,
                    )
                  }
                >
                  Reopen
                </button>
              )}
              {accepting === f.id && (
                <form onSubmit={(e) => accept(e, f.id)} aria-label="Accept the risk">
                  <Field
                    label="Why is this acceptable?"
                    name="reason"
                    required
                    minLength={10}
                    error={error?.fieldMessage('reason')}
                  />
                  <Field
                    label="Until (it reopens then)"
                    name="until"
                    type="date"
                    required
                    error={error?.fieldMessage('until')}
                  />
                  <div className="actions">
                    <button type="submit">Accept</button>
                    <button
                      type="button"
                      className="secondary"
                      onClick={() => setAccepting(undefined)}
                    >
                      Cancel
                    </button>
                  </div>
                </form>
              )}
            </li>
          ))}
        </ul>
      </section>
      <section className="card" aria-labelledby="scans-title">
        <h2 id="scans-title">Recent scans</h2>
        {scans.runs.length === 0 && <p className="muted">No scan yet.</p>}
        <ul>
          {scans.runs.map((r) => (
            <li key={r.id}>
              {r.kind} · {r.status} · {r.createdAt.slice(0, 16).replace('T', ' ')}
              {r.error && <span className="field-error"> — {r.error}</span>}
              <ScanNotes summary={r.summary} />
            </li>
          ))}
        </ul>
      </section>
      <section className="card" aria-labelledby="posture-title">
        <h2 id="posture-title">Posture checklist</h2>
        <table>
          <thead>
            <tr>
              <th>Item</th>
              <th>Status</th>
              <th>Source</th>
              <th>Owner</th>
              <th>Due</th>
              <th>Evidence</th>
            </tr>
          </thead>
          <tbody>
            {posture.items.map((item) => (
              <tr key={item.key}>
                <td>
                  <span className="muted">{item.group}</span>
                  <br />
                  {item.title}
                  {editing === item.key && (
                    <form
                      onSubmit={(e) => answer(e, item.key)}
                      aria-label={`Answer: ${item.title}`}
                    >
                      <label>
                        Status{' '}
                        <select name="status" defaultValue={item.status ?? 'no'}>
                          {postureStatuses.map((s) => (
                            <option key={s} value={s}>
                              {s}
                            </option>
                          ))}
                        </select>
                      </label>
                      <Field
                        label="Evidence link"
                        name="evidenceUrl"
                        type="url"
                        defaultValue={item.source === 'manual' ? (item.evidenceUrl ?? '') : ''}
                        error={error?.fieldMessage('evidenceUrl')}
                      />
                      <Field label="Owner" name="owner" defaultValue={item.owner ?? ''} />
                      <Field
                        label="Due date"
                        name="dueDate"
                        type="date"
                        defaultValue={item.dueDate ?? ''}
                      />
                      <Field label="Note" name="note" defaultValue={item.note} />
                      <div className="actions">
                        <button type="submit">Save</button>
                        <button
                          type="button"
                          className="secondary"
                          onClick={() => setEditing(undefined)}
                        >
                          Cancel
                        </button>
                      </div>
                    </form>
                  )}
                </td>
                <td>{item.status ?? 'not answered'}</td>
                <td>
                  {item.source === 'evidence' && 'from evidence'}
                  {item.source === 'manual' &&
                    (item.evidenceStatus
                      ? `manual (overrides evidence: ${item.evidenceStatus})`
                      : 'manual')}
                  {item.source === 'none' && '—'}
                  {item.evidence && <p className="muted">{item.evidence}</p>}
                </td>
                <td>{item.owner ?? ''}</td>
                <td>{item.dueDate ?? ''}</td>
                <td>
                  {item.evidenceUrl &&
                    (item.evidenceUrl.startsWith('/') ? (
                      <Link to={item.evidenceUrl}>evidence</Link>
                    ) : (
                      <a href={item.evidenceUrl} rel="noreferrer noopener" target="_blank">
                        evidence
                      </a>
                    ))}
                  {canWrite && editing !== item.key && (
                    <>
                      {' '}
                      <button
                        type="button"
                        className="link-button"
                        onClick={() => setEditing(item.key)}
                      >
                        Answer
                      </button>
                    </>
                  )}
                  {canWrite && item.source === 'manual' && (
                    <button
                      type="button"
                      className="link-button"
                      onClick={() =>
                        void submit(
                          () => api('DELETE', `${base}/posture/${item.key}`),
                          () => undefined,
                        )
                      }
                    >
                      Use evidence
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

/**
 * What a finished scan could not do, from its stored summary: lockfiles it could not read, a
 * dependency scan with no advisories to match against (it then checked nothing), a
 * repository's own .gitleaks.toml or baseline that could not be used (default rules ran), and
 * that config's warnings (a rule id it names that no rule has, so it disabled or allowed nothing).
 */
function ScanNotes({ summary }: { summary: Record<string, unknown> }) {
  const errors = Array.isArray(summary.lockfileErrors)
    ? summary.lockfileErrors.filter((e): e is string => typeof e === 'string')
    : [];
  const errorCount =
    typeof summary.lockfileErrorCount === 'number' ? summary.lockfileErrorCount : errors.length;
  const hasNoAdvisories =
    summary.advisories === 0 || (summary.advisories === undefined && summary.advisoryImports === 0);
  const configProblems = Array.isArray(summary.configProblems)
    ? summary.configProblems.filter((e): e is string => typeof e === 'string')
    : [];
  const configWarnings = Array.isArray(summary.warnings)
    ? summary.warnings.filter((e): e is string => typeof e === 'string')
    : [];
  if (
    errorCount === 0 &&
    !hasNoAdvisories &&
    configProblems.length === 0 &&
    configWarnings.length === 0
  )
    return null;
  return (
    <>
      {configWarnings.length > 0 && (
        <ul aria-label="Rule warnings">
          {configWarnings.map((w) => (
            <li key={w} className="muted">
              {w}
            </li>
          ))}
        </ul>
      )}
      {configProblems.length > 0 && (
        <ul>
          {configProblems.map((p) => (
            <li key={p} className="field-error">
              {p}
            </li>
          ))}
        </ul>
      )}
      {hasNoAdvisories && <span className="field-error"> · advisories: none imported</span>}
      {errorCount > 0 && (
        <>
          <span className="field-error">
            {' '}
            · {errorCount} lockfile{errorCount === 1 ? '' : 's'} could not be read
          </span>
          <ul>
            {errors.map((e) => (
              <li key={e} className="muted">
                {e}
              </li>
            ))}
          </ul>
        </>
      )}
    </>
  );
}
