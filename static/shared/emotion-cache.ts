/**
 * An emotion cache that never creates a `<style>` element, for the few Atlaskit components still
 * styled with emotion at run time (e.g. the legacy buttons of `@atlaskit/pagination` under a paged
 * `DynamicTable`). Most Atlaskit CSS ships pre-extracted (`*.compiled.css`, bundled by Vite as files).
 *
 * Forge serves Custom UI with `style-src 'self' …` and no `'unsafe-inline'` (`@forge/csp`), so emotion's
 * default sheet — `<style>` elements in `<head>` — is blocked and reported. This sheet writes each rule
 * into a constructable stylesheet adopted by the document (`document.adoptedStyleSheets`): CSSOM, which
 * `style-src` does not govern (checked in Chromium under the policy `@forge/csp` computes; the CSSOM
 * spec gives constructed sheets no CSP check). Order is kept: rules are appended in insertion order, and
 * adopted sheets come after the bundle's `<link>` stylesheets in the cascade, as emotion's `<style>`
 * elements came after them in `<head>`.
 *
 * Emotion's `<Global>` builds its own sheet with `new cache.sheet.constructor(...)`, so it gets this
 * class too.
 */
import createCache, { type EmotionCache } from '@emotion/cache';
import { StyleSheet } from '@emotion/sheet';

export class AdoptedStyleSheet extends StyleSheet {
  private sheet: CSSStyleSheet | undefined;

  override hydrate(): void {
    // Nothing was rendered on a server: there are no `<style>` elements to take over.
  }

  override insert(rule: string): void {
    if (!this.sheet) {
      this.sheet = new CSSStyleSheet();
      document.adoptedStyleSheets = [...document.adoptedStyleSheets, this.sheet];
    }
    try {
      this.sheet.insertRule(rule, this.sheet.cssRules.length);
    } catch {
      // As in emotion's own speedy mode: a rule this browser cannot parse (another engine's vendor
      // prefix, `@import`) is skipped.
    }
    this.ctr++;
  }

  override flush(): void {
    const sheet = this.sheet;
    if (sheet) document.adoptedStyleSheets = document.adoptedStyleSheets.filter((s) => s !== sheet);
    this.sheet = undefined;
    this.ctr = 0;
  }
}

/** The cache every surface provides (`<CacheProvider value={cspSafeEmotionCache()}>`, static/shared/mount.tsx). */
export function cspSafeEmotionCache(): EmotionCache {
  const cache = createCache({ key: 'css' });
  cache.sheet = new AdoptedStyleSheet({ key: 'css', container: document.head });
  return cache;
}
