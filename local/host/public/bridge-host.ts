/**
 * The shell side of the local Forge bridge (`/__local/bridge/host.js`), loaded by the Jira-like
 * pages around Custom UI iframes. Answers each iframe's `callBridge` requests:
 *
 *   invoke            → POST /__local/invoke {moduleKey, functionKey, payload, extension, as}
 *   getContext        → the Forge context of the acting user and module
 *   fetchProduct      → the local Jira REST API, as the acting user (requestJira)
 *   showFlag/closeFlag, navigate/getUrl/reload/open, createHistory (+ URL sync),
 *   enableTheming, changeWindowTitle, emitReadyEvent
 *
 * and anything else is rejected with a message naming the call. Also drives the shell's own
 * controls: the "acting as" switcher, the light/dark toggle, subpage links.
 */
import type {
  AppLocation,
  BridgeCall,
  BridgeResult,
  ClientEvent,
  HostEvent,
  ShellConfig,
  ShellExtension,
  ThemeAttributes,
  WireFlag,
} from './protocol';

const configElement = document.getElementById('forge-local-shell');
const config = (
  configElement ? JSON.parse(configElement.textContent ?? '{}') : { extensions: [] }
) as ShellConfig;
/** The frames' origin (the local Forge CDN): never the shell's own. */
const frameOrigin = config.cdnOrigin;
const FLAG_AUTO_DISMISS_MS = 8000;

interface Frame {
  ext: ShellExtension;
  iframe: HTMLIFrameElement;
}

function frames(): Frame[] {
  const list: Frame[] = [];
  for (const ext of config.extensions ?? []) {
    const iframe = document.querySelector<HTMLIFrameElement>(
      `iframe[data-forge-frame="${CSS.escape(ext.frameId)}"]`,
    );
    if (iframe) list.push({ ext, iframe });
  }
  return list;
}

function frameOf(source: MessageEventSource | null): Frame | undefined {
  return frames().find((f) => f.iframe.contentWindow === source);
}

function postTo(frame: Frame, message: BridgeResult | HostEvent): void {
  frame.iframe.contentWindow?.postMessage(message, frameOrigin);
}

// ------------------------------------------------------------------ app locations ↔ shell URLs

function appLocation(ext: ShellExtension): AppLocation {
  const path = window.location.pathname;
  const sub = path.startsWith(ext.basePath) ? path.slice(ext.basePath.length) : '';
  const params = new URLSearchParams(window.location.search);
  params.delete('as');
  params.delete('theme');
  const search = params.toString();
  return {
    pathname: sub && sub !== '/' ? (sub.startsWith('/') ? sub : `/${sub}`) : '/',
    search: search ? `?${search}` : '',
    hash: window.location.hash,
  };
}

function shellUrl(ext: ShellExtension, location: AppLocation): string {
  const pathname = location.pathname === '/' || !location.pathname ? '' : location.pathname;
  return `${ext.basePath}${pathname}${location.search ?? ''}${location.hash ?? ''}`;
}

window.addEventListener('popstate', () => {
  for (const frame of frames())
    postTo(frame, { forgeLocal: 1, kind: 'event', type: 'history', location: appLocation(frame.ext) });
});

// ------------------------------------------------------------------ bridge calls

class BridgeError extends Error {}

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

