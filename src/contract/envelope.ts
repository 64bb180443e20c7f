/** The closed set of error codes a resolver may return (DESIGN.md §3). */
export const ERROR_CODES = [
  'BAD_REQUEST',
  'FORBIDDEN',
  'NOT_FOUND',
  'CONFLICT',
  'RATE_LIMITED',
  'INTERNAL',
] as const;
export type ErrorCode = (typeof ERROR_CODES)[number];

export interface ResolverError {
  code: ErrorCode;
  message: string;
  /** Field-level messages for BAD_REQUEST, the current record for CONFLICT, and so on. */
  details?: unknown;
}

/** What every resolver returns across `invoke`: no raw exception ever crosses it. */
export type Envelope<T> = { ok: true; data: T } | { ok: false; error: ResolverError };
