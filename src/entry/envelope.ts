import { ZodError, type z } from 'zod';
import type { Envelope, ResolverError } from '../contract/envelope';
import { rateLimitKind, rateLimitMessage } from '../contract/rate-limit';
import { AppError, Unavailable } from '../app/errors';

/** Field path → message, for BAD_REQUEST details the UI can show beside each field. */
export function fieldErrors(error: ZodError): Record<string, string> {
  const fields: Record<string, string> = {};
  for (const issue of error.issues) {
    const path = issue.path.join('.') || '_';
    fields[path] ??=
      issue.code === 'unrecognized_keys' ? `Unknown field(s): ${issue.keys.join(', ')}.` : issue.message;
  }
  return fields;
}

/** Turns any thrown value into the closed set of envelope errors, once, at the edge. */
export function toResolverError(error: unknown): ResolverError {
  if (error instanceof AppError) {
    return {
      code: error.code,
      message: error.message,
      ...(error.details === undefined ? {} : { details: error.details }),
    };
  }
  if (error instanceof ZodError) {
    return {
      code: 'BAD_REQUEST',
      message: 'The request is not valid.',
      details: { fields: fieldErrors(error) },
    };
  }
  if (
    error instanceof Unavailable &&
    error.service === 'jira' &&
    (error.status === 429 || error.status === 503)
  ) {
    const kind = error.status === 429 ? rateLimitKind(error.rateLimitReason) : 'busy';
    const now = new Date();
    const retryAfterSeconds =
      error.retryAfterSeconds ??
      (kind === 'hourly-quota' ? Math.ceil(3600 - ((now.getTime() / 1000) % 3600)) : 5);
    return {
      code: 'RATE_LIMITED',
      message: rateLimitMessage(kind, retryAfterSeconds, now),
      details: {
        retryAfterSeconds,
        limit: kind,
        retryAt: new Date(now.getTime() + retryAfterSeconds * 1000).toISOString(),
      },
    };
  }
  if (error instanceof Unavailable && error.service === 'storage') {
    return {
      code: 'RATE_LIMITED',
      message: 'Storage is busy right now. Try again in a moment.',
      details: { retryAfterSeconds: 5 },
    };
  }
  console.error('Unexpected resolver error', error);
  return { code: 'INTERNAL', message: 'Something went wrong on our side. Try again, or check the app logs.' };
}

/** Parses `payload` with `schema`; a failure becomes BAD_REQUEST with field details. */
export function parsePayload<S extends z.ZodType>(schema: S, payload: unknown): z.infer<S> {
  return schema.parse(payload);
}

export async function envelope<T>(run: () => Promise<T>): Promise<Envelope<T>> {
  try {
    return { ok: true, data: await run() };
  } catch (error) {
    return { ok: false, error: toResolverError(error) };
  }
}
