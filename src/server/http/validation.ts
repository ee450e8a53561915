/** @module zod validation of params, query and body into AppErrors with field paths. */
import type { z } from 'zod';
import { AppError } from './app-error.ts';

export function validate<S extends z.ZodType>(
  schema: S,
  value: unknown,
  where: 'params' | 'query' | 'body',
): z.output<S> {
  const result = schema.safeParse(value);
  if (result.success) return result.data;
  const details = result.error.issues.map((issue) => {
    const keys = issue.code === 'unrecognized_keys' ? issue.keys : [];
    const base = [where, ...issue.path.map(String)].join('.');
    if (keys.length > 0) {
      return {
        path: base,
        message: `unknown field${keys.length > 1 ? 's' : ''}: ${keys.join(', ')}`,
      };
    }
    return { path: base, message: issue.message };
  });
  const first = details[0];
  const summary = first ? `${first.path}: ${first.message}` : `invalid ${where}`;
  const more = details.length > 1 ? ` (and ${details.length - 1} more)` : '';
  throw new AppError('validation_failed', `${summary}${more}`, details);
}
