/** @module First run: create the owner account. */
import { useState, type FormEvent } from 'react';
import type { SessionResponse } from '../../shared/api.ts';
import type { ApiError } from '../api.ts';
import { api } from '../api.ts';
import { ErrorBanner, Field } from '../components/form.tsx';
import { useSignIn } from '../session.tsx';

export function SetupPage({ onDone }: { onDone: () => void }) {
  const signIn = useSignIn();
  const [error, setError] = useState<ApiError>();
  const [busy, setBusy] = useState(false);

  const submit = async (event: FormEvent<HTMLFormElement>) => {
    event.preventDefault();
    const form = new FormData(event.currentTarget);
    setBusy(true);
    try {
      const session = await api<SessionResponse>('POST', '/api/v1/setup', {
        name: form.get('name'),
        email: form.get('email'),
        password: form.get('password'),
      });
      signIn(session);
      onDone();
    } catch (e) {
      setError(e as ApiError);
    } finally {
      setBusy(false);
    }
  };

  return (
    <main id="main" className="narrow">
      <h1>Welcome to Keel</h1>
      <p>
        Create the owner account: you, the fractional CTO. You can invite engineers and founders
        afterwards.
      </p>
      <form onSubmit={(e) => void submit(e)} noValidate>
        <ErrorBanner error={error} />
        <Field
          label="Your name"
          name="name"
          autoComplete="name"
          required
          error={error?.fieldMessage('name')}
        />
        <Field
          label="Email"
          name="email"
          type="email"
          autoComplete="email"
          required
          error={error?.fieldMessage('email')}
        />
        <Field
          label="Password"
          name="password"
          type="password"
          autoComplete="new-password"
          required
          minLength={10}
          hint="At least 10 characters."
          error={error?.fieldMessage('password')}
        />
        <button type="submit" disabled={busy}>
          Create owner account
        </button>
      </form>
    </main>
  );
}
