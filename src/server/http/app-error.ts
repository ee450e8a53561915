/**
 * @module AppError: the one exception type the HTTP layer turns into a response. Services throw
 * it with a code from the closed set in shared/errors.ts; the status comes from that table.
 */
import { errorStatus, type ErrorCode, type ErrorDetail } from '../../shared/errors.ts';

export class AppError extends Error {
  readonly status: number;

  constructor(
    readonly code: ErrorCode,
    message: string,
    readonly details: ErrorDetail[] = [],
    readonly headers: Record<string, string> = {},
  ) {
    super(message);
    this.name = 'AppError';
    this.status = errorStatus[code];
  }
}

export const notFound = (what = 'resource') => new AppError('not_found', `${what} not found`);
export const forbidden = (message = 'you do not have permission to do this') =>
  new AppError('forbidden', message);
export const conflict = (message: string, details: ErrorDetail[] = []) =>
  new AppError('conflict', message, details);
export const invalid = (path: string, message: string) =>
  new AppError('validation_failed', `${path}: ${message}`, [{ path, message }]);
