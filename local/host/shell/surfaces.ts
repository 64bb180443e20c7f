/** The app's modules as the shell shows them: page modules at their Jira paths, subpages, kinds. */
import type { Manifest, ManifestModule } from '../../runtime/manifest.js';
import { LOCAL_IDS } from '../../runtime/runtime.js';
import type { Acting } from './acting.js';
import type { PageDeps } from './page-deps.js';

export interface Surface {
  module: ManifestModule;
  /** Shell path of the module's page, e.g. `/jira/settings/apps/<appId>/<envId>`. */
  path: string;
  label: string;
}

export const PAGE_KINDS = new Set(['jira:adminPage', 'jira:globalPage', 'jira:personalSettingsPage']);

export const KIND_LABELS: Record<string, string> = {
  'jira:adminPage': 'Admin page',
  'jira:globalPage': 'Global page',
  'jira:personalSettingsPage': 'Personal settings page',
  'jira:issuePanel': 'Issue panel',
  'jira:globalBackgroundScript': 'Background script',
  scheduledTrigger: 'Scheduled trigger',
  trigger: 'Product event trigger',
  webtrigger: 'Web trigger',
  consumer: 'Queue consumer',
};

export function adminPageVariant(m: ManifestModule): 'configure' | 'get-started' | '' {
  if (m.raw.useAsConfig === true) return 'configure';
  if (m.raw.useAsGetStarted === true) return 'get-started';
  return '';
}

function surfacePath(manifest: Manifest, m: ManifestModule): string | undefined {
  const ids = `${manifest.appId}/${LOCAL_IDS.environmentId}`;
  switch (m.kind) {
    case 'jira:adminPage': {
      const variant = adminPageVariant(m);
      return `/jira/settings/apps/${variant ? `${variant}/` : ''}${ids}`;
    }
    case 'jira:globalPage':
      return `/jira/apps/${ids}`;
    case 'jira:personalSettingsPage':
      return `/jira/settings/personal/apps/${ids}`;
    default:
      return undefined;
  }
}

export function surfaces(manifest: Manifest): Surface[] {
  const list: Surface[] = [];
  for (const m of manifest.modules) {
    const path = surfacePath(manifest, m);
    if (path) list.push({ module: m, path, label: m.title ?? m.key });
  }
  return list;
}

/** The manifest's subpages of a page module (`pages: [{title, route}]`, `sections: [{header, pages}]`). */
export function subpages(m: ManifestModule): { title: string; route: string; section?: string }[] {
  const out: { title: string; route: string; section?: string }[] = [];
  const add = (list: unknown, section?: string) => {
    if (!Array.isArray(list)) return;
    for (const p of list as Record<string, unknown>[]) {
      if (p && typeof p.title === 'string' && typeof p.route === 'string') {
        out.push({ title: p.title, route: p.route.replace(/^\/+/, ''), ...(section ? { section } : {}) });
      }
    }
  };
  add(m.raw.pages);
  if (Array.isArray(m.raw.sections)) {
    for (const s of m.raw.sections as Record<string, unknown>[])
      add(s?.pages, typeof s?.header === 'string' ? s.header : undefined);
  }
  return out;
}

/** `experience` of a `jira:globalBackgroundScript` (FORGE-FACTS §1.1: none = runs nowhere). */
export function backgroundExperiences(m: ManifestModule): string[] {
  return Array.isArray(m.raw.experience)
    ? m.raw.experience.filter((e): e is string => typeof e === 'string')
    : [];
}

/**
 * The display conditions the shell can decide (FORGE-FACTS §1.1); others (`jiraExpression`, entity
 * properties...) are taken as met. UI only: resolvers authorize on their own.
 */
export function displayConditionsMet(deps: PageDeps, m: ManifestModule, acting: Acting): boolean {
  const conditions = m.raw.displayConditions;
  if (!conditions || typeof conditions !== 'object') return true;
  const c = conditions as Record<string, unknown>;
  const admin = deps.site.isAdmin(acting.user.accountId);
  for (const key of ['isAdmin', 'isSiteAdmin', 'canAdministerJira'] as const) {
    if (typeof c[key] === 'boolean' && c[key] !== admin) return false;
  }
  if (c.isLoggedIn === false) return false;
  return true;
}
