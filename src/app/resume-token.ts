/**
 * Where a long operation continues (an export's next chunk, an audit verification's next range),
 * carried by the client as base64url JSON and checked against its schema when it comes back.
 */
import type { z } from 'zod';
import { AppError } from './errors';

export const encodeResume = (value: unknown): string =>
  Buffer.from(JSON.stringify(value)).toString('base64url');

/**
 * The value a resume token carries; a token that is not one (malformed, edited, from an older version)
 * is a BAD_REQUEST with the given message and field message, in people's words.
 */
export function decodeResume<S extends z.ZodType>(
  raw: string,
  schema: S,
  refused: { message: string; field: string; fieldMessage: string },
): z.infer<S> {
  let value: unknown;
  try {
    value = JSON.parse(Buffer.from(raw, 'base64url').toString());
  } catch {
    value = undefined;
  }
  const parsed = schema.safeParse(value);
  if (parsed.success) return parsed.data;
  throw new AppError('BAD_REQUEST', refused.message, { fields: { [refused.field]: refused.fieldMessage } });
}
