/**
 * The Jira-like shell of the local site: the home page, the pages that render the app's Custom UI
 * in a sandboxed iframe as Jira does, and the shell's own scripts and styles. The Custom UI
 * resources come from another origin, the local Forge CDN (`cdn.ts`).
 *
 *   GET /                                            home: who you are, switcher, every surface
 *   GET /jira/settings/apps/<appId>/<envId>[/...]    jira:adminPage (sub-paths = the app's subpages)
 *   GET /jira/settings/apps/configure|get-started/…  jira:adminPage with useAsConfig / useAsGetStarted
 *   GET /jira/apps/<appId>/<envId>[/...]             jira:globalPage
 *   GET /browse/<issueKey>                           the issue view, with the app's jira:issuePanel modules
 *   GET /__local/bridge/{host.js,shell.css}
 *
 * Every shell page also runs the app's `jira:globalBackgroundScript` modules (for their `experience`)
 * in hidden iframes, and shows their flags.
 *
 * Any page accepts `?as=<email>` (kept in the `forge-local-as` cookie) and `?theme=light|dark`
 * (kept in `forge-local-theme`).
 */
import { readFile } from 'node:fs/promises';
import type { IncomingMessage, ServerResponse } from 'node:http';
import { join } from 'node:path';
import type { JiraSite } from '../jira/jira-site.js';
import type { AdfDocument, SeedIssue, SeedUser } from '../jira/seed.js';
import type { Manifest, ManifestModule } from '../runtime/manifest.js';
import { LOCAL_IDS } from '../runtime/runtime.js';
import { browserScript, PUBLIC_DIR } from './browser-script.js';
import { FORGE_IFRAME_ALLOW, FORGE_IFRAME_SANDBOX, resourcePath, themeSetup } from './cdn.js';
import { AS_COOKIE, DEFAULT_AS_EMAIL, readCookie } from './control.js';
import type { ShellConfig, ShellExtension } from './public/protocol.js';
import {
  TRANSITION_PATH,
  handleTransitionPost,
  transitionBanner,
  transitionsBlock,
} from './issue-transitions.js';

export { FORGE_IFRAME_SANDBOX } from './cdn.js';
export const THEME_COOKIE = 'forge-local-theme';
export const BRIDGE_HOST_PATH = '/__local/bridge/host.js';
export const SHELL_CSS_PATH = '/__local/bridge/shell.css';

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

type ColorMode = 'light' | 'dark';

// ------------------------------------------------------------------ small helpers

