/**
 * The iframe side of the local Forge bridge (the stand-in for Forge's `global-bridge.js`): defines
 * `window.__bridge.callBridge(name, payload)`, which `@forge/bridge` calls for every API. The local
 * Forge CDN serves it as `/__forge/global-bridge.js` and prepends it to the Custom UI's `<head>`
 * (classic script), so it exists before the app bundle imports `@forge/bridge`.
 *
 * The frame is another origin than the shell: calls go to `window.parent` by postMessage only,
 * addressed to the shell's origin, one promise per request id; nothing reads the parent's DOM,
 * cookies or storage. What cannot cross postMessage stays here: the history object of
 * `view.createHistory()`, flag action callbacks, and applying the theme to this document (its
 * attributes and the design-token stylesheets, linked from the CDN as files).
 */
import type {
  AppLocation,
  BridgeCall,
  BridgeResult,
  ClientEvent,
  HostEvent,
  ThemeAttributes,
  ThemeSetup,
  WireFlag,
} from './protocol';

/** Set by the CDN when it serves this script (`cdn.ts`): the shell's origin, and where Forge's files are. */
declare const FORGE_LOCAL: { hostOrigin: string; forgeFiles: string };

type Listener = (location: AppLocation, action: 'PUSH' | 'POP' | 'REPLACE') => void;
type To = string | Partial<AppLocation>;

declare global {
  interface Window {
    __bridge?: { callBridge(name: string, payload?: unknown): Promise<unknown> };
  }
}

const parentWindow = window.parent;
/** The shell's origin: the only one this frame posts to or accepts messages from. */
const hostOrigin = FORGE_LOCAL.hostOrigin;
const embedded = parentWindow !== window;
const pending = new Map<number, { resolve: (v: unknown) => void; reject: (e: Error) => void }>();
let nextId = 1;

function post(message: BridgeCall | ClientEvent): void {
  parentWindow.postMessage(message, hostOrigin);
}

function send(name: string, payload?: unknown): Promise<unknown> {
  if (!embedded) {
    return Promise.reject(
      new Error(
        `The Forge bridge call '${name}' needs the local Jira shell: open this app from the local site, not on its own.`,
      ),
    );
  }
  const id = nextId++;
  return new Promise((resolve, reject) => {
    pending.set(id, { resolve, reject });
    try {
      post({ forgeLocal: 1, kind: 'call', id, name, payload });
    } catch (e) {
      pending.delete(id);
      reject(
        new Error(
          `The bridge call '${name}' could not be sent: ${e instanceof Error ? e.message : String(e)}`,
        ),
      );
    }
  });
}

// ------------------------------------------------------------------ theme

let themeSetup: ThemeSetup | undefined;

/** Links a design-token theme once (`<link rel=stylesheet data-theme=<id>>`); resolves when it loaded or failed. */
function linkTokenTheme(id: string): Promise<void> {
  const existing = document.head.querySelector(`link[rel="stylesheet"][data-theme="${CSS.escape(id)}"]`);
  if (existing) return Promise.resolve();
  const link = document.createElement('link');
  link.rel = 'stylesheet';
  link.href = `${FORGE_LOCAL.forgeFiles}atlaskit-tokens_${encodeURIComponent(id)}.css`;
  link.dataset.theme = id;
  const loaded = new Promise<void>((resolve) => {
    link.addEventListener('load', () => resolve(), { once: true });
    link.addEventListener('error', () => {
      console.error(`The design-token theme '${id}' could not be loaded from ${link.href}`);
      resolve();
    });
  });
  document.head.appendChild(link);
  return loaded;
}

function applyTheme(colorMode: 'light' | 'dark'): Promise<void> {
  if (!themeSetup) return Promise.resolve();
  const html = document.documentElement;
  html.setAttribute('data-theme', themeSetup.dataTheme);
  html.setAttribute('data-color-mode', colorMode);
  return Promise.all(themeSetup.stylesheets[colorMode].map(linkTokenTheme)).then(() => undefined);
}

