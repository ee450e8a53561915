/** @module People and access (owner): invite by one-time link, change roles and clients, disable. */
import { useState, type FormEvent } from 'react';
import type { Client, User } from '../../shared/api.ts';
import { api, type ApiError } from '../api.ts';
import { ErrorBanner, Field, text } from '../components/form.tsx';
import { useSession } from '../session.tsx';
import { useLoad } from '../use-load.ts';

interface Invite {
  id: string;
  email: string;
  role: string;
  clientIds: string[];
  expiresAt: string;
}

export function PeoplePage() {
  const { user } = useSession();
  const [error, setError] = useState<ApiError>();
  const [link, setLink] = useState<string>();
  const {
    data,
    error: loadError,
    reload,
  } = useLoad(async () => {
    const [people, invites, clients] = await Promise.all([
      api<{ people: User[] }>('GET', '/api/v1/people'),
      api<{ invites: Invite[] }>('GET', '/api/v1/invites'),
      api<{ clients: Client[] }>('GET', '/api/v1/clients'),
    ]);
    return { people: people.people, invites: invites.invites, clients: clients.clients };
  }, []);
  const clientName = (id: string) =>
    data?.clients.find((c) => c.id === id)?.name ?? 'archived client';

  if (user?.role !== 'owner') return <p>Only the owner manages people.</p>;

  const act = async (work: () => Promise<unknown>) => {
    try {
      await work();
      setError(undefined);
      reload();
    } catch (e) {
      setError(e as ApiError);
    }
  };

  const invite = async (event: FormEvent<HTMLFormElement>) => {
    event.preventDefault();
    const form = new FormData(event.currentTarget);
    const role = text(form, 'role');
    const clientIds = form.getAll('clientIds').map(String);
    const formElement = event.currentTarget;
    await act(async () => {
      const created = await api<{ url: string }>('POST', '/api/v1/invites', {
        email: form.get('email'),
        role,
        clientIds,
      });
      setLink(created.url);
      formElement.reset();
    });
  };

  return (
    <>
      <h1>People and access</h1>
      <ErrorBanner error={loadError ?? error} />
      <section className="card" aria-labelledby="invite-heading">
        <h2 id="invite-heading">Invite someone</h2>
        <form onSubmit={(e) => void invite(e)} noValidate>
          <Field
            label="Email"
            name="email"
            type="email"
            required
            error={error?.fieldMessage('email')}
          />
          <fieldset>
            <legend>Role</legend>
            <label className="inline">
              <input type="radio" name="role" value="member" defaultChecked /> Member — an engineer
              on the clients you pick
            </label>
            <label className="inline">
              <input type="radio" name="role" value="founder" /> Founder — reads one client, in
              plain language
            </label>
          </fieldset>
          <fieldset>
            <legend>Clients</legend>
            {data?.clients.map((c) => (
              <label key={c.id} className="inline">
                <input type="checkbox" name="clientIds" value={c.id} /> {c.name}
              </label>
            ))}
            {error?.fieldMessage('clientIds') && (
              <small className="field-error">{error.fieldMessage('clientIds')}</small>
            )}
          </fieldset>
          <button type="submit">Create invite link</button>
        </form>
        {link && (
          <div className="notice" role="status">
            <p>Send this one-time link to them (valid 7 days; shown only now):</p>
            <input
              className="copy"
              readOnly
              value={link}
              aria-label="Invite link"
              onFocus={(e) => e.currentTarget.select()}
            />
          </div>
        )}
      </section>
      <section className="card" aria-labelledby="people-heading">
        <h2 id="people-heading">People</h2>
        <table>
          <thead>
            <tr>
              <th scope="col">Name</th>
              <th scope="col">Email</th>
              <th scope="col">Role</th>
              <th scope="col">Clients</th>
              <th scope="col">Actions</th>
            </tr>
          </thead>
          <tbody>
            {data?.people.map((p) => (
              <tr key={p.id}>
                <td>
                  {p.name}
                  {p.disabled && <span className="badge">disabled</span>}
                </td>
                <td>{p.email}</td>
                <td>
                  <select
                    aria-label={`Role of ${p.name}`}
                    value={p.role}
                    disabled={p.id === user.id}
                    onChange={(e) =>
                      void act(() =>
                        api('PATCH', `/api/v1/people/${p.id}`, { role: e.target.value }),
                      )
                    }
                  >
                    <option value="owner">owner</option>
                    <option value="member">member</option>
                    <option value="founder">founder</option>
                  </select>
                </td>
                <td>
                  {p.role === 'owner' ? 'all' : p.clientIds.map(clientName).join(', ') || '—'}
                </td>
                <td>
                  {p.id !== user.id && (
                    <>
                      <button
                        type="button"
                        className="link-button"
                        onClick={() =>
                          void act(() =>
                            api('PATCH', `/api/v1/people/${p.id}`, { disabled: !p.disabled }),
                          )
                        }
                      >
                        {p.disabled ? 'Enable' : 'Disable'}
                      </button>{' '}
                      <button
                        type="button"
                        className="link-button danger"
                        onClick={() => void act(() => api('DELETE', `/api/v1/people/${p.id}`))}
                      >
                        Remove
                      </button>
                    </>
                  )}
                </td>
              </tr>
            ))}
          </tbody>
        </table>
      </section>
      {data && data.invites.length > 0 && (
        <section className="card" aria-labelledby="invites-heading">
          <h2 id="invites-heading">Open invitations</h2>
          <ul>
            {data.invites.map((i) => (
              <li key={i.id}>
                {i.email} as {i.role}
                {i.clientIds.length > 0 && <> for {i.clientIds.map(clientName).join(', ')}</>} —
                expires {new Date(i.expiresAt).toLocaleDateString()}{' '}
                <button
                  type="button"
                  className="link-button danger"
                  onClick={() => void act(() => api('DELETE', `/api/v1/invites/${i.id}`))}
                >
                  Revoke
                </button>
              </li>
            ))}
          </ul>
        </section>
      )}
    </>
  );
}
