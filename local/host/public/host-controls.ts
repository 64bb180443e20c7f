/**
 * The shell's own controls: the light/dark toggle (which also re-themes frames that enabled theming),
 * the "acting as" switcher, and the settings sidebar's links (subpages change the URL only, like Jira).
 */
import type { ThemeAttributes } from './protocol';
import { appLocation, config, frames, postTo } from './host-frames';

export function currentColorMode(): 'light' | 'dark' {
  return document.documentElement.getAttribute('data-color-mode') === 'dark' ? 'dark' : 'light';
}

export function themeAttributes(colorMode: 'light' | 'dark'): ThemeAttributes {
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

export function markCurrentNav(): void {
  const here = window.location.pathname.replace(/\/$/, '');
  document.querySelectorAll<HTMLAnchorElement>('a[data-nav]').forEach((a) => {
    const target = new URL(a.href).pathname.replace(/\/$/, '');
    if (target === here) a.setAttribute('aria-current', 'page');
    else a.removeAttribute('aria-current');
  });
}

/** Wires the toggle, the switcher and the subpage links of the page. */
export function installShellControls(): void {
  document.getElementById('theme-toggle')?.addEventListener('click', () => {
    setColorMode(currentColorMode() === 'dark' ? 'light' : 'dark');
  });

  const switcher = document.getElementById('acting-as') as HTMLSelectElement | null;
  switcher?.addEventListener('change', () => {
    const url = new URL(window.location.href);
    url.searchParams.set('as', switcher.value);
    window.location.assign(url.toString());
  });

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
}
