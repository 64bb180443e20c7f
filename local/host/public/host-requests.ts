/**
 * The bridge calls that leave the page: `invoke` (the local resolver endpoint, as the acting user),
 * `fetchProduct` (`requestJira`, the local Jira REST API as the acting user) and navigation.
 */
import { config, type Frame } from './host-frames';

export class BridgeError extends Error {}

async function readError(response: Response): Promise<string> {
  const text = await response.text();
  try {
    const body = JSON.parse(text) as { message?: unknown; error?: unknown };
    if (typeof body.message === 'string') return body.message;
    if (typeof body.error === 'string') return body.error;
    if (
      body.error &&
      typeof body.error === 'object' &&
      typeof (body.error as { message?: unknown }).message === 'string'
    ) {
      return (body.error as { message: string }).message;
    }
  } catch {
    /* not JSON */
  }
  return text || `${response.status} ${response.statusText}`;
}

export async function invoke(frame: Frame, payload: unknown): Promise<unknown> {
  const {
    functionKey,
    payload: body,
    metadata,
  } = (payload ?? {}) as { functionKey?: unknown; payload?: unknown; metadata?: unknown };
  if (typeof functionKey !== 'string') throw new BridgeError('invoke: functionKey must be a string');
  const response = await fetch('/__local/invoke', {
    method: 'POST',
    credentials: 'same-origin',
    headers: { 'content-type': 'application/json', accept: 'application/json' },
    body: JSON.stringify({
      moduleKey: frame.ext.moduleKey,
      functionKey,
      payload: body ?? {},
      extension: frame.ext.context.extension,
      as: config.user.email,
    }),
  });
  if (!response.ok) {
    throw new BridgeError(`There was an error invoking the function - ${await readError(response)}`);
  }
  const text = await response.text();
  const value: unknown = text ? JSON.parse(text) : undefined;
  return metadata ? { body: value, metadata: {} } : value;
}

export async function fetchProduct(payload: unknown): Promise<unknown> {
  const { product, restPath, fetchRequestInit } = (payload ?? {}) as {
    product?: string;
    restPath?: string;
    fetchRequestInit?: { method?: string; headers?: [string, string][]; body?: string | null };
  };
  if (product !== 'jira')
    throw new BridgeError(`requestJira: the local site only serves Jira (asked for '${String(product)}')`);
  if (typeof restPath !== 'string' || !restPath.startsWith('/'))
    throw new BridgeError('requestJira: the path must start with /');
  const headers = new Headers(fetchRequestInit?.headers ?? []);
  headers.set('authorization', `Basic ${btoa(`${config.user.email}:local-dev-token`)}`);
  const response = await fetch(restPath, {
    method: fetchRequestInit?.method ?? 'GET',
    headers,
    body: fetchRequestInit?.body ?? null,
    credentials: 'omit',
  });
  const responseHeaders: Record<string, string> = {};
  response.headers.forEach((value, key) => {
    responseHeaders[key] = value;
  });
  return {
    body: await response.text(),
    headers: responseHeaders,
    status: response.status,
    statusText: response.statusText,
    isAttachment: false,
  };
}

export interface NavigationLocation {
  url?: string;
  target?: string;
  type?: 'same-tab' | 'new-tab';
  [key: string]: unknown;
}

export function urlFor(location: NavigationLocation): string {
  if (typeof location.url === 'string') return new URL(location.url, window.location.href).toString();
  const s = (v: unknown): string =>
    encodeURIComponent(typeof v === 'string' || typeof v === 'number' ? String(v) : '');
  switch (location.target) {
    case 'module': {
      const base = config.moduleUrls[String(location.moduleKey)];
      if (!base)
        throw new BridgeError(`navigate: no page module '${String(location.moduleKey)}' in this app`);
      const page = typeof location.pageKey === 'string' ? `/${location.pageKey}` : '';
      return new URL(`${base}${page}`, window.location.href).toString();
    }
    case 'issue':
      return new URL(`/browse/${s(location.issueKey)}`, window.location.href).toString();
    case 'userProfile':
      return new URL(`/jira/people/${s(location.accountId)}`, window.location.href).toString();
    case 'dashboard':
      return new URL(`/jira/dashboards/${s(location.dashboardId)}`, window.location.href).toString();
    case 'projectSettingsDetails':
      return new URL(
        `/jira/software/projects/${s(location.projectKey)}/settings/details`,
        window.location.href,
      ).toString();
    default:
      throw new BridgeError(
        `navigate: the target '${String(location.target)}' is not available on the local site`,
      );
  }
}

export function navigate(payload: unknown): void {
  const location = (payload ?? {}) as NavigationLocation;
  const url = urlFor(location);
  if (location.type === 'new-tab') {
    window.open(url, '_blank', 'noopener,noreferrer');
    return;
  }
  window.location.assign(url);
}
