/**
 * Theming for every surface: `view.theme.enable()` asks the host (Jira) for its theme. The host sets
 * `data-color-mode` / `data-theme` on our `<html>` and adds the design-token stylesheets itself, from
 * Forge's CDN, and keeps both current when the person switches theme (docs/local-platform.md, "Theming
 * and CSP"). The app loads no token CSS of its own: `setGlobalTheme` would inject `<style>` elements,
 * which Forge's Content-Security-Policy blocks (no `'unsafe-inline'` in `style-src`).
 * Components use `token(...)` / Atlaskit only — no hard-coded colours — so light and dark both work;
 * every token carries its light value as a fallback for the moment before the stylesheets load.
 */
import { view } from '@forge/bridge';

export type ColorMode = 'light' | 'dark';

/** The colour mode the host has set on our `<html>` (light until it has). */
function hostColorMode(): ColorMode {
  return document.documentElement.getAttribute('data-color-mode') === 'dark' ? 'dark' : 'light';
}

/**
 * Enables theming; resolves with the host's colour mode once the host has applied it.
 * Never rejects: outside a theming host the app keeps the tokens' light fallbacks.
 */
export async function enableTheme(): Promise<ColorMode> {
  try {
    await view.theme.enable();
  } catch (e) {
    console.warn('Theming is not available from this host; using the light theme.', e);
  }
  return hostColorMode();
}
