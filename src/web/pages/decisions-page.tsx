/** @module A client's decision records: the list, a new one, import of ADR files, export. */
import { useState, type FormEvent } from 'react';
import { Link, useParams } from 'react-router';
import type { DecisionImportReport, DecisionSummary } from '../../shared/decisions.ts';
import { api, type ApiError } from '../api.ts';
import { ErrorBanner, Field, text } from '../components/form.tsx';
import { useSession } from '../session.tsx';
import { useLoad } from '../use-load.ts';

export function DecisionsPage() {
  const { clientId = '' } = useParams();
  const { user } = useSession();
  const canEdit = user?.role === 'owner' || user?.role === 'member';
  const base = `/api/v1/clients/${clientId}`;
  const { data, error, reload } = useLoad(
    () => api<{ decisions: DecisionSummary[] }>('GET', `${base}/decisions`),
    [clientId],
  );
  const [report, setReport] = useState<DecisionImportReport>();
  const [actionError, setActionError] = useState<ApiError>();

  const importFiles = async (list: FileList | null) => {
    if (!list || list.length === 0) return;
    const files = await Promise.all(
      [...list].map(async (file) => ({
        path: file.webkitRelativePath || file.name,
        content: await file.text(),
      })),
    );
    try {
      setReport(await api<DecisionImportReport>('POST', `${base}/decisions/import`, { files }));
      setActionError(undefined);
      reload();
    } catch (e) {
      setActionError(e as ApiError);
    }
  };

  const create = async (event: FormEvent<HTMLFormElement>) => {
    event.preventDefault();
    const form = event.currentTarget;
    const title = text(new FormData(form), 'title');
    try {
      await api('POST', `${base}/decisions`, { title });
      form.reset();
      setActionError(undefined);
      reload();
    } catch (e) {
      setActionError(e as ApiError);
    }
  };

  if (error) return <ErrorBanner error={error} />;
  if (!data) return <p>Loading…</p>;
  return (
    <>
      <p>
        <Link to={`/clients/${clientId}`}>← Client</Link>
      </p>
      <h1>Decisions</h1>
      <ErrorBanner error={actionError} />
      {data.decisions.length === 0 ? (
        <p className="muted">No decision records yet.</p>
      ) : (
        <table>
          <thead>
            <tr>
              <th scope="col">Number</th>
              <th scope="col">Title</th>
              <th scope="col">Status</th>
              <th scope="col">Date</th>
              <th scope="col">Links</th>
            </tr>
          </thead>
          <tbody>
            {data.decisions.map((d) => (
              <tr key={d.id}>
                <td>{d.key}</td>
                <td>
                  <Link to={`/clients/${clientId}/decisions/${d.id}`}>{d.title}</Link>
                </td>
                <td>{d.status}</td>
                <td>{d.date ?? '—'}</td>
                <td>
                  {d.supersededBy &&
                    `superseded by ADR-${String(d.supersededBy.number).padStart(4, '0')}`}
                  {d.supersedes.length > 0 &&
                    ` supersedes ${d.supersedes.map((s) => `ADR-${String(s.number).padStart(4, '0')}`).join(', ')}`}
                </td>
              </tr>
            ))}
          </tbody>
        </table>
      )}
      <p>
        {/* A plain link: the session cookie goes with it and the browser saves the file. */}
        <a className="button" href={`${base}/decisions/export.zip`} download="decisions.zip">
          Download all as a zip of MADR files
        </a>
      </p>
      {canEdit && (
        <>
          <h2>New decision</h2>
          <form onSubmit={(e) => void create(e)}>
            <Field
              label="Title"
              name="title"
              required
              maxLength={300}
              error={actionError?.fieldMessage('title')}
            />
            <button type="submit">Create</button>
          </form>
          <h2>Import ADR files</h2>
          <p className="muted">
            Pick the Markdown files of a repository's <code>docs/decisions</code> or{' '}
            <code>docs/adr</code> folder (MADR or Nygard format). Files already here are matched by
            number and updated.
          </p>
          <div className="field">
            <label htmlFor="adr-files">ADR files</label>
            <input
              id="adr-files"
              type="file"
              multiple
              accept=".md,.markdown"
              onChange={(e) => void importFiles(e.target.files)}
            />
          </div>
          <div className="field">
            <label htmlFor="adr-folder">Or a whole folder</label>
            <input
              id="adr-folder"
              type="file"
              multiple
              {...({ webkitdirectory: '' } as Record<string, string>)}
              onChange={(e) => void importFiles(e.target.files)}
            />
          </div>
        </>
      )}
      {report && (
        <section aria-labelledby="import-report">
          <h2 id="import-report">Import report</h2>
          <p>
            {report.counts.imported} imported, {report.counts.updated} updated,{' '}
            {report.counts.unchanged} unchanged, {report.counts.failed} failed,{' '}
            {report.counts.skipped} skipped.
          </p>
          <ul>
            {report.files.map((f) => (
              <li key={f.path}>
                <code>{f.path}</code>: {f.outcome}
                {f.message && ` — ${f.message}`}
                {f.warnings.map((w) => ` (${w})`).join('')}
              </li>
            ))}
          </ul>
        </section>
      )}
    </>
  );
}
