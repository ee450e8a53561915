/**
 * @module The web app's API client: JSON in and out, the CSRF token on every write, and one
 * error type carrying the server's code, message and field details.
 */
import type { ErrorBody, ErrorDetail } from '../shared/errors.ts';

let csrfToken = '';

export function setCsrfToken(token: string): void {
  csrfToken = token;
}

export class ApiError extends Error {
  constructor(
    readonly status: number,
    readonly code: string,
    message: string,
    readonly details: ErrorDetail[],
  ) {
    super(message);
  }

  /** The message for one field (`body.email`), for showing beside its input. */
  fieldMessage(field: string): string | undefined {
    return this.details.find(
      (d) => d.path === `body.${field}` || d.path.startsWith(`body.${field}.`),
    )?.message;
  }
}

export async function api<T>(method: string, path: string, body?: unknown): Promise<T> {
  const headers: Record<string, string> = { accept: 'application/json' };
  if (body !== undefined) headers['content-type'] = 'application/json';
  if (method !== 'GET' && csrfToken) headers['x-csrf-token'] = csrfToken;
  let response: Response;
  try {
    response = await fetch(path, {
      method,
      headers,
      credentials: 'same-origin',
      ...(body !== undefined ? { body: JSON.stringify(body) } : {}),
    });
  } catch {
    throw new ApiError(
      0,
      'network',
      'Keel cannot be reached; check your connection and try again',
      [],
    );
  }
  if (response.status === 204) return undefined as T;
  const data = (await response.json().catch(() => undefined)) as unknown;
  if (!response.ok) {
    const error = (data as ErrorBody | undefined)?.error;
    throw new ApiError(
      response.status,
      error?.code ?? 'internal',
      error?.message ?? `request failed (${response.status})`,
      error?.details ?? [],
    );
  }
  return data as T;
}
