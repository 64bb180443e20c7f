/**
 * Boots a surface: the CSS reset, the host's theme, then React.
 * `@forge/bridge` needs `globalThis.__bridge`, which the host injects before this bundle loads.
 */
import '@atlaskit/css-reset';
import { StrictMode, type ReactNode } from 'react';
import { createRoot } from 'react-dom/client';
import { enableTheme } from './theme';

export function mountSurface(app: ReactNode, rootId = 'root'): void {
  const element = document.getElementById(rootId);
  if (!element) throw new Error(`#${rootId} is missing from index.html`);
  const root = createRoot(element);
  void enableTheme().finally(() => {
    root.render(<StrictMode>{app}</StrictMode>);
  });
}
