/**
 * @module A client's public status page settings (on/off, address, title, which monitors show
 * and under what public name) and its maintenance windows, with a link to the public page.
 */
import { useEffect, useState, type FormEvent } from 'react';
import { Link, useParams } from 'react-router';
import type { Monitor } from '../../shared/monitoring.ts';
import type { StatusPage } from '../../shared/status-pages.ts';
import { api } from '../api.ts';
import { ErrorBanner, Field, TextArea } from '../components/form.tsx';
import { MaintenanceWindows } from '../components/maintenance-windows.tsx';
import { StatusPageIncidents } from '../components/status-page-incidents.tsx';
import { useAction } from '../components/use-action.ts';
import { useSession } from '../session.tsx';
import { useLoad } from '../use-load.ts';

interface Draft {
  enabled: boolean;
  slug: string;
  title: string;
  description: string;
  /** Display name per picked monitor id. */
  picked: Record<string, string>;
}

const slugOf = (name: string) =>
  name
    .toLowerCase()
    .replace(/[^a-z0-9]+/g, '-')
    .replace(/^-|-$/g, '')
    .slice(0, 64) || 'status';

export function StatusPagePage() {
  const { clientId = '' } = useParams();
  const { user } = useSession();
  const canEdit = user?.role === 'owner' || user?.role === 'member';
  const base = `/api/v1/clients/${clientId}`;
  const { data, error, reload } = useLoad(async () => {
    const [{ page }, { monitors }, client] = await Promise.all([
      api<{ page: StatusPage | null }>('GET', `${base}/status-page`),
      api<{ monitors: Monitor[] }>('GET', `${base}/monitors?limit=200`),
      api<{ name: string }>('GET', base),
    ]);
    return { page, monitors, clientName: client.name };
  }, [clientId]);
  const [draft, setDraft] = useState<Draft>();
  const action = useAction();
  const [saved, setSaved] = useState(false);

  useEffect(() => {
    if (!data) return;
    const page = data.page;
    setDraft({
      enabled: page?.enabled ?? false,
      slug: page?.slug ?? slugOf(data.clientName),
      title: page?.title ?? `${data.clientName} status`,
      description: page?.description ?? '',
      picked: Object.fromEntries((page?.components ?? []).map((c) => [c.monitorId, c.displayName])),
    });
  }, [data]);

  if (error) return <ErrorBanner error={error} />;
  if (!data || !draft) return <p>Loading…</p>;

  const save = async (event: FormEvent) => {
    event.preventDefault();
    setSaved(false);
    const ok = await action.run(() =>
      api('PUT', `${base}/status-page`, {
        enabled: draft.enabled,
        slug: draft.slug,
        title: draft.title,
        description: draft.description,
        // Every picked id, listed or not: a page with components beyond the first 200
        // monitors loaded here keeps them, in their order.
        components: Object.entries(draft.picked).map(([monitorId, displayName]) => ({
          monitorId,
          displayName,
        })),
      }),
    );
    if (ok) {
      setSaved(true);
      reload();
    }
  };
  const set = (patch: Partial<Draft>) => setDraft({ ...draft, ...patch });
  // Only the first 200 monitors are loaded: a component beyond them still shows, under the name
  // it has on the page, so it can be renamed or removed.
  const listed = new Set(data.monitors.map((m) => m.id));
  const choices = [
    ...data.monitors.map((m) => ({ id: m.id, name: m.name, isListed: true })),
    ...(data.page?.components ?? [])
      .filter((c) => !listed.has(c.monitorId))
      .map((c) => ({ id: c.monitorId, name: c.displayName, isListed: false })),
  ];
  const componentError = action.error?.details.find((d) => d.path.startsWith('body.components'));

  return (
    <>
      <p>
        <Link to={`/clients/${clientId}`}>← Client</Link>
      </p>
      <h1>Status page and maintenance</h1>
      <section className="card" aria-labelledby="status-page">
        <h2 id="status-page">Public status page</h2>
        {data.page?.enabled ? (
          <p>
            Live at <a href={data.page.path}>{data.page.path}</a> — anyone with the link can see it.
          </p>
        ) : (
          <p className="muted">
            Off. When on, visitors see only the components below under their public names, their
            90-day uptime, open incidents, maintenance and incident history.
          </p>
        )}
        <form onSubmit={(e) => void save(e)}>
          <label>
            <input
              type="checkbox"
              checked={draft.enabled}
              disabled={!canEdit}
              onChange={(e) => set({ enabled: e.target.checked })}
            />{' '}
            Publish the status page
          </label>
          <Field
            label="Address (slug)"
            value={draft.slug}
            disabled={!canEdit}
            onChange={(e) => set({ slug: e.target.value })}
            hint={`The page will be at /status/${draft.slug}`}
            error={action.error?.fieldMessage('slug')}
          />
          <Field
            label="Page title"
            value={draft.title}
            disabled={!canEdit}
            onChange={(e) => set({ title: e.target.value })}
            error={action.error?.fieldMessage('title')}
          />
          <TextArea
            label="Description (optional)"
            value={draft.description}
            disabled={!canEdit}
            onChange={(e) => set({ description: e.target.value })}
          />
          <fieldset>
            <legend>Components</legend>
            {data.monitors.length === 0 && <p className="muted">No monitors yet.</p>}
            {choices.map((m) => {
              const isPicked = m.id in draft.picked;
              return (
                <div key={m.id} className="field">
                  <label>
                    <input
                      type="checkbox"
                      checked={isPicked}
                      disabled={!canEdit}
                      onChange={(e) => {
                        const picked = { ...draft.picked };
                        if (e.target.checked) picked[m.id] = m.name;
                        else delete picked[m.id];
                        set({ picked });
                      }}
                    />{' '}
                    Show {m.name}
                    {!m.isListed && (
                      <span className="muted">
                        {' '}
                        (on the page; not among the first 200 monitors)
                      </span>
                    )}
                  </label>
                  {isPicked && (
                    <Field
                      label={`Public name for ${m.name}`}
                      value={draft.picked[m.id] ?? ''}
                      disabled={!canEdit}
                      onChange={(e) => set({ picked: { ...draft.picked, [m.id]: e.target.value } })}
                    />
                  )}
                </div>
              );
            })}
            {componentError && <small className="field-error">{componentError.message}</small>}
          </fieldset>
          {canEdit && (
            <button type="submit" disabled={action.busy}>
              Save status page
            </button>
          )}
          {saved && <span role="status"> Saved.</span>}
          <ErrorBanner error={action.error} />
        </form>
      </section>
      <MaintenanceWindows clientId={clientId} monitors={data.monitors} canEdit={canEdit} />
      {data.page && (
        // Keyed by the components, so saving the page reloads the list.
        <StatusPageIncidents
          key={data.page.components.map((c) => c.monitorId).join()}
          clientId={clientId}
          canEdit={canEdit}
        />
      )}
    </>
  );
}
