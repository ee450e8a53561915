/** @module API tokens: create (shown once), list, revoke. */
import { useState, type FormEvent } from 'react';
import type { ApiToken, Client } from '../../shared/api.ts';
import { tokenScopeLabels } from '../../shared/domain.ts';
import { api, type ApiError } from '../api.ts';
import { ErrorBanner, Field } from '../components/form.tsx';
import { useSession } from '../session.tsx';
import { useLoad } from '../use-load.ts';

export function TokensPage() {
  const { user } = useSession();
  const [error, setError] = useState<ApiError>();
  const [shown, setShown] = useState<string>();
  const {
    data,
    error: loadError,
    reload,
  } = useLoad(async () => {
    const [tokens, clients] = await Promise.all([
      api<{ tokens: ApiToken[] }>('GET', '/api/v1/tokens'),
      api<{ clients: Client[] }>('GET', '/api/v1/clients'),
    ]);
    return { tokens: tokens.tokens, clients: clients.clients };
  }, []);

  const create = async (event: FormEvent<HTMLFormElement>) => {
    event.preventDefault();
    const form = new FormData(event.currentTarget);
    const formElement = event.currentTarget;
    try {
      const created = await api<{ token: string }>('POST', '/api/v1/tokens', {
        name: form.get('name'),
        clientId: form.get('clientId') || null,
        scope: form.get('scope') ?? 'read',
      });
      setShown(created.token);
      setError(undefined);
      formElement.reset();
      reload();
    } catch (e) {
      setError(e as ApiError);
    }
  };
  const revoke = async (id: string) => {
    try {
      await api('DELETE', `/api/v1/tokens/${id}`);
      reload();
    } catch (e) {
      setError(e as ApiError);
    }
  };

  return (
    <>
      <h1>API tokens</h1>
      <p className="muted">
        For scripts and automation: send <code>Authorization: Bearer &lt;token&gt;</code>. See the{' '}
        <a href="/api/docs">API reference</a>.
      </p>
      <ErrorBanner error={loadError ?? error} />
      <form onSubmit={(e) => void create(e)} noValidate className="card">
        <Field label="Token name" name="name" required error={error?.fieldMessage('name')} />
        <div className="field">
          <label htmlFor="token-client">Client</label>
          <select id="token-client" name="clientId" defaultValue="">
            <option value="">Every client I can reach</option>
            {data?.clients.map((c) => (
              <option key={c.id} value={c.id}>
                {c.name} only
              </option>
            ))}
          </select>
          {error?.fieldMessage('clientId') && (
            <small className="field-error">{error.fieldMessage('clientId')}</small>
          )}
        </div>
        {user?.role !== 'founder' && (
          <div className="field">
            <label htmlFor="token-scope">Access</label>
            <select id="token-scope" name="scope" defaultValue="read">
              <option value="read">Read only</option>
              <option value="write">Read and change anything I can</option>
              <option value="kpi-readings">KPI readings only (one client&apos;s scripts)</option>
            </select>
            <small className="hint">
              A KPI readings token records readings and reads the KPIs of the client chosen above,
              and nothing else.
            </small>
            {error?.fieldMessage('scope') && (
              <small className="field-error">{error.fieldMessage('scope')}</small>
            )}
          </div>
        )}
        <button type="submit">Create token</button>
      </form>
      {shown && (
        <div className="notice" role="status">
          <p>Copy this token now; Keel stores only a hash and cannot show it again:</p>
          <input
            className="copy"
            readOnly
            value={shown}
            aria-label="New API token"
            onFocus={(e) => e.currentTarget.select()}
          />
        </div>
      )}
      <table>
        <thead>
          <tr>
            <th scope="col">Name</th>
            <th scope="col">Starts with</th>
            <th scope="col">Scope</th>
            <th scope="col">Last used</th>
            <th scope="col">Actions</th>
          </tr>
        </thead>
        <tbody>
          {data?.tokens.map((t) => (
            <tr key={t.id}>
              <td>{t.name}</td>
              <td>
                <code>{t.prefix}…</code>
              </td>
              <td>
                {t.clientId
                  ? (data.clients.find((c) => c.id === t.clientId)?.name ?? 'one client')
                  : 'all clients'}
                , {tokenScopeLabels[t.scope]}
              </td>
              <td>{t.lastUsedAt ? new Date(t.lastUsedAt).toLocaleString() : 'never'}</td>
              <td>
                <button
                  type="button"
                  className="link-button danger"
                  onClick={() => void revoke(t.id)}
                >
                  Revoke
                </button>
              </td>
            </tr>
          ))}
        </tbody>
      </table>
    </>
  );
}
