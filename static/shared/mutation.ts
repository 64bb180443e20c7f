/**
 * One way to save: `useMutation` runs a change against the app and handles what every form repeats —
 * the check before the round trip, the pending state, a flag on success and on failure, the server's
 * field errors, and a conflict (someone else saved first: CONFLICT with the current record).
 *
 * e.g.
 *   const save = useMutation({
 *     check: checkWith(retireAccountInput),            // static/shared/field.tsx
 *     run: (input: RetireAccountInput) => adminApi.retireAccount(input),
 *     success: (saved) => ({ title: 'Account retired', description: `${saved.displayName} …` }),
 *     failure: 'The account was not retired',
 *     onSuccess: (saved) => onRetired(saved),
 *   });
 *   <Button isLoading={save.pending} onClick={() => void save.mutate(input)} />
 *   <TextAreaField id="reason" label="Reason" maxLength={…} {...save.bind('reason', reason, setReason)} />
 */
import { useCallback, useRef, useState } from 'react';
import { isApiError, type ApiError } from './api';
import { fieldErrorsOf } from './errors';
import { flags } from './flags';
import type { FieldErrors } from './field';

export interface Conflict {
  message: string;
  /** The record as it is now, when the server sent it. */
  current?: unknown;
}

export interface MutationOptions<I, R> {
  run: (input: I) => Promise<R>;
  /** The contract's check before the round trip (`checkWith(schema)`); field errors stop the call. */
  check?: ((input: I) => FieldErrors | undefined) | undefined;
  /** The success flag (none when undefined). */
  success?: ((result: R, input: I) => { title: string; description?: string } | undefined) | undefined;
  /** The failure flag's title; the error's own words are its description. */
  failure: string;
  onSuccess?: ((result: R, input: I) => void) | undefined;
  /** Someone else changed the record first; by default the conflict is kept for the form to show. */
  onConflict?: ((error: ApiError) => void) | undefined;
  /** After any failure (to scroll to the problem, say). */
  onFailure?: ((error: unknown) => void) | undefined;
}

export interface BoundField {
  value: string;
  error: string | undefined;
  onChange: (value: string) => void;
}

export interface Mutation<I, R> {
  /** Runs the change; resolves with the result, or undefined when it was stopped or failed. */
  mutate: (input: I) => Promise<R | undefined>;
  pending: boolean;
  /** Field path → message, from the check or from the server's BAD_REQUEST. */
  fieldErrors: FieldErrors;
  setFieldErrors: (errors: FieldErrors) => void;
  /** Drops one field's error: the person is fixing it. */
  clearFieldError: (path: string) => void;
  /**
   * A text field's props bound to this change: its value, its error, and typing that clears the error.
   * `<TextAreaField … {...save.bind('comment', comment, setComment)} />`
   */
  bind: (path: string, value: string, set: (value: string) => void) => BoundField;
  /** The last failure other than a conflict. */
  error: unknown;
  conflict: Conflict | null;
  reset: () => void;
}

export function useMutation<I, R>(options: MutationOptions<I, R>): Mutation<I, R> {
  const [pending, setPending] = useState(false);
  const [fieldErrors, setFieldErrors] = useState<FieldErrors>({});
  const [error, setError] = useState<unknown>(undefined);
  const [conflict, setConflict] = useState<Conflict | null>(null);
  const opts = useRef(options);
  opts.current = options;
  const inFlight = useRef(false);

  const reset = useCallback(() => {
    setFieldErrors({});
    setError(undefined);
    setConflict(null);
  }, []);

  const clearFieldError = useCallback((path: string) => {
    setFieldErrors((prev) => {
      if (!(path in prev)) return prev;
      const next = { ...prev };
      delete next[path];
      return next;
    });
  }, []);

  const mutate = useCallback(async (input: I): Promise<R | undefined> => {
    if (inFlight.current) return undefined;
    const o = opts.current;
    setError(undefined);
    setConflict(null);
    const problems = o.check?.(input);
    if (problems && Object.keys(problems).length) {
      setFieldErrors(problems);
      o.onFailure?.(undefined);
      return undefined;
    }
    setFieldErrors({});
    inFlight.current = true;
    setPending(true);
    try {
      const result = await o.run(input);
      const flag = o.success?.(result, input);
      if (flag) flags.success(flag.title, flag.description);
      o.onSuccess?.(result, input);
      return result;
    } catch (e) {
      if (isApiError(e) && e.code === 'CONFLICT') {
        flags.error(`${o.failure}: someone else changed it first`, e);
        if (o.onConflict) o.onConflict(e);
        else setConflict({ message: e.message, current: e.conflictCurrent() });
      } else {
        const fields = fieldErrorsOf(e);
        if (Object.keys(fields).length) setFieldErrors(fields);
        setError(e);
        flags.error(o.failure, e);
      }
      o.onFailure?.(e);
      return undefined;
    } finally {
      inFlight.current = false;
      setPending(false);
    }
  }, []);

  const bind = (path: string, value: string, set: (value: string) => void): BoundField => ({
    value,
    error: fieldErrors[path],
    onChange: (v) => {
      set(v);
      clearFieldError(path);
    },
  });

  return { mutate, pending, fieldErrors, setFieldErrors, clearFieldError, bind, error, conflict, reset };
}
