/** @module Your account: change your password. */
import { useState, type FormEvent } from 'react';
import { api, type ApiError } from '../api.ts';
import { ErrorBanner, Field } from '../components/form.tsx';
import { useSession } from '../session.tsx';

export function AccountPage() {
  const { user } = useSession();
  const [error, setError] = useState<ApiError>();
  const [saved, setSaved] = useState(false);

  const submit = async (event: FormEvent<HTMLFormElement>) => {
    event.preventDefault();
    const form = new FormData(event.currentTarget);
    const formElement = event.currentTarget;
    try {
      await api('POST', '/api/v1/account/password', {
        currentPassword: form.get('currentPassword'),
        newPassword: form.get('newPassword'),
      });
      setSaved(true);
      setError(undefined);
      formElement.reset();
    } catch (e) {
      setError(e as ApiError);
      setSaved(false);
    }
  };

  return (
    <div className="narrow">
      <h1>Your account</h1>
      <p>
        {user?.name} · {user?.email} · {user?.role}
      </p>
      <form onSubmit={(e) => void submit(e)} noValidate className="card">
        <h2>Change password</h2>
        <ErrorBanner error={error} />
        {saved && <p role="status">Password changed.</p>}
        <Field
          label="Current password"
          name="currentPassword"
          type="password"
          autoComplete="current-password"
          error={error?.fieldMessage('currentPassword')}
        />
        <Field
          label="New password"
          name="newPassword"
          type="password"
          autoComplete="new-password"
          hint="At least 10 characters."
          error={error?.fieldMessage('newPassword')}
        />
        <button type="submit">Change password</button>
      </form>
    </div>
  );
}
