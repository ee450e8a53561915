/** @module Loads data for a page, with loading and error states and a reload function. */
import { useCallback, useEffect, useState } from 'react';
import { ApiError } from './api.ts';

export function useLoad<T>(load: () => Promise<T>, deps: unknown[]) {
  const [data, setData] = useState<T | undefined>();
  const [error, setError] = useState<ApiError | undefined>();
  // eslint-disable-next-line react-hooks/exhaustive-deps
  const run = useCallback(load, deps);
  const reload = useCallback(() => {
    run().then(
      (value) => {
        setData(value);
        setError(undefined);
      },
      (e: unknown) =>
        setError(e instanceof ApiError ? e : new ApiError(0, 'internal', String(e), [])),
    );
  }, [run]);
  useEffect(reload, [reload]);
  return { data, error, reload };
}
