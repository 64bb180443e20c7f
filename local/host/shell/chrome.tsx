/** @jsxRuntime automatic */
/**
 * The parts every shell page shares: the document around it, the top bar (site, "acting as",
 * theme toggle, avatar), the notice for a deactivated user, a person with their avatar, a Custom UI
 * iframe and the flags region. Rendered to HTML with `react-dom/server` (`renderDocument`), which
 * escapes every text and attribute value.
 *
 * Every .tsx file under local/ starts with the automatic-JSX-runtime pragma: tsx (`npm start`) applies
 * tsconfig.json only to src/, so the pragma tells it what tsconfig.check.json tells tsc and ESLint.
 */
import type { ReactNode } from 'react';
import { renderToStaticMarkup } from 'react-dom/server';
import type { JiraSite } from '../../jira/jira-site.js';
import type { SeedUser } from '../../jira/seed.js';
import { FORGE_IFRAME_ALLOW, FORGE_IFRAME_SANDBOX, resourcePath } from '../cdn.js';
import type { ShellConfig } from '../public/protocol.js';
import type { Acting } from './acting.js';
import { FAVICON, JiraLogo, MoonIcon, SunIcon } from './icons.js';
import type { ColorMode, PageDeps } from './page-deps.js';

export const BRIDGE_HOST_PATH = '/__local/bridge/host.js';
export const SHELL_CSS_PATH = '/__local/bridge/shell.css';

/** JSON that is safe inside `<script type="application/json">`. */
function scriptJson(value: unknown): string {
  return JSON.stringify(value).replace(/</g, '\\u003c').replace(/>/g, '\\u003e').replace(/&/g, '\\u0026');
}

/** A whole page as HTML. */
export function renderDocument(page: ReactNode): string {
  return `<!doctype html>\n${renderToStaticMarkup(page)}`;
}

export function Document(props: {
  title: string;
  colorMode: ColorMode;
  config?: ShellConfig;
  children: ReactNode;
}) {
  return (
    <html lang="en" data-color-mode={props.colorMode}>
      <head>
        <meta charSet="utf-8" />
        <meta name="viewport" content="width=device-width, initial-scale=1" />
        <title>{props.title}</title>
        <link rel="icon" href={FAVICON} />
        <link rel="stylesheet" href={SHELL_CSS_PATH} />
        {props.config && (
          // The one raw insertion: JSON for bridge-host.ts, with `<`, `>` and `&` escaped by scriptJson.
          <script
            type="application/json"
            id="forge-local-shell"
            dangerouslySetInnerHTML={{ __html: scriptJson(props.config) }}
          />
        )}
        {/*
          Not deferred: the shell answers the bridge before any frame below exists, as Jira's does (it
          creates its app iframes itself). A deferred host could run after a fast frame's first calls,
          whose messages nobody heard: the calls never settled (the background script's notices).
        */}
        <script src={BRIDGE_HOST_PATH} />
      </head>
      <body>{props.children}</body>
    </html>
  );
}

export function avatarUrl(user: SeedUser, size = 32): string {
  return `/__local/avatars/${encodeURIComponent(user.accountId)}.svg?s=${size}`;
}

function UserOptions({ site }: { site: JiraSite }) {
  const people = site.users().filter((u) => u.emailAddress);
  const option = (u: SeedUser) => (
    <option key={u.accountId} value={u.emailAddress}>
      {`${u.displayName} (${u.emailAddress ?? ''})${u.active ? '' : ' — deactivated'}`}
    </option>
  );
  const inactive = people.filter((u) => !u.active);
  return (
    <>
      <optgroup label="Active">{people.filter((u) => u.active).map(option)}</optgroup>
      {inactive.length > 0 && <optgroup label="Deactivated">{inactive.map(option)}</optgroup>}
    </>
  );
}

export function TopBar({ deps, acting, here }: { deps: PageDeps; acting: Acting; here: string }) {
  const dark = acting.colorMode === 'dark';
  return (
    <header className="topbar">
      <a className="product" href="/">
        <JiraLogo />
        <span>Jira</span>
        <span className="product-site">{deps.site.siteName}</span>
      </a>
      <span className="topbar-badge" title="A local stand-in for a Jira Cloud site">
        Local
      </span>
      <span className="topbar-spacer"></span>
      <form className="acting-as" method="get" action={here}>
        <label htmlFor="acting-as">Acting as</label>
        <select id="acting-as" name="as" defaultValue={acting.user.emailAddress}>
          <UserOptions site={deps.site} />
        </select>
        <noscript>
          <button type="submit">Switch</button>
        </noscript>
      </form>
      <button
        type="button"
        id="theme-toggle"
        className="icon-button"
        aria-label="Dark theme"
        aria-pressed={dark}
        title={dark ? 'Switch to light theme' : 'Switch to dark theme'}
      >
        <SunIcon />
        <MoonIcon />
      </button>
      <img
        className="avatar"
        src={avatarUrl(acting.user)}
        alt={acting.user.displayName}
        title={`${acting.user.displayName} (${acting.email})`}
        width="32"
        height="32"
      />
    </header>
  );
}

export function InactiveNotice({ acting }: { acting: Acting }) {
  if (acting.user.active) return null;
  return (
    <p className="notice" role="status">
      {`${acting.user.displayName} is deactivated: Jira would not let them sign in, so the app's calls are refused.`}
    </p>
  );
}

/** A person with their avatar, or `none` when there is no one (`Unknown user` for an unknown id). */
export function Person({
  deps,
  accountId,
  none = 'Unassigned',
}: {
  deps: PageDeps;
  accountId: string | null;
  none?: string;
}) {
  const user = accountId ? deps.site.user(accountId) : undefined;
  if (!user) return <span className="issue-none">{accountId ? 'Unknown user' : none}</span>;
  return (
    <span className="person">
      <img className="avatar avatar-small" src={avatarUrl(user, 24)} alt="" width="24" height="24" />
      {user.displayName}
      {!user.active && (
        <>
          {' '}
          <span className="tag tag-inactive">Inactive</span>
        </>
      )}
    </span>
  );
}

/** A Custom UI resource in Forge's iframe sandbox, loaded from the local Forge CDN. */
export function ForgeFrame(props: {
  deps: PageDeps;
  resourceKey: string;
  moduleKey: string;
  frameId: string;
  title: string;
  autoHeight: boolean;
  className?: string;
}) {
  const { deps } = props;
  const src = `${deps.cdnUrl}${resourcePath(deps.manifest, props.resourceKey)}index.html?moduleKey=${encodeURIComponent(props.moduleKey)}`;
  return (
    <iframe
      className={props.className ?? 'frame'}
      data-forge-frame={props.frameId}
      data-auto-height={props.autoHeight ? '' : undefined}
      title={props.title}
      src={src}
      sandbox={FORGE_IFRAME_SANDBOX}
      allow={FORGE_IFRAME_ALLOW}
    ></iframe>
  );
}

/** Where `bridge-host.ts` shows the app's flags. */
export function FlagsRegion() {
  return <section id="forge-flags" className="flags" aria-label="Flags"></section>;
}
