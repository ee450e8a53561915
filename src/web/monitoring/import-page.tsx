/**
 * @module Import monitors from an Uptime Kuma backup (JSON) or a Gatus configuration (YAML):
 * upload, preview the report (what each monitor becomes, what could not be mapped and why),
 * then apply. Importing the same file again changes nothing (monitors are matched by name).
 */
import { useState, type ChangeEvent } from 'react';
import { Link, useParams } from 'react-router';
import type { ImportReport } from '../../shared/monitor-import.ts';
import { api, type ApiError } from '../api.ts';
import { ErrorBanner } from '../components/form.tsx';

const actionLabel = {
  create: 'Create',
  update: 'Update',
  unchanged: 'Unchanged',
  skip: 'Not imported',
};

export function ImportMonitorsPage() {
  const { clientId = '' } = useParams();
  const [file, setFile] = useState<{ name: string; content: string }>();
  const [report, setReport] = useState<ImportReport>();
  const [error, setError] = useState<ApiError>();
  const [busy, setBusy] = useState(false);

  const pick = async (event: ChangeEvent<HTMLInputElement>) => {
    const chosen = event.target.files?.[0];
    setReport(undefined);
    setError(undefined);
    setFile(chosen ? { name: chosen.name, content: await chosen.text() } : undefined);
  };
  const send = async (dryRun: boolean) => {
    if (!file) return;
    setBusy(true);
    try {
      const format = /\.json$/i.test(file.name)
        ? 'uptime-kuma'
        : /\.ya?ml$/i.test(file.name)
          ? 'gatus'
          : undefined;
      setReport(
        await api<ImportReport>('POST', `/api/v1/clients/${clientId}/monitors/import`, {
          content: file.content,
          dryRun,
          ...(format ? { format } : {}),
        }),
      );
      setError(undefined);
    } catch (e) {
      setReport(undefined);
      setError(e as ApiError);
    } finally {
      setBusy(false);
    }
  };

  return (
    <>
      <p>
        <Link to={`/clients/${clientId}`}>← Client</Link>
      </p>
      <h1>Import monitors</h1>
      <p className="muted">
        An Uptime Kuma backup (Settings → Backup → Export, JSON) or a Gatus configuration (YAML).
        Preview first: nothing is written until you apply. Monitors are matched by name, so a second
        import updates instead of duplicating.
      </p>
      <div className="field">
        <label htmlFor="import-file">File</label>
        <input
          id="import-file"
          type="file"
          accept=".json,.yaml,.yml,application/json,text/yaml"
          onChange={(e) => void pick(e)}
        />
      </div>
      <p>
        <button type="button" disabled={!file || busy} onClick={() => void send(true)}>
          Preview
        </button>{' '}
        <button
          type="button"
          disabled={!file || busy || !report?.dryRun}
          onClick={() => void send(false)}
        >
          Apply
        </button>
      </p>
      <ErrorBanner error={error} />
      {report && <ImportReportView report={report} />}
    </>
  );
}

function ImportReportView({ report }: { report: ImportReport }) {
  const c = report.counts;
  return (
    <section aria-label="Import report">
      <h2>{report.dryRun ? 'Preview' : 'Imported'}</h2>
      <p role="status">
        {report.format === 'gatus' ? 'Gatus' : 'Uptime Kuma'}: {c.create}{' '}
        {report.dryRun ? 'to create' : 'created'}, {c.update}{' '}
        {report.dryRun ? 'to update' : 'updated'}, {c.unchanged} unchanged, {c.skip} not imported.
      </p>
      <table>
        <thead>
          <tr>
            <th scope="col">Monitor</th>
            <th scope="col">Source</th>
            <th scope="col">Becomes</th>
            <th scope="col">Action</th>
            <th scope="col">Not mapped, and why</th>
          </tr>
        </thead>
        <tbody>
          {report.monitors.map((m) => (
            <tr key={m.source}>
              <td>{m.name || '(no name)'}</td>
              <td>
                {m.source} ({m.sourceType})
              </td>
              <td>{m.kind ?? '—'}</td>
              <td>{actionLabel[m.action]}</td>
              <td>
                {m.reason && <p>{m.reason}</p>}
                {m.issues.length > 0 && (
                  <ul>
                    {m.issues.map((issue, i) => (
                      <li key={i}>
                        <code>{issue.field}</code>: {issue.reason}
                      </li>
                    ))}
                  </ul>
                )}
                {m.pingToken && (
                  <p>
                    New ping URL (shown once): <code>/ping/{m.pingToken}</code>
                  </p>
                )}
              </td>
            </tr>
          ))}
        </tbody>
      </table>
      {report.notes.length > 0 && (
        <ul aria-label="Not imported from the file">
          {report.notes.map((n) => (
            <li key={n.field}>
              <code>{n.field}</code>: {n.reason}
            </li>
          ))}
        </ul>
      )}
    </section>
  );
}
