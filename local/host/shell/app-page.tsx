/** @jsxRuntime automatic */
/**
 * A page module (`jira:adminPage`, `jira:globalPage`, `jira:personalSettingsPage`) as Jira shows it:
 * the app's Custom UI in an iframe, and for admin pages the settings sidebar with the app's subpages.
 */
import type { Acting } from './acting.js';
import { backgroundScripts } from './background.js';
import { Document, FlagsRegion, ForgeFrame, InactiveNotice, TopBar, renderDocument } from './chrome.js';
import { frameExtension, shellConfig } from './forge-context.js';
import { AppIcon, BackIcon } from './icons.js';
import type { PageDeps } from './page-deps.js';
import { adminPageVariant, subpages, surfaces, type Surface } from './surfaces.js';

function AdminSidebar({ deps, current, subPath }: { deps: PageDeps; current: string; subPath: string }) {
  const adminPages = surfaces(deps.manifest).filter(
    (s) => s.module.kind === 'jira:adminPage' && !adminPageVariant(s.module),
  );
  return (
    <nav className="sidebar" aria-label="Jira settings">
      <a className="sidebar-back" href="/">
        <BackIcon />
        <span>Back to Jira</span>
      </a>
      <h2 className="sidebar-title">Apps</h2>
      <ul className="nav">
        <li>
          <span className="nav-static">Explore apps</span>
        </li>
        <li>
          <span className="nav-static">Manage apps</span>
        </li>
      </ul>
      <h3 className="nav-section">Apps</h3>
      <ul className="nav">
        {adminPages.flatMap((s) => [
          <li key={s.path}>
            <a
              data-nav=""
              href={s.path}
              aria-current={s.module.key === current && !subPath ? 'page' : undefined}
            >
              <AppIcon />
              <span>{s.label}</span>
            </a>
          </li>,
          ...subpages(s.module).map((p) => (
            <li className="nav-sub" key={`${s.path}/${p.route}`}>
              <a data-nav="" data-subpage={s.module.key} href={`${s.path}/${p.route}`}>
                {p.title}
              </a>
            </li>
          )),
        ])}
      </ul>
    </nav>
  );
}

export function pageModulePage(
  deps: PageDeps,
  acting: Acting,
  surface: Surface,
  subPath: string,
  url: URL,
): string {
  const m = surface.module;
  const resource = deps.manifest.resources.find((r) => r.key === m.resource);
  const frameId = `${m.key}-frame`;
  const location = `${deps.appUrl}${url.pathname}`;
  const ext = frameExtension(deps, acting, m, {
    frameId,
    resourceKey: m.resource ?? '',
    basePath: surface.path,
    location,
    autoHeight: true,
  });
  const background = backgroundScripts(deps, acting, location);
  return renderDocument(
    <Document
      title={`${surface.label} - ${deps.site.siteName}`}
      colorMode={acting.colorMode}
      config={shellConfig(deps, acting, [ext, ...background.extensions])}
    >
      <a className="skip-link" href="#main">
        Skip to the app
      </a>
      <TopBar deps={deps} acting={acting} here={url.pathname} />
      <div className="layout">
        {m.kind === 'jira:adminPage' && <AdminSidebar deps={deps} current={m.key} subPath={subPath} />}
        <main className="page" id="main" tabIndex={-1}>
          <InactiveNotice acting={acting} />
          {resource ? (
            <ForgeFrame
              deps={deps}
              resourceKey={resource.key}
              moduleKey={m.key}
              frameId={frameId}
              title={surface.label}
              autoHeight
            />
          ) : (
            <div className="message">
              <h1>No resource</h1>
              <p>
                Module <code>{m.key}</code> has no <code>resource</code> in manifest.yml, so there is nothing
                to render.
              </p>
            </div>
          )}
        </main>
      </div>
      <FlagsRegion />
      {background.frames}
    </Document>,
  );
}
