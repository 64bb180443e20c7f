import type { JiraSite } from '../../jira/jira-site.js';
import type { Manifest } from '../../runtime/manifest.js';

/** What every shell page is rendered from (`createPageRouter` in `../pages.ts`). */
export interface PageDeps {
  manifest: Manifest;
  site: JiraSite;
  /** The app's directory: manifest resource paths are relative to it. */
  rootDir: string;
  /** The site's URL, e.g. `http://localhost:4000` (Forge context `siteUrl`). */
  appUrl: string;
  /** The local Forge CDN's URL, e.g. `http://127.0.0.1:4001`, where the iframes load the resources. */
  cdnUrl: string;
}

export type ColorMode = 'light' | 'dark';
