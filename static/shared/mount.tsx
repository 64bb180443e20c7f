/**
 * Boots a surface: the CSS reset, the host's theme, then React.
 * `@forge/bridge` needs `globalThis.__bridge`, which the host injects before this bundle loads.
 * Every style reaches the page as a stylesheet file or through CSSOM, never as a `<style>` element or
 * `style="…"` markup: Forge's Content-Security-Policy has no `'unsafe-inline'` (docs/local-platform.md,
 * "Theming and CSP"). Hence the emotion cache (static/shared/emotion-cache.ts).
 */
import '@atlaskit/css-reset';
import './a11y.css';
import { CacheProvider } from '@emotion/react';
import { StrictMode, type ReactNode } from 'react';
import { createRoot } from 'react-dom/client';
import { cspSafeEmotionCache } from './emotion-cache';
import { enableTheme } from './theme';

export function mountSurface(app: ReactNode, rootId = 'root'): void {
  const element = document.getElementById(rootId);
  if (!element) throw new Error(`#${rootId} is missing from index.html`);
  const root = createRoot(element);
  const emotionCache = cspSafeEmotionCache();
  void enableTheme().finally(() => {
    root.render(
      <StrictMode>
        <CacheProvider value={emotionCache}>{app}</CacheProvider>
      </StrictMode>,
    );
  });
}
