/**
 * The postMessage protocol between a Custom UI iframe (`bridge-client.ts`, served by the local Forge
 * CDN as `/__forge/global-bridge.js`) and the Jira-like shell around it (`bridge-host.ts`, served as
 * `/__local/bridge/host.js`). Types only: both scripts import them with `import type`.
 *
 * The two are different origins (the shell's site and the CDN). Every message carries
 * `forgeLocal: 1`, is posted to the peer's origin only, and is accepted only from the expected
 * window with the expected origin.
 */

/** iframe → shell: one `callBridge(name, payload)`, answered by exactly one `BridgeResult`. */
export interface BridgeCall {
  forgeLocal: 1;
  kind: 'call';
  id: number;
  name: string;
  payload?: unknown;
}

/** shell → iframe: the answer to the call with the same `id`. */
export type BridgeResult =
  | { forgeLocal: 1; kind: 'result'; id: number; ok: true; value: unknown }
  | { forgeLocal: 1; kind: 'result'; id: number; ok: false; error: string };

/** A location as `history` v4 has it (what `view.createHistory()` exposes). */
export interface AppLocation {
  pathname: string;
  search: string;
  hash: string;
  state?: unknown;
  key?: string;
}

/** shell → iframe: things that happen in the shell. */
export type HostEvent =
  | { forgeLocal: 1; kind: 'event'; type: 'theme'; colorMode: 'light' | 'dark' }
  | { forgeLocal: 1; kind: 'event'; type: 'history'; location: AppLocation }
  | { forgeLocal: 1; kind: 'event'; type: 'flagAction'; flagId: string; index: number };

/** iframe → shell: notifications that need no answer. */
export type ClientEvent =
  | { forgeLocal: 1; kind: 'event'; type: 'resize'; height: number }
  | { forgeLocal: 1; kind: 'event'; type: 'history'; action: 'PUSH' | 'REPLACE'; location: AppLocation }
  | { forgeLocal: 1; kind: 'event'; type: 'go'; delta: number };

/** The theme setup of the site: the `data-theme` value and, per colour mode, the token themes to load. */
export interface ThemeSetup {
  /** Atlassian's `data-theme` value, e.g. `dark:dark light:light motion:motion shape:shape spacing:spacing typography:typography`. */
  dataTheme: string;
  /** Token theme ids per colour mode, e.g. `light: ['light', 'shape', 'spacing', 'typography', 'motion']`. */
  stylesheets: Record<'light' | 'dark', string[]>;
}

/** What `enableTheming` answers: the client sets the attributes on its `<html>` and links the stylesheets. */
export interface ThemeAttributes extends ThemeSetup {
  colorMode: 'light' | 'dark';
}

/** A flag as the shell receives it: functions (action callbacks) stay in the iframe. */
export interface WireFlag {
  id: string;
  title?: string;
  description?: string;
  type?: 'info' | 'success' | 'warning' | 'error';
  appearance?: 'info' | 'success' | 'warning' | 'error';
  actions?: { text: string }[];
  isAutoDismiss?: boolean;
}

/** One Custom UI iframe on a shell page, as `pages.ts` describes it to `bridge-host.ts`. */
export interface ShellExtension {
  /** `data-forge-frame` of the iframe. */
  frameId: string;
  moduleKey: string;
  /** Manifest module type, e.g. `jira:adminPage`. */
  moduleKind: string;
  resourceKey: string;
  /** Shell path the app's history is relative to, e.g. `/jira/settings/apps/<appId>/<envId>`. */
  basePath: string;
  /** What `view.getContext()` answers (accountId, cloudId, extension, theme, ...). */
  context: Record<string, unknown>;
  /** Resize the iframe to its content's height. */
  autoHeight: boolean;
}

/** Everything the shell script needs, embedded in the page as JSON (`#forge-local-shell`). */
export interface ShellConfig {
  siteName: string;
  siteUrl: string;
  appId: string;
  environmentId: string;
  colorMode: 'light' | 'dark';
  /** The acting user; `as` is what `/__local/invoke` receives. */
  user: { accountId: string; email: string; displayName: string };
  /** Shell URLs of the app's page modules, for `router.navigate({target:'module'})`. */
  moduleUrls: Record<string, string>;
  extensions: ShellExtension[];
  /** The local Forge CDN's origin: the frames' origin, the only one the shell posts to or hears from. */
  cdnOrigin: string;
  theme: ThemeSetup;
}