export function escapeHtml(value: string | number | boolean | null | undefined): string {
  return String(value ?? '').replace(/[&<>"']/g, (c) => `&#${c.charCodeAt(0)};`);
}

/** JSON that is safe inside `<script type="application/json">`. */
function scriptJson(value: unknown): string {
  return JSON.stringify(value).replace(/</g, '\\u003c').replace(/>/g, '\\u003e').replace(/&/g, '\\u0026');
}

function send(
  res: ServerResponse,
  status: number,
  type: string,
  body: string | Buffer,
  headers: Record<string, string | string[]> = {},
): void {
  res.writeHead(status, {
    'content-type': type,
    'cache-control': 'no-store',
    'x-content-type-options': 'nosniff',
    ...headers,
  });
  res.end(body);
}

// ------------------------------------------------------------------ surfaces

interface Surface {
  module: ManifestModule;
  /** Shell path of the module's page, e.g. `/jira/settings/apps/<appId>/<envId>`. */
  path: string;
  label: string;
}

const PAGE_KINDS = new Set(['jira:adminPage', 'jira:globalPage', 'jira:personalSettingsPage']);

function adminPageVariant(m: ManifestModule): 'configure' | 'get-started' | '' {
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

function surfaces(manifest: Manifest): Surface[] {
  const list: Surface[] = [];
  for (const m of manifest.modules) {
    const path = surfacePath(manifest, m);
    if (path) list.push({ module: m, path, label: m.title ?? m.key });
  }
  return list;
}

/** The manifest's subpages of a page module (`pages: [{title, route}]`, `sections: [{header, pages}]`). */
function subpages(m: ManifestModule): { title: string; route: string; section?: string }[] {
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

const KIND_LABELS: Record<string, string> = {
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

// ------------------------------------------------------------------ the acting user

interface Acting {
  user: SeedUser;
  email: string;
  setCookie: string[];
  colorMode: ColorMode;
}

function cookie(name: string, value: string): string {
  return `${name}=${encodeURIComponent(value)}; Path=/; SameSite=Lax; Max-Age=31536000`;
}

/** Who the page acts as: `?as=` (remembered), else the cookie, else the site admin. */
function actingUser(site: JiraSite, req: IncomingMessage, url: URL): Acting | { unknownEmail: string } {
  const setCookie: string[] = [];
  const asParam = url.searchParams.get('as');
  let user: SeedUser | undefined;
  if (asParam !== null && asParam.trim() !== '') {
    user = site.userByEmail(asParam.trim());
    if (!user) return { unknownEmail: asParam.trim() };
    setCookie.push(cookie(AS_COOKIE, user.emailAddress ?? asParam.trim()));
  } else {
    const remembered = readCookie(req, AS_COOKIE);
    user = remembered ? site.userByEmail(remembered) : undefined;
    if (!user) user = site.userByEmail(DEFAULT_AS_EMAIL);
    if (!user) throw new Error(`the seed has no ${DEFAULT_AS_EMAIL}`);
    if (remembered && remembered.toLowerCase() !== (user.emailAddress ?? '').toLowerCase()) {
      // A stale cookie (an address that no longer exists): fall back to the admin and forget it.
      setCookie.push(cookie(AS_COOKIE, user.emailAddress ?? DEFAULT_AS_EMAIL));
    }
  }
  const themeParam = url.searchParams.get('theme');
  let colorMode: ColorMode = readCookie(req, THEME_COOKIE) === 'dark' ? 'dark' : 'light';
  if (themeParam === 'light' || themeParam === 'dark') {
    colorMode = themeParam;
    setCookie.push(cookie(THEME_COOKIE, themeParam));
  }
  return { user, email: user.emailAddress ?? DEFAULT_AS_EMAIL, setCookie, colorMode };
}

// ------------------------------------------------------------------ HTML

const ICONS = {
  jira: '<svg class="product-logo" viewBox="0 0 24 24" aria-hidden="true"><path fill="currentColor" d="M11.53 2c0 2.4 1.97 4.35 4.35 4.35h1.78v1.7c0 2.4 1.94 4.34 4.34 4.35V2.84a.84.84 0 0 0-.84-.84H11.53z"/><path fill="currentColor" opacity=".8" d="M6.77 6.8a4.36 4.36 0 0 0 4.34 4.34h1.8v1.72a4.36 4.36 0 0 0 4.34 4.34V7.63a.84.84 0 0 0-.83-.83H6.77z"/><path fill="currentColor" opacity=".65" d="M2 11.6c0 2.4 1.95 4.34 4.35 4.35h1.78v1.72c.01 2.39 1.95 4.33 4.34 4.33v-9.57a.84.84 0 0 0-.84-.84H2z"/></svg>',
  back: '<svg viewBox="0 0 24 24" aria-hidden="true"><path d="M15 6l-6 6 6 6" stroke="currentColor" stroke-width="2" fill="none" stroke-linecap="round" stroke-linejoin="round"/></svg>',
  app: '<svg class="nav-icon" viewBox="0 0 24 24" aria-hidden="true"><rect x="4" y="4" width="7" height="7" rx="1.5" fill="none" stroke="currentColor" stroke-width="1.8"/><rect x="13" y="4" width="7" height="7" rx="1.5" fill="none" stroke="currentColor" stroke-width="1.8"/><rect x="4" y="13" width="7" height="7" rx="1.5" fill="none" stroke="currentColor" stroke-width="1.8"/><rect x="13" y="13" width="7" height="7" rx="3.5" fill="none" stroke="currentColor" stroke-width="1.8"/></svg>',
  sun: '<svg class="theme-icon-light" viewBox="0 0 24 24" aria-hidden="true"><circle cx="12" cy="12" r="4" fill="none" stroke="currentColor" stroke-width="2"/><path d="M12 2.5v2.2M12 19.3v2.2M2.5 12h2.2M19.3 12h2.2M5.3 5.3l1.6 1.6M17.1 17.1l1.6 1.6M5.3 18.7l1.6-1.6M17.1 6.9l1.6-1.6" stroke="currentColor" stroke-width="2" stroke-linecap="round"/></svg>',
  moon: '<svg class="theme-icon-dark" viewBox="0 0 24 24" aria-hidden="true"><path d="M20 14.5A8 8 0 1 1 9.5 4a6.5 6.5 0 0 0 10.5 10.5z" fill="none" stroke="currentColor" stroke-width="2" stroke-linejoin="round"/></svg>',
};

function avatarUrl(user: SeedUser, size = 32): string {
  return `/__local/avatars/${encodeURIComponent(user.accountId)}.svg?s=${size}`;
}

function userOptions(site: JiraSite, current: SeedUser): string {
  const people = site.users().filter((u) => u.emailAddress);
  const option = (u: SeedUser) =>
    `<option value="${escapeHtml(u.emailAddress)}"${u.accountId === current.accountId ? ' selected' : ''}>${escapeHtml(u.displayName)} (${escapeHtml(u.emailAddress)})${u.active ? '' : ' — deactivated'}</option>`;
  const active = people
    .filter((u) => u.active)
    .map(option)
    .join('');
  const inactive = people
    .filter((u) => !u.active)
    .map(option)
    .join('');
  return `<optgroup label="Active">${active}</optgroup>${inactive ? `<optgroup label="Deactivated">${inactive}</optgroup>` : ''}`;
}

function topBar(deps: PageDeps, acting: Acting, here: string): string {
  return `<header class="topbar">
  <a class="product" href="/">${ICONS.jira}<span>Jira</span><span class="product-site">${escapeHtml(deps.site.siteName)}</span></a>
  <span class="topbar-badge" title="A local stand-in for a Jira Cloud site">Local</span>
  <span class="topbar-spacer"></span>
  <form class="acting-as" method="get" action="${escapeHtml(here)}">
    <label for="acting-as">Acting as</label>
    <select id="acting-as" name="as">${userOptions(deps.site, acting.user)}</select>
    <noscript><button type="submit">Switch</button></noscript>
  </form>
  <button type="button" id="theme-toggle" class="icon-button" aria-label="Dark theme" aria-pressed="${acting.colorMode === 'dark'}" title="${acting.colorMode === 'dark' ? 'Switch to light theme' : 'Switch to dark theme'}">${ICONS.sun}${ICONS.moon}</button>
  <img class="avatar" src="${escapeHtml(avatarUrl(acting.user))}" alt="${escapeHtml(acting.user.displayName)}" title="${escapeHtml(`${acting.user.displayName} (${acting.email})`)}" width="32" height="32">
</header>`;
}

const FAVICON = `data:image/svg+xml,${encodeURIComponent('<svg xmlns="http://www.w3.org/2000/svg" viewBox="0 0 24 24"><path fill="#0c66e4" d="M11.53 2c0 2.4 1.97 4.35 4.35 4.35h1.78v1.7c0 2.4 1.94 4.34 4.34 4.35V2.84a.84.84 0 0 0-.84-.84H11.53zM6.77 6.8a4.36 4.36 0 0 0 4.34 4.34h1.8v1.72a4.36 4.36 0 0 0 4.34 4.34V7.63a.84.84 0 0 0-.83-.83H6.77zM2 11.6c0 2.4 1.95 4.34 4.35 4.35h1.78v1.72c.01 2.39 1.95 4.33 4.34 4.33v-9.57a.84.84 0 0 0-.84-.84H2z"/></svg>')}`;

function documentHtml(opts: {
  title: string;
  colorMode: ColorMode;
  body: string;
  config?: ShellConfig;
}): string {
  return `<!doctype html>
<html lang="en" data-color-mode="${opts.colorMode}">
<head>
<meta charset="utf-8">
<meta name="viewport" content="width=device-width, initial-scale=1">
<title>${escapeHtml(opts.title)}</title>
<link rel="icon" href="${FAVICON}">
<link rel="stylesheet" href="${SHELL_CSS_PATH}">
${opts.config ? `<script type="application/json" id="forge-local-shell">${scriptJson(opts.config)}</script>` : ''}
<script src="${BRIDGE_HOST_PATH}" defer></script>
</head>
<body>
${opts.body}
</body>
</html>`;
}

function inactiveNotice(acting: Acting): string {
  return acting.user.active
    ? ''
    : `<p class="notice" role="status">${escapeHtml(acting.user.displayName)} is deactivated: Jira would not let them sign in, so the app's calls are refused.</p>`;
}

function shellConfig(deps: PageDeps, acting: Acting, extensions: ShellExtension[]): ShellConfig {
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

/** What `enableTheming` applies in a frame (docs/local-platform.md, "Theming and CSP"). */
const THEME = themeSetup();

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
    locale: (user.locale || 'en_US').replace('_', '-'),
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

function iframeFor(
  deps: PageDeps,
  resourceKey: string,
  moduleKey: string,
  frameId: string,
  title: string,
  autoHeight: boolean,
  className = 'frame',
): string {
  const src = `${deps.cdnUrl}${resourcePath(deps.manifest, resourceKey)}index.html?moduleKey=${encodeURIComponent(moduleKey)}`;
  return `<iframe class="${escapeHtml(className)}" data-forge-frame="${escapeHtml(frameId)}"${autoHeight ? ' data-auto-height' : ''} title="${escapeHtml(title)}" src="${escapeHtml(src)}" sandbox="${FORGE_IFRAME_SANDBOX}" allow="${FORGE_IFRAME_ALLOW}"></iframe>`;
}

function pageModulePage(deps: PageDeps, acting: Acting, surface: Surface, subPath: string, url: URL): string {
  const m = surface.module;
  const resource = deps.manifest.resources.find((r) => r.key === m.resource);
  const frameId = `${m.key}-frame`;
  const location = `${deps.appUrl}${url.pathname}`;
  const ext: ShellExtension = {
    frameId,
    moduleKey: m.key,
    moduleKind: m.kind,
    resourceKey: m.resource ?? '',
    basePath: surface.path,
    context: forgeContext(deps, m, acting.user, acting.colorMode, location),
    autoHeight: true,
  };
  const title = surface.label;
  const here = `${url.pathname}`;
  const main = resource
    ? iframeFor(deps, resource.key, m.key, frameId, title, true)
    : `<div class="message"><h1>No resource</h1><p>Module <code>${escapeHtml(m.key)}</code> has no <code>resource</code> in manifest.yml, so there is nothing to render.</p></div>`;

  let sidebar = '';
  if (m.kind === 'jira:adminPage') {
    const adminPages = surfaces(deps.manifest).filter(
      (s) => s.module.kind === 'jira:adminPage' && !adminPageVariant(s.module),
    );
    const items = adminPages
      .map((s) => {
        const subs = subpages(s.module)
          .map(
            (p) =>
              `<li class="nav-sub"><a data-nav data-subpage="${escapeHtml(s.module.key)}" href="${escapeHtml(`${s.path}/${p.route}`)}">${escapeHtml(p.title)}</a></li>`,
          )
          .join('');
        const current = s.module.key === m.key && !subPath ? ' aria-current="page"' : '';
        return `<li><a data-nav href="${escapeHtml(s.path)}"${current}>${ICONS.app}<span>${escapeHtml(s.label)}</span></a></li>${subs}`;
      })
      .join('');
    sidebar = `<nav class="sidebar" aria-label="Jira settings">
  <a class="sidebar-back" href="/">${ICONS.back}<span>Back to Jira</span></a>
  <h2 class="sidebar-title">Apps</h2>
  <ul class="nav">
    <li><span class="nav-static">Explore apps</span></li>
    <li><span class="nav-static">Manage apps</span></li>
  </ul>
  <h3 class="nav-section">Apps</h3>
  <ul class="nav">${items}</ul>
</nav>`;
  }

  const background = backgroundScripts(deps, acting, location);
  const body = `<a class="skip-link" href="#main">Skip to the app</a>
${topBar(deps, acting, here)}
<div class="layout">
${sidebar}
<main class="page" id="main" tabindex="-1">
${inactiveNotice(acting)}
${main}
</main>
</div>
<section id="forge-flags" class="flags" aria-label="Flags"></section>
${background.html}`;
  return documentHtml({
    title: `${title} - ${deps.site.siteName}`,
    colorMode: acting.colorMode,
    body,
    config: shellConfig(deps, acting, [ext, ...background.extensions]),
  });
}

function homePage(deps: PageDeps, acting: Acting): string {
  const surfaceList = surfaces(deps.manifest);
  const cards = surfaceList
    .map(
      (s) =>
        `<li><a class="card" href="${escapeHtml(s.path)}"><span class="card-title">${escapeHtml(s.label)}</span><span class="card-meta">${escapeHtml(KIND_LABELS[s.module.kind] ?? s.module.kind)}${adminPageVariant(s.module) ? ` (${adminPageVariant(s.module)})` : ''} · <code>${escapeHtml(s.module.key)}</code></span></a></li>`,
    )
    .join('');
  const others = deps.manifest.modules
    .filter((m) => !surfaceList.some((s) => s.module === m))
    .map((m) => {
      let how = '';
      if (m.kind === 'webtrigger') how = `POST <code>/x/${escapeHtml(m.key)}</code>`;
      else if (m.kind === 'scheduledTrigger')
        how = `run now: POST <code>/__local/scheduled/${escapeHtml(m.key)}</code>`;
      else if (m.kind === 'trigger') how = `fire: POST <code>/__local/trigger/${escapeHtml(m.key)}</code>`;
      else if (m.kind === 'jira:issuePanel') how = 'shown in the issue view';
      else if (m.kind === 'jira:globalBackgroundScript')
        how = `runs on ${backgroundExperiences(m).includes('all') ? 'every page' : backgroundExperiences(m).join(', ')}`;
      return `<li><div class="card"><span class="card-title" style="color:var(--text)">${escapeHtml(m.title ?? m.key)}</span><span class="card-meta">${escapeHtml(KIND_LABELS[m.kind] ?? m.kind)} · <code>${escapeHtml(m.key)}</code>${how ? `<br>${how}` : ''}</span></div></li>`;
    })
    .join('');
  const named = deps.site
    .users()
    .filter((u) => u.emailAddress)
    .slice(0, 10)
    .map(
      (u) =>
        `<tr><td><span class="person"><img class="avatar" src="${escapeHtml(avatarUrl(u, 24))}" alt="" width="24" height="24">${escapeHtml(u.displayName)}</span></td><td>${escapeHtml(u.emailAddress)}</td><td><span class="tag ${u.active ? 'tag-active' : 'tag-inactive'}">${u.active ? 'Active' : 'Inactive'}</span>${deps.site.isAdmin(u.accountId) ? ' <span class="tag">Jira admin</span>' : ''}</td><td><a href="/?as=${encodeURIComponent(u.emailAddress ?? '')}">Act as</a></td></tr>`,
    )
    .join('');
  const issues = deps.site
    .allIssues()
    .map((issue) => {
      const project = deps.site.project(issue.projectId);
      return `<li><a class="card" href="${escapeHtml(issuePath(issue.key))}"><span class="card-title">${escapeHtml(issue.key)}</span> <span style="color:var(--text)">${escapeHtml(issue.summary)}</span><span class="card-meta">${escapeHtml(project?.name ?? '')} · ${escapeHtml(issue.statusName)}</span></a></li>`;
    })
    .join('');
  const background = backgroundScripts(deps, acting, `${deps.appUrl}/`);
  const body = `${topBar(deps, acting, '/')}
<main class="content" id="main">
  <h1>${escapeHtml(deps.site.siteName)}</h1>
  <p class="lead">A local Jira Cloud site running the app from <code>manifest.yml</code>. You are acting as <strong>${escapeHtml(acting.user.displayName)}</strong> (${escapeHtml(acting.email)})${deps.site.isAdmin(acting.user.accountId) ? ', a Jira administrator' : ''}. Add <code>?as=&lt;email&gt;</code> to any page, or use the switcher, to act as someone else.</p>
  ${inactiveNotice(acting)}
  <h2>App pages</h2>
  <ul class="card-list">${cards || '<li>The manifest has no page modules.</li>'}</ul>
  ${issues ? `<h2>Work items</h2><ul class="card-list">${issues}</ul>` : ''}
  ${others ? `<h2>Other modules</h2><ul class="card-list">${others}</ul>` : ''}
  <h2>People to act as</h2>
  <table class="people"><thead><tr><th scope="col">Person</th><th scope="col">Email</th><th scope="col">Status</th><th scope="col"><span class="visually-hidden">Action</span></th></tr></thead><tbody>${named}</tbody></table>
</main>
<section id="forge-flags" class="flags" aria-label="Flags"></section>
${background.html}`;
  return documentHtml({
    title: `${deps.site.siteName} - Local Jira`,
    colorMode: acting.colorMode,
    body,
    config: shellConfig(deps, acting, background.extensions),
  });
}

function messagePage(title: string, colorMode: ColorMode, html: string): string {
  return documentHtml({
    title,
    colorMode,
    body: `<main class="message" id="main"><h1>${escapeHtml(title)}</h1>${html}</main>`,
  });
}

function unknownUserPage(site: JiraSite, email: string): string {
  const list = site
    .users()
    .filter((u) => u.emailAddress && u.active)
    .slice(0, 10)
    .map(
      (u) =>
        `<li><a href="?as=${encodeURIComponent(u.emailAddress ?? '')}">${escapeHtml(u.emailAddress)}</a> — ${escapeHtml(u.displayName)}</li>`,
    )
    .join('');
  return messagePage(
    'Unknown user',
    'light',
    `<p>No seeded user has the email <strong>${escapeHtml(email)}</strong>, so the site can't act as them.</p><p>Try one of these:</p><ul>${list}</ul><p><a href="/">Back to the home page</a></p>`,
  );
}

// ------------------------------------------------------------------ background scripts

/** `experience` of a `jira:globalBackgroundScript` (FORGE-FACTS §1.1: none = runs nowhere). */
function backgroundExperiences(m: ManifestModule): string[] {
  return Array.isArray(m.raw.experience)
    ? m.raw.experience.filter((e): e is string => typeof e === 'string')
    : [];
}

/**
 * The app's background scripts for a shell page: hidden iframes (Jira's invisible container) and their
 * extensions. `issue` is set on the issue view, the only page where `issue-view` scripts run and where
 * the context carries `issue`/`project`.
 */
function backgroundScripts(
  deps: PageDeps,
  acting: Acting,
  location: string,
  issue?: { issue: Record<string, unknown>; project: Record<string, unknown> },
): { html: string; extensions: ShellExtension[] } {
  const extensions: ShellExtension[] = [];
  const frames: string[] = [];
  for (const m of deps.manifest.modules) {
    if (m.kind !== 'jira:globalBackgroundScript' || !m.resource) continue;
    const experiences = backgroundExperiences(m);
    if (!experiences.includes('all') && !(issue && experiences.includes('issue-view'))) continue;
    const resource = deps.manifest.resources.find((r) => r.key === m.resource);
    if (!resource) continue;
    const frameId = `${m.key}-background`;
    extensions.push({
      frameId,
      moduleKey: m.key,
      moduleKind: m.kind,
      resourceKey: resource.key,
      basePath: '/',
      context: forgeContext(deps, m, acting.user, acting.colorMode, location, {
        ...(issue ?? {}),
        experience: issue ? 'issue-view' : 'all',
      }),
      autoHeight: false,
    });
    frames.push(
      iframeFor(
        deps,
        resource.key,
        m.key,
        frameId,
        `${m.title ?? m.key} (background)`,
        false,
        'frame-background',
      ),
    );
  }
  return {
    html: frames.length ? `<div class="background-scripts" aria-hidden="true">${frames.join('')}</div>` : '',
    extensions,
  };
}

// ------------------------------------------------------------------ the issue view

export function issuePath(key: string): string {
  return `/browse/${encodeURIComponent(key)}`;
}

const ISSUE_PATH = /^\/browse\/([A-Za-z][A-Za-z0-9_]*-\d+)\/?$/;

/** The plain text of an ADF document's paragraphs (the shell shows descriptions, it doesn't edit them). */
function adfParagraphs(doc: AdfDocument | null): string[] {
  if (!doc) return [];
  const text = (node: unknown): string => {
    if (!node || typeof node !== 'object') return '';
    const n = node as { type?: unknown; text?: unknown; content?: unknown };
    if (typeof n.text === 'string') return n.text;
    return Array.isArray(n.content) ? n.content.map(text).join('') : '';
  };
  return doc.content.map(text).filter((t) => t.trim() !== '');
}

/**
 * The display conditions the shell can decide (FORGE-FACTS §1.1); others (`jiraExpression`, entity
 * properties...) are taken as met. UI only: resolvers authorize on their own.
 */
function displayConditionsMet(deps: PageDeps, m: ManifestModule, acting: Acting): boolean {
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

function personHtml(deps: PageDeps, accountId: string | null, none = 'Unassigned'): string {
  const user = accountId ? deps.site.user(accountId) : undefined;
  if (!user) return `<span class="issue-none">${escapeHtml(accountId ? 'Unknown user' : none)}</span>`;
  return `<span class="person"><img class="avatar avatar-small" src="${escapeHtml(avatarUrl(user, 24))}" alt="" width="24" height="24">${escapeHtml(user.displayName)}${user.active ? '' : ' <span class="tag tag-inactive">Inactive</span>'}</span>`;
}

const ISSUE_ICON =
  '<svg class="issue-type-icon" viewBox="0 0 16 16" aria-hidden="true"><rect width="16" height="16" rx="3" fill="var(--brand)"/><path d="M4.5 8.2l2.2 2.2 4.8-4.8" stroke="#fff" stroke-width="1.8" fill="none" stroke-linecap="round" stroke-linejoin="round"/></svg>';

/** The issue's comments, oldest first (the app comments on owners' work items). */
function commentsHtml(deps: PageDeps, issue: SeedIssue): string {
  const comments = issue.comments ?? [];
  if (comments.length === 0) return '<p class="issue-none">No comments yet.</p>';
  return `<ol class="issue-comments">${comments
    .map(
      (c) =>
        `<li class="issue-comment">${personHtml(deps, c.authorAccountId)} <span class="issue-dates">${escapeHtml(c.created.slice(0, 10))}</span>${adfParagraphs(
          c.body,
        )
          .map((p) => `<p>${escapeHtml(p)}</p>`)
          .join('')}</li>`,
    )
    .join('')}</ol>`;
}

function issuePage(deps: PageDeps, acting: Acting, issue: SeedIssue, url: URL): string {
  const project = deps.site.project(issue.projectId);
  const issueType = project?.issueTypes.find((t) => t.id === issue.issueTypeId);
  const location = `${deps.appUrl}${url.pathname}`;
  const issueContext = {
    issue: { id: issue.id, key: issue.key, type: issueType?.name ?? '', typeId: issue.issueTypeId },
    project: { id: issue.projectId, key: project?.key ?? '', type: project?.projectTypeKey ?? 'software' },
  };

  const extensions: ShellExtension[] = [];
  const panels = deps.manifest.modules
    .filter((m) => m.kind === 'jira:issuePanel' && m.resource && displayConditionsMet(deps, m, acting))
    .map((m) => {
      const resource = deps.manifest.resources.find((r) => r.key === m.resource);
      if (!resource) return '';
      const frameId = `${m.key}-frame`;
      extensions.push({
        frameId,
        moduleKey: m.key,
        moduleKind: m.kind,
        resourceKey: resource.key,
        basePath: url.pathname,
        context: forgeContext(deps, m, acting.user, acting.colorMode, location, {
          ...issueContext,
          isNewToIssue: false,
          location,
        }),
        autoHeight: true,
      });
      const title = m.title ?? m.key;
      const headingId = `${m.key}-title`;
      return `<section class="issue-panel" aria-labelledby="${escapeHtml(headingId)}" data-issue-panel="${escapeHtml(m.key)}">
  <h2 class="issue-panel-title" id="${escapeHtml(headingId)}">${ICONS.app}<span>${escapeHtml(title)}</span></h2>
  ${iframeFor(deps, resource.key, m.key, frameId, title, true, 'frame frame-panel')}
</section>`;
    })
    .join('');

  const description = adfParagraphs(issue.description)
    .map((p) => `<p>${escapeHtml(p)}</p>`)
    .join('');
  const userFieldRows = Object.entries(issue.userFields)
    .map(([fieldId, accountId]) => {
      const field = deps.site.userPickerField(fieldId);
      return `<dt>${escapeHtml(field?.name ?? fieldId)}</dt><dd data-field="${escapeHtml(fieldId)}">${personHtml(deps, accountId, 'None')}</dd>`;
    })
    .join('');
  const background = backgroundScripts(deps, acting, location, issueContext);

  const body = `<a class="skip-link" href="#main">Skip to the work item</a>
${topBar(deps, acting, url.pathname)}
<main class="issue-view" id="main" tabindex="-1">
${inactiveNotice(acting)}
<nav class="breadcrumbs" aria-label="Breadcrumbs"><a href="/">Projects</a><span aria-hidden="true">/</span><span>${escapeHtml(project?.name ?? '')}</span><span aria-hidden="true">/</span><span class="breadcrumb-key">${ISSUE_ICON}${escapeHtml(issue.key)}</span></nav>
${transitionBanner(url, issue, acting.user)}
<div class="issue-grid">
  <div class="issue-main">
    <h1 class="issue-summary">${escapeHtml(issue.summary)}</h1>
    <section class="issue-section" aria-labelledby="issue-description"><h2 id="issue-description">Description</h2>${description || '<p class="issue-none">Add a description…</p>'}</section>
    ${panels}
    <section class="issue-section" aria-labelledby="issue-activity"><h2 id="issue-activity">Activity</h2>${commentsHtml(deps, issue)}</section>
  </div>
  <aside class="issue-details" aria-label="Details">
    ${transitionsBlock(issue)}
    <div class="issue-details-box">
      <h2>Details</h2>
      <dl>
        <dt>Assignee</dt><dd>${personHtml(deps, issue.assigneeAccountId)}</dd>
        <dt>Reporter</dt><dd>${personHtml(deps, issue.reporterAccountId, 'None')}</dd>
        <dt>Watchers</dt><dd data-field="watchers">${issue.watchers?.length ? issue.watchers.map((id) => personHtml(deps, id)).join('<br>') : '<span class="issue-none">None</span>'}</dd>
        ${userFieldRows}
        <dt>Work type</dt><dd>${escapeHtml(issueType?.name ?? '')}</dd>
        <dt>Project</dt><dd>${escapeHtml(project ? `${project.name} (${project.key})` : '')}</dd>
        <dt>Labels</dt><dd>${issue.labels.length ? issue.labels.map((l) => `<span class="tag">${escapeHtml(l)}</span>`).join(' ') : '<span class="issue-none">None</span>'}</dd>
      </dl>
    </div>
    <p class="issue-dates">Created ${escapeHtml(issue.created.slice(0, 10))} · Updated ${escapeHtml(issue.updated.slice(0, 10))}</p>
  </aside>
</div>
</main>
<section id="forge-flags" class="flags" aria-label="Flags"></section>
${background.html}`;
  return documentHtml({
    title: `[${issue.key}] ${issue.summary} - ${deps.site.siteName}`,
    colorMode: acting.colorMode,
    body,
    config: shellConfig(deps, acting, [...extensions, ...background.extensions]),
  });
}

// ------------------------------------------------------------------ the router

export function createPageRouter(
  deps: PageDeps,
): (req: IncomingMessage, res: ServerResponse) => Promise<boolean> {
  const appId = deps.manifest.appId;
  const envId = LOCAL_IDS.environmentId;

  function matchSurface(
    pathname: string,
  ): { surface: Surface; subPath: string } | { wrongIds: true } | undefined {
    for (const surface of surfaces(deps.manifest)) {
      if (pathname === surface.path || pathname.startsWith(`${surface.path}/`)) {
        return { surface, subPath: pathname.slice(surface.path.length).replace(/^\/+/, '') };
      }
    }
    const shaped =
      /^\/jira\/(?:settings\/(?:personal\/)?)?apps\/(?:(?:configure|get-started)\/)?([^/]+)\/([^/]+)/.exec(
        pathname,
      );
    if (shaped && (shaped[1] !== appId || shaped[2] !== envId)) return { wrongIds: true };
    return undefined;
  }

  return async (req, res) => {
    const method = req.method ?? 'GET';
    const transition =
      method === 'POST' ? TRANSITION_PATH.exec(new URL(req.url ?? '/', 'http://local').pathname) : null;
    if (transition) {
      const acting = actingUser(deps.site, req, new URL(req.url ?? '/', 'http://local'));
      if ('unknownEmail' in acting) return false;
      const location = await handleTransitionPost(deps.site, acting.user, transition[1] ?? '', req);
      res.writeHead(303, { location, 'cache-control': 'no-store' });
      res.end();
      return true;
    }
    if (method !== 'GET' && method !== 'HEAD') return false;
    const url = new URL(req.url ?? '/', 'http://local');
    const path = url.pathname;

    if (path === BRIDGE_HOST_PATH) {
      send(res, 200, 'text/javascript; charset=utf-8', await browserScript('bridge-host.ts'));
      return true;
    }
    if (path === SHELL_CSS_PATH) {
      send(res, 200, 'text/css; charset=utf-8', await readFile(join(PUBLIC_DIR, 'shell.css')));
      return true;
    }

    const isHome = path === '/' || path === '/index.html';
    const issueKey = ISSUE_PATH.exec(path)?.[1];
    const match = isHome || issueKey ? undefined : matchSurface(path);
    if (!isHome && !issueKey && !match) return false;

    // The app's frames accept the site only at its own address (the CSP's frame-ancestors and the
    // bridge's origin check name it, as Forge names the Jira site): another name for the same
    // server, e.g. 127.0.0.1, goes to the site's address.
    const siteHost = new URL(deps.appUrl).host;
    if (req.headers.host && req.headers.host !== siteHost) {
      res.writeHead(307, {
        location: `${deps.appUrl}${url.pathname}${url.search}`,
        'cache-control': 'no-store',
      });
      res.end();
      return true;
    }

    const acting = actingUser(deps.site, req, url);
    if ('unknownEmail' in acting) {
      send(res, 400, 'text/html; charset=utf-8', unknownUserPage(deps.site, acting.unknownEmail));
      return true;
    }
    const headers: Record<string, string | string[]> = acting.setCookie.length
      ? { 'set-cookie': acting.setCookie }
      : {};
    if (isHome) {
      send(res, 200, 'text/html; charset=utf-8', homePage(deps, acting), headers);
      return true;
    }
    if (issueKey) {
      const issue = deps.site.issue(issueKey.toUpperCase());
      if (!issue) {
        const html = messagePage(
          'Work item not found',
          acting.colorMode,
          `<p>There is no work item <strong>${escapeHtml(issueKey)}</strong> on this site.</p><p><a href="/">Back to the home page</a></p>`,
        );
        send(res, 404, 'text/html; charset=utf-8', html, headers);
        return true;
      }
      send(res, 200, 'text/html; charset=utf-8', issuePage(deps, acting, issue, url), headers);
      return true;
    }
    if (match && 'wrongIds' in match) {
      const html = messagePage(
        'App not installed',
        acting.colorMode,
        `<p>This site has one app installed, <code>${escapeHtml(appId)}</code>, in environment <code>${escapeHtml(envId)}</code>. The address names another.</p><p><a href="/">Back to the home page</a></p>`,
      );
      send(res, 404, 'text/html; charset=utf-8', html, headers);
      return true;
    }
    if (match && PAGE_KINDS.has(match.surface.module.kind)) {
      send(
        res,
        200,
        'text/html; charset=utf-8',
        pageModulePage(deps, acting, match.surface, match.subPath, url),
        headers,
      );
      return true;
    }
    return false;
  };
}
