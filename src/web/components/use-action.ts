/** @module Runs a write (form submit or button) with a busy flag and the API error it returned. */
import { useState } from 'react';
import { ApiError } from '../api.ts';

export function useAction() {
  const [error, setError] = useState<ApiError>();
  const [busy, setBusy] = useState(false);
  const run = async (action: () => Promise<unknown>): Promise<boolean> => {
    setBusy(true);
    try {
      await action();
      setError(undefined);
      return true;
    } catch (e) {
      setError(e instanceof ApiError ? e : new ApiError(0, 'internal', String(e), []));
      return false;
    } finally {
      setBusy(false);
    }
  };
  return { error, busy, run, setError };
}

/** Today as YYYY-MM-DD in the browser's time zone. */
export function localToday(): string {
  const d = new Date();
  return `${d.getFullYear()}-${String(d.getMonth() + 1).padStart(2, '0')}-${String(d.getDate()).padStart(2, '0')}`;
}

/** Lines of a textarea, trimmed, without blanks. */
export function lines(value: string): string[] {
  return value
    .split('\n')
    .map((l) => l.trim())
    .filter(Boolean);
}
