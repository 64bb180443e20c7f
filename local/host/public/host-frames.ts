/**
 * The shell page's configuration (`#forge-local-shell`, written by the page) and its Custom UI frames:
 * which iframe is which extension, posting to a frame (to the CDN's origin only), and the mapping
 * between the app's locations and the shell's URLs.
 */
import type { AppLocation, BridgeResult, HostEvent, ShellConfig, ShellExtension } from './protocol';

const configElement = document.getElementById('forge-local-shell');
export const config = (
  configElement ? JSON.parse(configElement.textContent ?? '{}') : { extensions: [] }
) as ShellConfig;
/** The frames' origin (the local Forge CDN): never the shell's own. */
export const frameOrigin = config.cdnOrigin;

export interface Frame {
  ext: ShellExtension;
  iframe: HTMLIFrameElement;
}

export function frames(): Frame[] {
  const list: Frame[] = [];
  for (const ext of config.extensions ?? []) {
    const iframe = document.querySelector<HTMLIFrameElement>(
      `iframe[data-forge-frame="${CSS.escape(ext.frameId)}"]`,
    );
    if (iframe) list.push({ ext, iframe });
  }
  return list;
}

export function frameOf(source: MessageEventSource | null): Frame | undefined {
  return frames().find((f) => f.iframe.contentWindow === source);
}

export function postTo(frame: Frame, message: BridgeResult | HostEvent): void {
  frame.iframe.contentWindow?.postMessage(message, frameOrigin);
}

/* App locations ↔ shell URLs. */

export function appLocation(ext: ShellExtension): AppLocation {
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

export function shellUrl(ext: ShellExtension, location: AppLocation): string {
  const pathname = location.pathname === '/' || !location.pathname ? '' : location.pathname;
  return `${ext.basePath}${pathname}${location.search ?? ''}${location.hash ?? ''}`;
}
