/**
 * @module Collects field problems found by a service (dates out of order, unknown ids) and throws
 * them as one 400 with every `details[].path`, the same shape zod validation gives.
 */
import type { ErrorDetail } from '../../shared/errors.ts';
import { AppError } from './app-error.ts';

export class FieldErrors {
  readonly details: ErrorDetail[] = [];

  add(path: string, message: string): this {
    this.details.push({ path, message });
    return this;
  }

  /** Throws a `validation_failed` AppError when any problem was added. */
  throwIfAny(): void {
    const first = this.details[0];
    if (!first) return;
    const more = this.details.length > 1 ? ` (and ${this.details.length - 1} more)` : '';
    throw new AppError('validation_failed', `${first.path}: ${first.message}${more}`, this.details);
  }
}
