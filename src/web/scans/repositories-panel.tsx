/**
 * @module The client's connected repositories: connect one (git URL with an optional token, or
 * for the owner a folder on the Keel server), run an audit or scans now, disconnect. A token is
 * write-only: the page only ever shows "token set …abcd" (and the user name sent with it).
 */
import { useState, type FormEvent } from 'react';
import type { Repository } from '../../shared/scans.ts';
import { api, type ApiError } from '../api.ts';
import { ErrorBanner, Field, text } from '../components/form.tsx';
import { useSession } from '../session.tsx';

export function RepositoriesPanel({
  clientId,
  repositories,
  onChange,
}: {
  clientId: string;
  repositories: Repository[];
  onChange: () => void;
}) {
  const { user } = useSession();
  const canWrite = user?.role === 'owner' || user?.role === 'member';
  const isOwner = user?.role === 'owner';
  const [adding, setAdding] = useState(false);
  const [kind, setKind] = useState<'git' | 'path'>('git');
  const [error, setError] = useState<ApiError>();
  const [notice, setNotice] = useState('');
  const base = `/api/v1/clients/${clientId}/repositories`;

  const act = async (work: () => Promise<unknown>, done: string) => {
    setError(undefined);
    try {
      await work();
      setNotice(done);
      onChange();
    } catch (e) {
      setError(e as ApiError);
    }
  };
  const connect = async (event: FormEvent<HTMLFormElement>) => {
    event.preventDefault();
    const form = new FormData(event.currentTarget);
    const token = text(form, 'token');
    const tokenUser = text(form, 'tokenUser').trim();
    await act(async () => {
      await api('POST', base, {
        kind,
        location: text(form, 'location'),
        ...(text(form, 'name') ? { name: text(form, 'name') } : {}),
        ...(kind === 'git' && token ? { token } : {}),
        ...(kind === 'git' && tokenUser ? { tokenUser } : {}),
        ...(kind === 'git' && isOwner ? { allowPrivateNetwork: form.get('private') === 'on' } : {}),
      });
      setAdding(false);
    }, 'Repository connected. Run an audit or a scan when you are ready.');
  };

  return (
    <div className="repositories">
      <h3>Repositories</h3>
      <ErrorBanner error={error} />
      {notice && <p className="notice">{notice}</p>}
      {repositories.length === 0 && <p className="muted">No repository connected yet.</p>}
      <ul>
        {repositories.map((repo) => (
          <li key={repo.id}>
            <strong>{repo.name}</strong> <span className="muted">{repo.location}</span>
            {repo.hasToken && <span className="badge">token set {repo.tokenHint}</span>}
            {repo.hasToken && repo.tokenUser && (
              <span className="badge">user {repo.tokenUser}</span>
            )}
            {canWrite && (
              <span className="actions">
                <button
                  type="button"
                  className="secondary"
                  onClick={() =>
                    void act(
                      () => api('POST', `${base}/${repo.id}/audits`),
                      `Audit of ${repo.name} queued.`,
                    )
                  }
                >
                  Audit now
                </button>
                <button
                  type="button"
                  className="secondary"
                  onClick={() =>
                    void act(
                      () => api('POST', `${base}/${repo.id}/scans`, { kinds: ['secrets', 'deps'] }),
                      `Secrets and dependency scans of ${repo.name} queued.`,
                    )
                  }
                >
                  Scan now
                </button>
                {(repo.kind === 'git' || isOwner) && (
                  <button
                    type="button"
                    className="link-button danger"
                    onClick={() => {
                      if (window.confirm(`Disconnect ${repo.name}? Its runs and findings go too.`))
                        void act(() => api('DELETE', `${base}/${repo.id}`), 'Disconnected.');
                    }}
                  >
                    Disconnect
                  </button>
                )}
              </span>
            )}
          </li>
        ))}
      </ul>
      {canWrite && !adding && (
        <button type="button" className="secondary" onClick={() => setAdding(true)}>
          Connect a repository
        </button>
      )}
      {adding && (
        <form onSubmit={(e) => void connect(e)} aria-label="Connect a repository">
          {isOwner && (
            <fieldset>
              <legend>Where is it?</legend>
              <label className="inline">
                <input
                  type="radio"
                  name="kind"
                  checked={kind === 'git'}
                  onChange={() => setKind('git')}
                />{' '}
                Clone from a URL
              </label>
              <label className="inline">
                <input
                  type="radio"
                  name="kind"
                  checked={kind === 'path'}
                  onChange={() => setKind('path')}
                />{' '}
                A folder on the Keel server
              </label>
            </fieldset>
          )}
          <Field
            label={kind === 'git' ? 'Repository URL' : 'Folder (full path)'}
            name="location"
            required
            placeholder={kind === 'git' ? 'https://github.com/acme/app.git' : '/srv/repos/app'}
            error={error?.fieldMessage('location')}
          />
          <Field label="Name (optional)" name="name" error={error?.fieldMessage('name')} />
          {kind === 'git' && (
            <Field
              label="Access token (optional, read-only is enough)"
              name="token"
              type="password"
              autoComplete="off"
              hint="Stored encrypted. Keel never shows it again."
              error={error?.fieldMessage('token')}
            />
          )}
          {kind === 'git' && (
            <Field
              label="User name for the token (optional)"
              name="tokenUser"
              autoComplete="off"
              hint="Only if your host needs one, e.g. x-token-auth for Bitbucket; default x-access-token."
              error={error?.fieldMessage('tokenUser')}
            />
          )}
          {kind === 'git' && isOwner && (
            <label className="inline">
              <input type="checkbox" name="private" /> Allow a private network address (a
              self-hosted forge)
            </label>
          )}
          <div className="actions">
            <button type="submit">Connect</button>
            <button type="button" className="secondary" onClick={() => setAdding(false)}>
              Cancel
            </button>
          </div>
        </form>
      )}
    </div>
  );
}
