import { isApiError } from './api';

/** The readable text of any error thrown by the data layer or the bridge. */
export function errorMessage(error: unknown): string {
  if (isApiError(error)) return error.message;
  if (error instanceof Error && error.message) return error.message;
  return 'Something went wrong.';
}
