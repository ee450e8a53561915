/**
 * @module The one error handler: AppErrors keep their code; Fastify's own errors (bad JSON, body
 * too large, wrong media type) and database errors are mapped to the same codes. Nothing else
 * reaches the client but a generic message: no stack traces, no SQL.
 */
import type { FastifyError, FastifyReply, FastifyRequest } from 'fastify';
import type { ErrorBody, ErrorCode, ErrorDetail } from '../../shared/errors.ts';
import { errorStatus } from '../../shared/errors.ts';
import { redactUrl, type Logger } from '../logger.ts';
import { AppError } from './app-error.ts';

const fastifyCodes: Record<string, [ErrorCode, string]> = {
  FST_ERR_CTP_INVALID_JSON_BODY: ['bad_request', 'the request body is not valid JSON'],
  FST_ERR_CTP_EMPTY_JSON_BODY: ['bad_request', 'the request body is empty; send a JSON object'],
  FST_ERR_CTP_BODY_TOO_LARGE: ['payload_too_large', 'the request body is too large'],
  FST_ERR_CTP_INVALID_MEDIA_TYPE: [
    'unsupported_media_type',
    'send the request body as application/json',
  ],
  FST_ERR_CTP_INVALID_CONTENT_LENGTH: [
    'bad_request',
    'the Content-Length header does not match the body',
  ],
};

const unavailableCodes = new Set([
  'ECONNREFUSED',
  'ECONNRESET',
  'ETIMEDOUT',
  'ENOTFOUND',
  'EPIPE',
  '57P01',
  '57P03',
  '08000',
  '08001',
  '08003',
  '08006',
]);

export function toAppError(error: unknown): AppError | undefined {
  if (error instanceof AppError) return error;
  const e = error as Partial<FastifyError> & { code?: string; message?: string };
  const known = e.code ? fastifyCodes[e.code] : undefined;
  if (known) return new AppError(known[0], known[1]);
  if (error instanceof SyntaxError && e.statusCode === 400) {
    return new AppError('bad_request', 'the request body is not valid JSON');
  }
  const dbCode = e.code ?? (e as { cause?: { code?: string } }).cause?.code;
  if (dbCode === '23505') return new AppError('conflict', 'this already exists', []);
  if (dbCode === '23503')
    return new AppError(
      'conflict',
      'this refers to something that does not exist or is still in use',
    );
  if (dbCode && unavailableCodes.has(dbCode))
    return new AppError('unavailable', 'the database is unavailable; try again shortly', [], {
      'retry-after': '5',
    });
  if (
    typeof e.message === 'string' &&
    /Connection terminated|timeout exceeded when trying to connect|connect ECONNREFUSED/i.test(
      e.message,
    )
  ) {
    return new AppError('unavailable', 'the database is unavailable; try again shortly', [], {
      'retry-after': '5',
    });
  }
  if (typeof e.statusCode === 'number' && e.statusCode >= 400 && e.statusCode < 500) {
    const code = (Object.entries(errorStatus).find(([, s]) => s === e.statusCode)?.[0] ??
      'bad_request') as ErrorCode;
    return new AppError(code, e.message ?? 'bad request');
  }
  return undefined;
}

export function errorBody(
  code: ErrorCode,
  message: string,
  details: ErrorDetail[] = [],
): ErrorBody {
  return { error: { code, message, details } };
}

export function createErrorHandler(logger: Logger) {
  return function handleError(error: unknown, request: FastifyRequest, reply: FastifyReply) {
    const appError = toAppError(error);
    if (appError) {
      if (appError.status >= 500)
        logger.warn(
          { err: error, url: redactUrl(request.url) },
          'request failed: service unavailable',
        );
      void reply
        .status(appError.status)
        .headers(appError.headers)
        .send(errorBody(appError.code, appError.message, appError.details));
      return;
    }
    logger.error(
      { err: error, method: request.method, url: redactUrl(request.url) },
      'unhandled error',
    );
    void reply
      .status(500)
      .send(errorBody('internal', 'something went wrong on our side; the error was logged'));
  };
}
