import type { ErrorCode } from '../contract/envelope';
import type { FieldErrors } from '../domain/registration';

/** An expected failure of a use case, carrying the envelope code it maps to. */
export class AppError extends Error {
  constructor(
    readonly code: ErrorCode,
    message: string,
    readonly details?: unknown,
  ) {
    super(message);
    this.name = 'AppError';
  }
}

export const forbidden = (message = 'You need to be a Jira administrator to do this.') =>
  new AppError('FORBIDDEN', message);

export const notFound = (message: string) => new AppError('NOT_FOUND', message);

/** BAD_REQUEST with field-level messages (`details.fields`), the same shape schema errors have. */
export const invalid = (fields: FieldErrors, message = 'Some fields need attention.') =>
  new AppError('BAD_REQUEST', message, { fields });

export const conflict = (message: string, current: unknown) => new AppError('CONFLICT', message, { current });
