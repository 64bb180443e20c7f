/**
 * The typed data layer between the Custom UI and the app's resolvers.
 *
 * One function per resolver key. Each calls `invoke` from `@forge/bridge`, checks the resolver
 * envelope (`{ok:true,data} | {ok:false,error}`) and either returns `data` or throws an `ApiError`
 * carrying the resolver's error code. Components never call `invoke` themselves.
 */
import { invoke } from '@forge/bridge';
import type { Envelope, ErrorCode, ResolverError } from '@contract/envelope';
import { ADMIN_KEYS } from '@contract/resolver-keys';
import type { SiteUsersInput, SiteUsersPage } from '@contract/site-users';

/** The resolver's own codes, plus `UNAVAILABLE` when the call never produced an envelope. */
export type ApiErrorCode = ErrorCode | 'UNAVAILABLE';

export class ApiError extends Error {
  override readonly name = 'ApiError';
  constructor(
    readonly code: ApiErrorCode,
    message: string,
    readonly details?: unknown,
  ) {
    super(message);
  }

  get isForbidden(): boolean {
    return this.code === 'FORBIDDEN';
  }
}

export function isApiError(e: unknown): e is ApiError {
  return e instanceof ApiError;
}

function isResolverError(v: unknown): v is ResolverError {
  if (typeof v !== 'object' || v === null) return false;
  const e = v as Record<string, unknown>;
  return typeof e.code === 'string' && typeof e.message === 'string';
}

/** Narrows an unknown `invoke` result to the envelope, or says why it is not one. */
export function unwrapEnvelope<T>(result: unknown): T {
  if (typeof result === 'object' && result !== null && 'ok' in result) {
    const env = result as Envelope<T>;
    if (env.ok === true && 'data' in env) return env.data;
    if (env.ok === false && isResolverError(env.error)) {
      throw new ApiError(env.error.code, env.error.message, env.error.details);
    }
  }
  throw new ApiError('INTERNAL', 'The app returned a response it could not read.');
}

async function call<T>(key: string, payload: Record<string, unknown>): Promise<T> {
  let result: unknown;
  try {
    result = await invoke(key, payload);
  } catch (e) {
    const reason = e instanceof Error && e.message ? e.message : String(e);
    throw new ApiError('UNAVAILABLE', `The app could not be reached: ${reason}`);
  }
  return unwrapEnvelope<T>(result);
}

/** Drops `undefined` fields so the payload is exactly what the resolver's strict schema accepts. */
function compact<T extends object>(input: T): Record<string, unknown> {
  return Object.fromEntries(Object.entries(input).filter(([, v]) => v !== undefined));
}

export const adminApi = {
  /** Who is looking, the app's settings and one page of the site's users. */
  siteUsers(input: SiteUsersInput = {}): Promise<SiteUsersPage> {
    return call<SiteUsersPage>(ADMIN_KEYS.siteUsers, compact(input));
  },
};
