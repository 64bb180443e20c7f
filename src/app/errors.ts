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

/**
 * Jira or Forge storage cannot answer now (Jira 429 or 5xx, storage throttling): worth trying again
 * later. The infra adapters throw it (src/infra/app-errors.ts), never their own error types; entry maps
 * it once — to RATE_LIMITED for a resolver, to the `unavailable` output for a webtrigger. Not an
 * `AppError`: a use case that turns expected failures into per-item results lets this one through.
 */
export class Unavailable extends Error {
  constructor(
    readonly service: 'jira' | 'storage',
    /** The HTTP status the service answered (429 for storage throttling). */
    readonly status: number,
    message: string,
    /** The service's `Retry-After`, in seconds, when it gave one. */
    readonly retryAfterSeconds?: number,
    /** Jira's `RateLimit-Reason` (e.g. `jira-quota-global-based`), when it gave one. */
    readonly rateLimitReason?: string,
  ) {
    super(message);
    this.name = 'Unavailable';
  }
}