async function enableTheming(): Promise<void> {
  const attrs = (await send('enableTheming')) as ThemeAttributes;
  themeSetup = { dataTheme: attrs.dataTheme, stylesheets: attrs.stylesheets };
  await applyTheme(attrs.colorMode);
}

// ------------------------------------------------------------------ history

const historyListeners = new Set<Listener>();
let historyObject: ReturnType<typeof makeHistory> | undefined;

function keyOf(): string {
  return Math.random().toString(36).slice(2, 8);
}

function parsePath(path: string): AppLocation {
  let rest = path;
  let hash = '';
  let search = '';
  const h = rest.indexOf('#');
  if (h >= 0) {
    hash = rest.slice(h);
    rest = rest.slice(0, h);
  }
  const q = rest.indexOf('?');
  if (q >= 0) {
    search = rest.slice(q);
    rest = rest.slice(0, q);
  }
  return { pathname: rest || '/', search: search === '?' ? '' : search, hash: hash === '#' ? '' : hash };
}

function resolveTo(current: AppLocation, to: To, state?: unknown): AppLocation {
  const next: AppLocation =
    typeof to === 'string'
      ? parsePath(to)
      : { pathname: to.pathname ?? current.pathname, search: to.search ?? '', hash: to.hash ?? '' };
  if (!next.pathname.startsWith('/')) {
    const base = current.pathname.replace(/[^/]*$/, '');
    next.pathname = `${base}${next.pathname}`;
  }
  if (next.search && !next.search.startsWith('?')) next.search = `?${next.search}`;
  if (next.hash && !next.hash.startsWith('#')) next.hash = `#${next.hash}`;
  next.state = typeof to === 'string' ? state : (to.state ?? state);
  next.key = keyOf();
  return next;
}

function notify(location: AppLocation, action: 'PUSH' | 'POP' | 'REPLACE'): void {
  for (const listener of [...historyListeners]) {
    try {
      listener(location, action);
    } catch (e) {
      console.error(e);
    }
  }
}

function makeHistory(initial: AppLocation) {
  const history = {
    length: 1,
    action: 'POP' as 'PUSH' | 'POP' | 'REPLACE',
    location: initial,
    push(to: To, state?: unknown): void {
      change('PUSH', resolveTo(history.location, to, state));
    },
    replace(to: To, state?: unknown): void {
      change('REPLACE', resolveTo(history.location, to, state));
    },
    go(delta: number): void {
      post({ forgeLocal: 1, kind: 'event', type: 'go', delta });
    },
    goBack(): void {
      history.go(-1);
    },
    goForward(): void {
      history.go(1);
    },
    back(): void {
      history.go(-1);
    },
    forward(): void {
      history.go(1);
    },
    block(): () => void {
      return () => undefined;
    },
    listen(listener: Listener): () => void {
      historyListeners.add(listener);
      return () => {
        historyListeners.delete(listener);
      };
    },
    createHref(to: To): string {
      const l =
        typeof to === 'string'
          ? parsePath(to)
          : { pathname: to.pathname ?? '/', search: to.search ?? '', hash: to.hash ?? '' };
      return `${l.pathname}${l.search}${l.hash}`;
    },
  };
  function change(action: 'PUSH' | 'REPLACE', location: AppLocation): void {
    if (action === 'PUSH') history.length += 1;
    history.action = action;
    history.location = location;
    post({
      forgeLocal: 1,
      kind: 'event',
      type: 'history',
      action,
      location: { pathname: location.pathname, search: location.search, hash: location.hash },
    });
    notify(location, action);
  }
  return history;
}

async function createHistory(): Promise<ReturnType<typeof makeHistory>> {
  const initial = (await send('createHistory')) as AppLocation;
  // One history per document, as in Forge: every call shares the same location.
  historyObject ??= makeHistory({ ...initial, key: keyOf() });
  return historyObject;
}

// ------------------------------------------------------------------ flags

const flagActions = new Map<string, (() => void)[]>();

