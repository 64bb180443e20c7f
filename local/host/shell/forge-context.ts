/**
 * What a Custom UI frame learns from the shell: the Forge context `view.getContext()` answers, and the
 * page's configuration for `bridge-host.ts` (`#forge-local-shell`).
 */
import type { SeedUser } from '../../jira/seed.js';
import type { ManifestModule } from '../../runtime/manifest.js';
import { LOCAL_IDS } from '../../runtime/runtime.js';
import { themeSetup } from '../cdn.js';
import type { ShellConfig, ShellExtension } from '../public/protocol.js';
import type { Acting } from './acting.js';
import type { ColorMode, PageDeps } from './page-deps.js';
import { surfaces } from './surfaces.js';

/** The context's locale when the user's record has none (or one that is not a language tag). */
export const DEFAULT_LOCALE = 'en-US';

/**
 * The signed-in user's locale as the context carries it: Jira's user record says `en_GB`, the
 * context a BCP 47 tag (`en-GB`), which `Intl` accepts. `@forge/bridge` normalises either form
 * (`view.getContext()` → `@forge/i18n` `ensureLocale`), so the app sees the same in both.
 */
export function contextLocale(user: Pick<SeedUser, 'locale'>): string {
  const tag = (user.locale as string | undefined)?.trim().replace(/_/g, '-');
  if (!tag) return DEFAULT_LOCALE;
  try {
    return Intl.getCanonicalLocales(tag)[0] ?? DEFAULT_LOCALE;
  } catch {
    return DEFAULT_LOCALE;
  }
}

/** The Forge context `view.getContext()` answers in this module, for this user. */
export function forgeContext(
  deps: PageDeps,
  m: ManifestModule,
  user: SeedUser,
  colorMode: ColorMode,
  location: string,
  extra: Record<string, unknown> = {},
): Record<string, unknown> {
  const extension: Record<string, unknown> = { type: m.kind, ...extra };
  if (m.kind === 'jira:adminPage' || m.kind === 'jira:globalPage' || m.kind === 'jira:personalSettingsPage') {
    extension.location = location;
  }
  return {
    accountId: user.accountId,
    cloudId: LOCAL_IDS.cloudId,
    extension,
    localId: `ari:cloud:ecosystem::extension/${deps.manifest.appId}/${LOCAL_IDS.environmentId}/static/${m.key}`,
    locale: contextLocale(user),
    moduleKey: m.key,
    siteUrl: deps.appUrl,
    timezone: user.timeZone || 'UTC',
    environmentId: LOCAL_IDS.environmentId,
    environmentType: 'DEVELOPMENT',
    theme: {
      colorMode,
      dark: 'dark',
      light: 'light',
      spacing: 'spacing',
      typography: 'typography',
      shape: 'shape',
    },
    userAccess: { enabled: false, hasAccess: true },
    permissions: { scopes: deps.manifest.scopes },
  };
}

/** One Custom UI frame of a shell page, as `bridge-host.ts` learns of it (context included). */
export function frameExtension(
  deps: PageDeps,
  acting: Acting,
  m: ManifestModule,
  frame: {
    frameId: string;
    resourceKey: string;
    basePath: string;
    location: string;
    autoHeight: boolean;
    extra?: Record<string, unknown>;
  },
): ShellExtension {
  return {
    frameId: frame.frameId,
    moduleKey: m.key,
    moduleKind: m.kind,
    resourceKey: frame.resourceKey,
    basePath: frame.basePath,
    context: forgeContext(deps, m, acting.user, acting.colorMode, frame.location, frame.extra),
    autoHeight: frame.autoHeight,
  };
}

/** What `enableTheming` applies in a frame (docs/local-platform.md, "Theming and CSP"). */
const THEME = themeSetup();

export function shellConfig(deps: PageDeps, acting: Acting, extensions: ShellExtension[]): ShellConfig {
  const moduleUrls: Record<string, string> = {};
  for (const s of surfaces(deps.manifest)) moduleUrls[s.module.key] = s.path;
  return {
    siteName: deps.site.siteName,
    siteUrl: deps.appUrl,
    appId: deps.manifest.appId,
    environmentId: LOCAL_IDS.environmentId,
    colorMode: acting.colorMode,
    user: { accountId: acting.user.accountId, email: acting.email, displayName: acting.user.displayName },
    moduleUrls,
    extensions,
    cdnOrigin: new URL(deps.cdnUrl).origin,
    theme: THEME,
  };
}
