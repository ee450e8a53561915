/**
 * @module The incidents a status page shows, with the only words of each that visitors read: a
 * public title and note. The internal cause is shown here to help write them, never published.
 */
import { useState, type FormEvent } from 'react';
import type { PageIncident } from '../../shared/status-pages.ts';
import { api } from '../api.ts';
import { useLoad } from '../use-load.ts';
import { ErrorBanner, Field, TextArea } from './form.tsx';
import { useAction } from './use-action.ts';

function IncidentWords(props: { clientId: string; incident: PageIncident; canEdit: boolean }) {
  const { incident } = props;
  const [title, setTitle] = useState(incident.publicTitle ?? '');
  const [note, setNote] = useState(incident.publicNote);
  const [saved, setSaved] = useState(false);
  const action = useAction();
  const save = async (event: FormEvent) => {
    event.preventDefault();
    setSaved(false);
    const ok = await action.run(() =>
      api('PATCH', `/api/v1/clients/${props.clientId}/status-page/incidents/${incident.id}`, {
        publicTitle: title.trim() ? title : null,
        publicNote: note,
      }),
    );
    setSaved(ok);
  };
  const span = `${new Date(incident.openedAt).toLocaleString()}${incident.resolvedAt ? ` – ${new Date(incident.resolvedAt).toLocaleString()}` : ' (open)'}`;
  return (
    <li>
      <strong>{incident.component}</strong>, {span}. <span className="muted">{incident.cause}</span>
      {props.canEdit && (
        <form onSubmit={(e) => void save(e)}>
          <Field
            label="Public title"
            value={title}
            placeholder={`${incident.component} unavailable`}
            onChange={(e) => setTitle(e.target.value)}
            error={action.error?.fieldMessage('publicTitle')}
          />
          <TextArea label="Public note" value={note} onChange={(e) => setNote(e.target.value)} />
          <button type="submit" disabled={action.busy}>
            Save public words
          </button>
          {saved && <span role="status"> Saved.</span>}
          <ErrorBanner error={action.error} />
        </form>
      )}
    </li>
  );
}

export function StatusPageIncidents(props: { clientId: string; canEdit: boolean }) {
  const { data, error } = useLoad(
    () =>
      api<{ incidents: PageIncident[] }>(
        'GET',
        `/api/v1/clients/${props.clientId}/status-page/incidents`,
      ),
    [props.clientId],
  );
  return (
    <section className="card" aria-labelledby="page-incidents">
      <h2 id="page-incidents">Incidents on the status page</h2>
      <ErrorBanner error={error} />
      {data && data.incidents.length === 0 && (
        <p className="muted">No incidents of these components in the last 90 days.</p>
      )}
      {data && data.incidents.length > 0 && (
        <ul>
          {data.incidents.map((i) => (
            <IncidentWords
              key={i.id}
              clientId={props.clientId}
              incident={i}
              canEdit={props.canEdit}
            />
          ))}
        </ul>
      )}
    </section>
  );
}