function wireFlag(payload: unknown): WireFlag {
  const options = (payload ?? {}) as Record<string, unknown> & {
    actions?: { text?: unknown; onClick?: unknown }[];
  };
  const id = String(options.id);
  const actions = Array.isArray(options.actions) ? options.actions : [];
  flagActions.set(
    id,
    actions.map((a) => (typeof a.onClick === 'function' ? (a.onClick as () => void) : () => undefined)),
  );
  const flag: WireFlag = { id };
  if (typeof options.title === 'string') flag.title = options.title;
  if (typeof options.description === 'string') flag.description = options.description;
  if (typeof options.type === 'string') flag.type = options.type as WireFlag['type'];
  if (typeof options.appearance === 'string') flag.appearance = options.appearance as WireFlag['appearance'];
  if (typeof options.isAutoDismiss === 'boolean') flag.isAutoDismiss = options.isAutoDismiss;
  if (actions.length) flag.actions = actions.map((a) => ({ text: typeof a.text === 'string' ? a.text : '' }));
  return flag;
}

/** Payloads cross postMessage by structured clone: functions can't, so name them in the error. */
function cloneable(name: string, payload: unknown): unknown {
  try {
    return structuredClone(payload);
  } catch {
    throw new Error(
      `The bridge call '${name}' has a payload that cannot be sent to the host (functions or DOM objects are not supported).`,
    );
  }
}

// ------------------------------------------------------------------ messages from the shell

window.addEventListener('message', (event: MessageEvent) => {
  if (event.source !== parentWindow || event.origin !== hostOrigin) return;
  const data = event.data as BridgeResult | HostEvent | undefined;
  if (!data || data.forgeLocal !== 1) return;
  if (data.kind === 'result') {
    const call = pending.get(data.id);
    if (!call) return;
    pending.delete(data.id);
    if (data.ok) call.resolve(data.value);
    else call.reject(new Error(data.error));
    return;
  }
  if (data.type === 'theme') {
    void applyTheme(data.colorMode);
  } else if (data.type === 'history') {
    if (historyObject) {
      historyObject.action = 'POP';
      historyObject.location = { ...data.location, key: keyOf() };
      notify(historyObject.location, 'POP');
    }
  } else if (data.type === 'flagAction') {
    const callback = flagActions.get(data.flagId)?.[data.index];
    if (callback) callback();
  }
});

// ------------------------------------------------------------------ size reporting (auto-height frames)

/** The height of what the page draws (not of `<body>`, which resets often stretch to the viewport). */
function contentHeight(): number {
  let bottom = 0;
  for (const el of Array.from(document.body.children)) {
    if (el.tagName === 'SCRIPT' || el.tagName === 'STYLE') continue;
    const style = getComputedStyle(el);
    if (style.position === 'fixed' || style.display === 'none') continue;
    const rect = el.getBoundingClientRect();
    bottom = Math.max(bottom, rect.bottom + (parseFloat(style.marginBottom) || 0) + window.scrollY);
  }
  return Math.ceil(bottom);
}

let lastHeight = -1;
function reportSize(): void {
  if (!embedded || !document.body) return;
  const height = contentHeight();
  if (height === lastHeight) return;
  lastHeight = height;
  post({ forgeLocal: 1, kind: 'event', type: 'resize', height });
}

function watchSize(): void {
  if (!document.body) return;
  const sizes = new ResizeObserver(reportSize);
  const observeChildren = () => {
    for (const el of Array.from(document.body.children)) sizes.observe(el);
    reportSize();
  };
  new MutationObserver(observeChildren).observe(document.body, { childList: true });
  observeChildren();
}

if (document.readyState === 'loading') document.addEventListener('DOMContentLoaded', watchSize);
else watchSize();

// ------------------------------------------------------------------ the bridge

window.__bridge = {
  callBridge(name: string, payload?: unknown): Promise<unknown> {
    try {
      switch (name) {
        case 'createHistory':
          return createHistory();
        case 'enableTheming':
          return enableTheming();
        case 'showFlag':
          return send('showFlag', wireFlag(payload));
        default:
          return send(name, cloneable(name, payload));
      }
    } catch (e) {
      return Promise.reject(e instanceof Error ? e : new Error(String(e)));
    }
  },
};
