import { Unavailable } from '../app/errors';
import { JiraError } from './jira-client';
import { isStorageRateLimited } from './kvs-errors';

/**
 * The app's error for what an adapter threw: Jira's 429 and 5xx, and storage throttling, become
 * `Unavailable`; everything else (app errors, bugs) is passed on as it is.
 */
export function toAppError(e: unknown): unknown {
  if (e instanceof JiraError && (e.status === 429 || e.status >= 500))
    return new Unavailable('jira', e.status, e.message, e.retryAfterSeconds, e.rateLimitReason);
  if (isStorageRateLimited(e))
    return new Unavailable('storage', 429, e instanceof Error ? e.message : 'Storage is rate limited.');
  return e;
}

/** Runs `call`, turning what it throws (or its promise rejects with) into an app error. */
function translating(call: () => unknown): unknown {
  let result: unknown;
  try {
    result = call();
  } catch (e) {
    throw toAppError(e);
  }
  return result instanceof Promise
    ? result.catch((e: unknown) => {
        throw toAppError(e);
      })
    : result;
}

/**
 * An adapter as the app receives it: each of its methods throws app errors only. A proxy, so the
 * method is looked up at each call (a test's spy on the adapter is seen).
 */
function adapter<T extends object>(target: T): T {
  return new Proxy(target, {
    get(t, property, receiver) {
      const value: unknown = Reflect.get(t, property, receiver);
      if (typeof value !== 'function') return value;
      return (...args: unknown[]) =>
        translating(() => Reflect.apply(value as (...a: unknown[]) => unknown, t, args));
    },
  });
}

/** Every port of `deps` (adapter objects and functions) throwing app errors only. */
export function withAppErrors<T extends object>(deps: T): T {
  const out: Record<string, unknown> = {};
  for (const [name, port] of Object.entries(deps) as [string, unknown][]) {
    out[name] =
      typeof port === 'function'
        ? (...args: unknown[]) =>
            translating(() => Reflect.apply(port as (...a: unknown[]) => unknown, undefined, args))
        : typeof port === 'object' && port !== null
          ? adapter(port)
          : port;
  }
  return out as T;
}
