/**
 * The Jira-like shell of the local site: the home page, the pages that render the app's Custom UI
 * in a sandboxed iframe as Jira does, and the shell's own scripts and styles. The Custom UI
 * resources come from another origin, the local Forge CDN (`cdn.ts`). The pages themselves are
 * React components rendered on the server (`shell/*.tsx`).
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
import { LOCAL_IDS } from '../runtime/runtime.js';
import { browserScript, PUBLIC_DIR } from './browser-script.js';
import { TRANSITION_PATH, handleTransitionPost } from './issue-transitions.js';
import { actingUser } from './shell/acting.js';
import { pageModulePage } from './shell/app-page.js';
import { BRIDGE_HOST_PATH, SHELL_CSS_PATH } from './shell/chrome.js';
import { homePage } from './shell/home-page.js';
import { issuePage } from './shell/issue-page.js';
import { appNotInstalledPage, issueNotFoundPage, unknownUserPage } from './shell/message-pages.js';
import type { PageDeps } from './shell/page-deps.js';
import { PAGE_KINDS, surfaces, type Surface } from './shell/surfaces.js';

export type { PageDeps } from './shell/page-deps.js';

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

const ISSUE_PATH = /^\/browse\/([A-Za-z][A-Za-z0-9_]*-\d+)\/?$/;

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
        send(res, 404, 'text/html; charset=utf-8', issueNotFoundPage(issueKey, acting.colorMode), headers);
        return true;
      }
      send(res, 200, 'text/html; charset=utf-8', issuePage(deps, acting, issue, url), headers);
      return true;
    }
    if (match && 'wrongIds' in match) {
      send(
        res,
        404,
        'text/html; charset=utf-8',
        appNotInstalledPage(appId, envId, acting.colorMode),
        headers,
      );
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
