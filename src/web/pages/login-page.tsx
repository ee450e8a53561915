/** @module Sign in with email and password. */
import { useState, type FormEvent } from 'react';
import type { SessionResponse } from '../../shared/api.ts';
import type { ApiError } from '../api.ts';
import { api } from '../api.ts';
import { ErrorBanner, Field } from '../components/form.tsx';
import { useSignIn } from '../session.tsx';

export function LoginPage() {
  const signIn = useSignIn();
  const [error, setError] = useState<ApiError>();
  const [busy, setBusy] = useState(false);

  const submit = async (event: FormEvent<HTMLFormElement>) => {
    event.preventDefault();
    const form = new FormData(event.currentTarget);
    setBusy(true);
    try {
      const session = await api<SessionResponse>('POST', '/api/v1/auth/login', {
        email: form.get('email'),
        password: form.get('password'),
      });
      signIn(session);
    } catch (e) {
      setError(e as ApiError);
    } finally {
      setBusy(false);
    }
  };

  return (
    <main id="main" className="narrow">
      <h1>Sign in to Keel</h1>
      <form onSubmit={(e) => void submit(e)} noValidate>
        <ErrorBanner error={error} />
        <Field label="Email" name="email" type="email" autoComplete="username" required />
        <Field
          label="Password"
          name="password"
          type="password"
          autoComplete="current-password"
          required
        />
        <button type="submit" disabled={busy}>
          Sign in
        </button>
      </form>
      <p className="muted">
        Forgot your password? Ask the owner, or run <code>keel user reset-password EMAIL</code> on
        the server.
      </p>
    </main>
  );
}
