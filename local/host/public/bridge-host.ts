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
 * controls: the "acting as" switcher, the light/dark toggle, subpage links (`host-controls.ts`).
 * The frames and the page's configuration: `host-frames.ts`; calls that leave the page:
 * `host-requests.ts`; flags: `host-flags.ts`. `browser-script.ts` bundles them into one script.
 */
import { closeFlag, showFlag } from './host-flags';
import { currentColorMode, installShellControls, markCurrentNav, themeAttributes } from './host-controls';
import {
  appLocation,
  config,
  frameOf,
  frameOrigin,
  frames,
  postTo,
  shellUrl,
  type Frame,
} from './host-frames';
import {
  BridgeError,
  fetchProduct,
  invoke,
  navigate,
  urlFor,
  type NavigationLocation,
} from './host-requests';
import type { BridgeCall, ClientEvent, WireFlag } from './protocol';

window.addEventListener('popstate', () => {
  for (const frame of frames())
    postTo(frame, { forgeLocal: 1, kind: 'event', type: 'history', location: appLocation(frame.ext) });
});

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

// This script runs from the page's <head>, before the body (and its frames) is parsed: the message
// listener above is in place before any frame can call; the controls are wired once the body exists.
function installControls(): void {
  installShellControls();
  markCurrentNav();
}
if (document.readyState === 'loading') document.addEventListener('DOMContentLoaded', installControls);
else installControls();
