/** Shared types and helpers of the simulator's operation handlers. */
import type { JiraSite } from './jira-site';
import { errorCollection } from './representations';
import type { SeedUser } from './seed';

export interface RouteContext {
  site: JiraSite;
  /** The authenticated, active caller. */
  caller: SeedUser;
  url: URL;
  /** Origin for `self` links. */
  base: string;
  /** Decoded path parameters, in template order. */
  params: string[];
  /** Parsed JSON body (POST), if any. */
  body: unknown;
}

export interface Reply {
  status: number;
  body?: unknown;
}

export interface Route {
  method: 'GET' | 'POST';
  /** Path under /rest/api/3 as in the OpenAPI document, e.g. `/issue/{issueIdOrKey}/notify`. */
  template: string;
  handler(ctx: RouteContext): Reply | Promise<Reply>;
  pattern?: RegExp;
}

export function fail(status: number, message: string | string[], errors: Record<string, string> = {}): Reply {
  return { status, body: errorCollection(Array.isArray(message) ? message : [message], errors) };
}

/**
 * An integer query parameter: the default when absent, `undefined` when it is not a whole number
 * ≥ `min` (callers answer 400 where the operation declares it).
 */
export function intParam(url: URL, name: string, fallback: number, min = 0): number | undefined {
  const raw = url.searchParams.get(name);
  if (raw === null || raw === '') return fallback;
  if (!/^-?\d+$/.test(raw)) return undefined;
  const value = Number(raw);
  return value >= min ? value : undefined;
}

/** `a,b` and repeated `x=a&x=b` both give `[a, b]` (Jira accepts both for list parameters). */
export function listParam(url: URL, name: string): string[] {
  return url.searchParams
    .getAll(name)
    .flatMap((v) => v.split(','))
    .map((v) => v.trim())
    .filter(Boolean);
}

export function isRecord(value: unknown): value is Record<string, unknown> {
  return typeof value === 'object' && value !== null && !Array.isArray(value);
}

/** A `PageBean…`: `self`, `nextPage` (only when there is more), `maxResults`, `startAt`, `total`, `isLast`, `values`. */
export function pageBean<T>(
  url: URL,
  base: string,
  all: T[],
  startAt: number,
  maxResults: number,
  render: (item: T) => unknown,
): Record<string, unknown> {
  const values = all.slice(startAt, startAt + maxResults);
  const isLast = startAt + values.length >= all.length;
  const link = (start: number): string => {
    const next = new URL(url.pathname + url.search, base);
    next.searchParams.set('startAt', String(start));
    next.searchParams.set('maxResults', String(maxResults));
    return next.toString();
  };
  const page: Record<string, unknown> = { self: link(startAt) };
  if (!isLast) page.nextPage = link(startAt + maxResults);
  Object.assign(page, { maxResults, startAt, total: all.length, isLast, values: values.map(render) });
  return page;
}
