import type { ErrorCode } from '../contract/envelope';

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