async function invoke(frame: Frame, payload: unknown): Promise<unknown> {
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

async function fetchProduct(payload: unknown): Promise<unknown> {
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

interface NavigationLocation {
  url?: string;
  target?: string;
  type?: 'same-tab' | 'new-tab';
  [key: string]: unknown;
}

function urlFor(location: NavigationLocation): string {
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

function navigate(payload: unknown): void {
  const location = (payload ?? {}) as NavigationLocation;
  const url = urlFor(location);
  if (location.type === 'new-tab') {
    window.open(url, '_blank', 'noopener,noreferrer');
    return;
  }
  window.location.assign(url);
}

function handle(frame: Frame, name: string, payload: unknown): unknown {
  switch (name) {
    case 'invoke':
      return invoke(frame, payload);
    case 'getContext':
      return {
        ...frame.ext.context,
        theme: { ...(frame.ext.context.theme as object), colorMode: currentColorMode() },
      };
    case 'fetchProduct':
      return fetchProduct(payload);
    case 'showFlag':
      showFlag(frame, payload as WireFlag);
      return true;
    case 'closeFlag':
      return closeFlag(String((payload as { id?: unknown } | undefined)?.id));
    case 'navigate':
      return navigate(payload);
    case 'getUrl':
      return urlFor((payload ?? {}) as NavigationLocation);
    case 'reload':
      window.location.reload();
      return undefined;
    case 'open':
      throw new BridgeError(
        "view.open is only available to modules that open in a modal; this module doesn't",
      );
    case 'createHistory':
      return appLocation(frame.ext);
    case 'enableTheming':
      frame.iframe.dataset.theming = 'on';
      return themeAttributes(currentColorMode());
    case 'changeWindowTitle':
      document.title = `${typeof payload === 'string' ? payload : ''} - ${config.siteName}`;
      return undefined;
    case 'emitReadyEvent':
      return undefined;
    default:
      throw new BridgeError(`The bridge call '${name}' is not supported by the local Forge site.`);
  }
}

window.addEventListener('message', (event: MessageEvent) => {
  if (event.origin !== frameOrigin) return;
  const frame = frameOf(event.source);
  if (!frame) return;
  const data = event.data as BridgeCall | ClientEvent | undefined;
  if (!data || data.forgeLocal !== 1) return;
  if (data.kind === 'call') {
    const { id, name } = data;
    Promise.resolve()
      .then(() => handle(frame, name, data.payload))
      .then(
        (value) => postTo(frame, { forgeLocal: 1, kind: 'result', id, ok: true, value }),
        (e: unknown) =>
          postTo(frame, {
            forgeLocal: 1,
            kind: 'result',
            id,
            ok: false,
            error: e instanceof Error ? e.message : String(e),
          }),
      );
    return;
  }
  if (data.type === 'resize') {
    if (frame.ext.autoHeight && Number.isFinite(data.height))
      frame.iframe.style.height = `${Math.max(0, data.height)}px`;
  } else if (data.type === 'history') {
    const url = shellUrl(frame.ext, data.location);
    if (data.action === 'PUSH') window.history.pushState(null, '', url);
    else window.history.replaceState(null, '', url);
    markCurrentNav();
  } else if (data.type === 'go') {
    window.history.go(data.delta);
  }
});

// ------------------------------------------------------------------ theme

function currentColorMode(): 'light' | 'dark' {
  return document.documentElement.getAttribute('data-color-mode') === 'dark' ? 'dark' : 'light';
}

function themeAttributes(colorMode: 'light' | 'dark'): ThemeAttributes {
  return { colorMode, dataTheme: config.theme.dataTheme, stylesheets: config.theme.stylesheets };
}

function setColorMode(mode: 'light' | 'dark'): void {
  document.documentElement.setAttribute('data-color-mode', mode);
  document.cookie = `forge-local-theme=${mode}; Path=/; SameSite=Lax; Max-Age=31536000`;
  const toggle = document.getElementById('theme-toggle');
  if (toggle) {
    toggle.setAttribute('aria-pressed', String(mode === 'dark'));
    toggle.setAttribute('title', mode === 'dark' ? 'Switch to light theme' : 'Switch to dark theme');
  }
  for (const frame of frames()) {
    if (frame.iframe.dataset.theming === 'on')
      postTo(frame, { forgeLocal: 1, kind: 'event', type: 'theme', colorMode: mode });
  }
}

document.getElementById('theme-toggle')?.addEventListener('click', () => {
  setColorMode(currentColorMode() === 'dark' ? 'light' : 'dark');
});

// ------------------------------------------------------------------ acting as

const switcher = document.getElementById('acting-as') as HTMLSelectElement | null;
switcher?.addEventListener('change', () => {
  const url = new URL(window.location.href);
  url.searchParams.set('as', switcher.value);
  window.location.assign(url.toString());
});

// ------------------------------------------------------------------ sidebar subpage links (URL only, like Jira)

function markCurrentNav(): void {
  const here = window.location.pathname.replace(/\/$/, '');
  document.querySelectorAll<HTMLAnchorElement>('a[data-nav]').forEach((a) => {
    const target = new URL(a.href).pathname.replace(/\/$/, '');
    if (target === here) a.setAttribute('aria-current', 'page');
    else a.removeAttribute('aria-current');
  });
}

document.querySelectorAll<HTMLAnchorElement>('a[data-subpage]').forEach((a) => {
  a.addEventListener('click', (event) => {
    const frame = frames().find((f) => f.ext.moduleKey === a.dataset.subpage);
    if (!frame || event.metaKey || event.ctrlKey || event.shiftKey || event.button !== 0) return;
    event.preventDefault();
    window.history.pushState(null, '', a.href);
    markCurrentNav();
    postTo(frame, { forgeLocal: 1, kind: 'event', type: 'history', location: appLocation(frame.ext) });
  });
});

// ------------------------------------------------------------------ flags

const flagTimers = new Map<string, number>();

const FLAG_ICONS: Record<string, string> = {
  info: '<svg viewBox="0 0 24 24" aria-hidden="true"><circle cx="12" cy="12" r="9" fill="currentColor"/><rect x="11" y="10.5" width="2" height="6" rx="1" fill="var(--flag-icon-fg)"/><circle cx="12" cy="8" r="1.2" fill="var(--flag-icon-fg)"/></svg>',
  success:
    '<svg viewBox="0 0 24 24" aria-hidden="true"><circle cx="12" cy="12" r="9" fill="currentColor"/><path d="M8 12.5l2.7 2.7L16 9.8" stroke="var(--flag-icon-fg)" stroke-width="2" fill="none" stroke-linecap="round" stroke-linejoin="round"/></svg>',
  warning:
    '<svg viewBox="0 0 24 24" aria-hidden="true"><path d="M12 3.5L22 20.5H2z" fill="currentColor" stroke="currentColor" stroke-linejoin="round" stroke-width="1.5"/><rect x="11" y="9" width="2" height="6" rx="1" fill="var(--flag-icon-fg)"/><circle cx="12" cy="17.3" r="1.1" fill="var(--flag-icon-fg)"/></svg>',
  error:
    '<svg viewBox="0 0 24 24" aria-hidden="true"><path d="M8.3 3h7.4L21 8.3v7.4L15.7 21H8.3L3 15.7V8.3z" fill="currentColor"/><rect x="11" y="7.5" width="2" height="6.5" rx="1" fill="var(--flag-icon-fg)"/><circle cx="12" cy="16.6" r="1.15" fill="var(--flag-icon-fg)"/></svg>',
};

function flagsRegion(): HTMLElement {
  let region = document.getElementById('forge-flags');
  if (!region) {
    region = document.createElement('section');
    region.id = 'forge-flags';
    region.className = 'flags';
    region.setAttribute('aria-label', 'Flags');
    document.body.appendChild(region);
  }
  return region;
}

function showFlag(frame: Frame, flag: WireFlag): void {
  if (!flag || !flag.id) throw new BridgeError('"id" must be defined in flag options');
  const id = String(flag.id);
  closeFlag(id);
  const type = flag.appearance ?? flag.type ?? 'info';
  const bold = Boolean(flag.appearance);
  const el = document.createElement('div');
  el.className = `flag flag-${type}${bold ? ' flag-bold' : ''}`;
  el.dataset.flagId = id;
  el.setAttribute('role', type === 'error' || type === 'warning' ? 'alert' : 'status');
  el.setAttribute('aria-live', type === 'error' || type === 'warning' ? 'assertive' : 'polite');

  const icon = document.createElement('span');
  icon.className = 'flag-icon';
  icon.innerHTML = FLAG_ICONS[type] ?? FLAG_ICONS.info ?? '';
  el.appendChild(icon);

  const body = document.createElement('div');
  body.className = 'flag-body';
  if (flag.title) {
    const title = document.createElement('div');
    title.className = 'flag-title';
    title.textContent = flag.title;
    body.appendChild(title);
  }
  if (flag.description) {
    const description = document.createElement('div');
    description.className = 'flag-description';
    description.textContent = flag.description;
    body.appendChild(description);
  }
  if (flag.actions?.length) {
    const actions = document.createElement('div');
    actions.className = 'flag-actions';
    flag.actions.forEach((action, index) => {
      const button = document.createElement('button');
      button.type = 'button';
      button.className = 'flag-action';
      button.textContent = action.text;
      button.addEventListener('click', () =>
        postTo(frame, { forgeLocal: 1, kind: 'event', type: 'flagAction', flagId: id, index }),
      );
      actions.appendChild(button);
    });
    body.appendChild(actions);
  }
  el.appendChild(body);

  // Bold flags have no dismiss button in Jira: they need an action.
  if (!bold) {
    const close = document.createElement('button');
    close.type = 'button';
    close.className = 'flag-close';
    close.setAttribute('aria-label', flag.title ? `Dismiss: ${flag.title}` : 'Dismiss');
    close.innerHTML =
      '<svg viewBox="0 0 24 24" aria-hidden="true"><path d="M7 7l10 10M17 7L7 17" stroke="currentColor" stroke-width="2" stroke-linecap="round"/></svg>';
    close.addEventListener('click', () => closeFlag(id));
    el.appendChild(close);
  }

  flagsRegion().prepend(el);
  if (flag.isAutoDismiss === true) {
    flagTimers.set(
      id,
      window.setTimeout(() => closeFlag(id), FLAG_AUTO_DISMISS_MS),
    );
  }
}

function closeFlag(id: string): boolean {
  const timer = flagTimers.get(id);
  if (timer !== undefined) window.clearTimeout(timer);
  flagTimers.delete(id);
  const el = document.querySelector<HTMLElement>(`.flag[data-flag-id="${CSS.escape(id)}"]`);
  if (!el) return false;
  el.remove();
  return true;
}

markCurrentNav();
