import type { EnforcementDeps } from './enforcement-ports';
import type { CallerPermissions } from './ports';
import type { SiteConfig } from './site-config-ports';

/**
 * Every port of the app, built once by the composition root (src/entry/compose.ts). Each use case
 * names the narrower set it needs (`RegistryDeps` ⊂ `OversightDeps` ⊂ `EnforcementDeps` ⊂ this).
 */
export interface AppDeps extends EnforcementDeps {
  /** What the invoking user may do, asked of Jira as them (the authorize checks). */
  permissions: CallerPermissions;
  /** This installation's MAC key for the tokens the client holds (page cursors, resumable runs). */
  clientTokenKey: () => Promise<Buffer>;
  /** The site's fields and groups, which saved settings must name (asked as the admin saving). */
  site: SiteConfig;
}
