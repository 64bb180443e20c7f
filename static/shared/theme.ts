/**
 * Theming for every surface: ask the host for its theme (`view.theme.enable()`, which sets
 * `data-color-mode` on our `<html>`), then load the matching Atlassian design tokens.
 * Components use `token(...)` / Atlaskit only — no hard-coded colours — so light and dark both work.
 */
import { view } from '@forge/bridge';
import { setGlobalTheme } from '@atlaskit/tokens/set-global-theme';

export type ColorMode = 'light' | 'dark';

function hostColorMode(): ColorMode {
  return document.documentElement.getAttribute('data-color-mode') === 'dark' ? 'dark' : 'light';
}

async function applyTokens(colorMode: ColorMode): Promise<void> {
  await setGlobalTheme({
    colorMode,
    light: 'light',
    dark: 'dark',
    spacing: 'spacing',
    typography: 'typography',
    shape: 'shape',
  });
}

let applied: ColorMode | undefined;

async function sync(): Promise<void> {
  const mode = hostColorMode();
  if (mode === applied) return;
  applied = mode;
  await applyTokens(mode);
}

/**
 * Enables theming; resolves once the token CSS for the host's colour mode is in place.
 * Never rejects: outside a theming host the app falls back to the light theme.
 */
export async function enableTheme(): Promise<ColorMode> {
  try {
    await view.theme.enable();
  } catch (e) {
    console.warn('Theming is not available from this host; using the light theme.', e);
  }
  try {
    await sync();
    // The host changes the colour mode live by rewriting the attribute; follow it.
    new MutationObserver(() => void sync().catch((e: unknown) => console.error(e))).observe(
      document.documentElement,
      {
        attributes: true,
        attributeFilter: ['data-color-mode'],
      },
    );
  } catch (e) {
    console.error('Could not load the design tokens.', e);
  }
  return hostColorMode();
}
