/**
 * What people read when something fails: the app's own sentences, with dates in the viewer's format,
 * and never a validator's wording ("expected number, received NaN") or a machine code. The wording of
 * validator issues, fields and findings lives in src/contract/words.ts, shared with the server.
 */
import { fieldLabel, isValidatorWording } from '@contract/words';
import { isApiError } from './api';
import { localizeDates } from './dates';

const FALLBACK = 'Something went wrong.';

/** One message for people: dates localised; a validator's own wording replaced. */
export function readable(message: string, fallback = 'This value is not valid.'): string {
  const m = message.trim();
  if (!m) return fallback;
  return isValidatorWording(m) ? fallback : localizeDates(m);
}

/** The readable text of any error thrown by the data layer or the bridge. */
export function errorMessage(error: unknown): string {
  if (isApiError(error)) return readable(error.message, FALLBACK);
  if (error instanceof Error && error.message) return readable(error.message, FALLBACK);
  return FALLBACK;
}

/** Field path → message of a BAD_REQUEST, each readable. */
export function fieldErrorsOf(error: unknown): Record<string, string> {
  if (!isApiError(error)) return {};
  return Object.fromEntries(Object.entries(error.fieldErrors).map(([k, m]) => [k, readable(m)]));
}

/** Field errors no field of the form shows, as sentences (`Integration 2, System: Name the system.`). */
export function otherFieldErrors(errors: Record<string, string>, shown: (path: string) => boolean): string[] {
  return Object.entries(errors)
    .filter(([path]) => !shown(path))
    .map(([path, m]) => (fieldLabel(path) ? `${fieldLabel(path)}: ${m}` : m));
}
