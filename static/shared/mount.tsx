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
import { view } from '@forge/bridge';
import { configureDates } from './dates';
import { cspSafeEmotionCache } from './emotion-cache';
import { enableTheme } from './theme';

/** The viewer's locale and time zone from the view context, for every date shown (static/shared/dates.ts). */
async function loadDateSettings(): Promise<void> {
  try {
    configureDates(await view.getContext());
  } catch (e) {
    console.warn('The view context did not answer; dates show in UTC.', e);
  }
}

export function mountSurface(app: ReactNode, rootId = 'root'): void {
  const element = document.getElementById(rootId);
  if (!element) throw new Error(`#${rootId} is missing from index.html`);
  const root = createRoot(element);
  const emotionCache = cspSafeEmotionCache();
  void Promise.all([enableTheme(), loadDateSettings()]).finally(() => {
    root.render(
      <StrictMode>
        <CacheProvider value={emotionCache}>{app}</CacheProvider>
      </StrictMode>,
    );
  });
}
