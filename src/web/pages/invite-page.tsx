/** @module Accept an invitation: the token comes in the link's fragment (never sent to servers). */
import { useEffect, useState, type FormEvent } from 'react';
import type { SessionResponse } from '../../shared/api.ts';
import type { ApiError } from '../api.ts';
import { api } from '../api.ts';
import { ErrorBanner, Field } from '../components/form.tsx';
import { useSignIn } from '../session.tsx';

interface InviteInfo {
  email: string;
  role: 'member' | 'founder';
  clientNames: string[];
}

export function InvitePage() {
  const token = new URLSearchParams(window.location.hash.slice(1)).get('token') ?? '';
  const signIn = useSignIn();
  const [info, setInfo] = useState<InviteInfo>();
  const [error, setError] = useState<ApiError>();

  useEffect(() => {
    api<InviteInfo>('POST', '/api/v1/invites/inspect', { token }).then(setInfo, (e: ApiError) =>
      setError(e),
    );
  }, [token]);

  const submit = async (event: FormEvent<HTMLFormElement>) => {
    event.preventDefault();
    const form = new FormData(event.currentTarget);
    try {
      const session = await api<SessionResponse>('POST', '/api/v1/invites/accept', {
        token,
        name: form.get('name'),
        password: form.get('password'),
      });
      window.history.replaceState(null, '', '/');
      signIn(session);
    } catch (e) {
      setError(e as ApiError);
    }
  };

  return (
    <main id="main" className="narrow">
      <h1>Join Keel</h1>
      {!info && !error && <p>Checking your invitation…</p>}
      <ErrorBanner error={error} />
      {info && (
        <form onSubmit={(e) => void submit(e)} noValidate>
          <p>
            You are invited as <strong>{info.role}</strong> ({info.email})
            {info.clientNames.length > 0 && <> for {info.clientNames.join(', ')}</>}.
          </p>
          <Field
            label="Your name"
            name="name"
            autoComplete="name"
            required
            error={error?.fieldMessage('name')}
          />
          <Field
            label="Choose a password"
            name="password"
            type="password"
            autoComplete="new-password"
            required
            hint="At least 10 characters."
            error={error?.fieldMessage('password')}
          />
          <button type="submit">Create my account</button>
        </form>
      )}
    </main>
  );
}
