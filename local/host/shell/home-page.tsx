/** @jsxRuntime automatic */
/** The local site's home page: who you are, the app's pages, work items, other modules, people to act as. */
import type { ReactNode } from 'react';
import type { ManifestModule } from '../../runtime/manifest.js';
import type { Acting } from './acting.js';
import { backgroundScripts } from './background.js';
import { Document, FlagsRegion, InactiveNotice, TopBar, avatarUrl, renderDocument } from './chrome.js';
import { shellConfig } from './forge-context.js';
import type { PageDeps } from './page-deps.js';
import { KIND_LABELS, adminPageVariant, backgroundExperiences, surfaces } from './surfaces.js';

export function issuePath(key: string): string {
  return `/browse/${encodeURIComponent(key)}`;
}

/** How to reach a module that has no page of its own. */
function howToRun(m: ManifestModule): ReactNode {
  switch (m.kind) {
    case 'webtrigger':
      return (
        <>
          POST <code>{`/x/${m.key}`}</code>
        </>
      );
    case 'scheduledTrigger':
      return (
        <>
          run now: POST <code>{`/__local/scheduled/${m.key}`}</code>
        </>
      );
    case 'trigger':
      return (
        <>
          fire: POST <code>{`/__local/trigger/${m.key}`}</code>
        </>
      );
    case 'jira:issuePanel':
      return 'shown in the issue view';
    case 'jira:globalBackgroundScript': {
      const experiences = backgroundExperiences(m);
      return `runs on ${experiences.includes('all') ? 'every page' : experiences.join(', ')}`;
    }
    default:
      return null;
  }
}

function Cards({ deps }: { deps: PageDeps }) {
  const list = surfaces(deps.manifest);
  if (list.length === 0) return <li>The manifest has no page modules.</li>;
  return list.map((s) => {
    const variant = adminPageVariant(s.module);
    return (
      <li key={s.path}>
        <a className="card" href={s.path}>
          <span className="card-title">{s.label}</span>
          <span className="card-meta">
            {`${KIND_LABELS[s.module.kind] ?? s.module.kind}${variant ? ` (${variant})` : ''} · `}
            <code>{s.module.key}</code>
          </span>
        </a>
      </li>
    );
  });
}

function OtherModules({ deps }: { deps: PageDeps }) {
  const pages = new Set(surfaces(deps.manifest).map((s) => s.module));
  const others = deps.manifest.modules.filter((m) => !pages.has(m));
  if (others.length === 0) return null;
  return (
    <>
      <h2>Other modules</h2>
      <ul className="card-list">
        {others.map((m) => {
          const how = howToRun(m);
          return (
            <li key={m.key}>
              <div className="card">
                <span className="card-title" style={{ color: 'var(--text)' }}>
                  {m.title ?? m.key}
                </span>
                <span className="card-meta">
                  {`${KIND_LABELS[m.kind] ?? m.kind} · `}
                  <code>{m.key}</code>
                  {how && (
                    <>
                      <br />
                      {how}
                    </>
                  )}
                </span>
              </div>
            </li>
          );
        })}
      </ul>
    </>
  );
}

function WorkItems({ deps }: { deps: PageDeps }) {
  const issues = deps.site.allIssues();
  if (issues.length === 0) return null;
  return (
    <>
      <h2>Work items</h2>
      <ul className="card-list">
        {issues.map((issue) => (
          <li key={issue.key}>
            <a className="card" href={issuePath(issue.key)}>
              <span className="card-title">{issue.key}</span>{' '}
              <span style={{ color: 'var(--text)' }}>{issue.summary}</span>
              <span className="card-meta">{`${deps.site.project(issue.projectId)?.name ?? ''} · ${issue.statusName}`}</span>
            </a>
          </li>
        ))}
      </ul>
    </>
  );
}

function People({ deps }: { deps: PageDeps }) {
  const named = deps.site
    .users()
    .filter((u) => u.emailAddress)
    .slice(0, 10);
  return (
    <table className="people">
      <thead>
        <tr>
          <th scope="col">Person</th>
          <th scope="col">Email</th>
          <th scope="col">Status</th>
          <th scope="col">
            <span className="visually-hidden">Action</span>
          </th>
        </tr>
      </thead>
      <tbody>
        {named.map((u) => (
          <tr key={u.accountId}>
            <td>
              <span className="person">
                <img className="avatar" src={avatarUrl(u, 24)} alt="" width="24" height="24" />
                {u.displayName}
              </span>
            </td>
            <td>{u.emailAddress}</td>
            <td>
              <span className={`tag ${u.active ? 'tag-active' : 'tag-inactive'}`}>
                {u.active ? 'Active' : 'Inactive'}
              </span>
              {deps.site.isAdmin(u.accountId) && (
                <>
                  {' '}
                  <span className="tag">Jira admin</span>
                </>
              )}
            </td>
            <td>
              <a href={`/?as=${encodeURIComponent(u.emailAddress ?? '')}`}>Act as</a>
            </td>
          </tr>
        ))}
      </tbody>
    </table>
  );
}

export function homePage(deps: PageDeps, acting: Acting): string {
  const background = backgroundScripts(deps, acting, `${deps.appUrl}/`);
  const admin = deps.site.isAdmin(acting.user.accountId);
  return renderDocument(
    <Document
      title={`${deps.site.siteName} - Local Jira`}
      colorMode={acting.colorMode}
      config={shellConfig(deps, acting, background.extensions)}
    >
      <TopBar deps={deps} acting={acting} here="/" />
      <main className="content" id="main">
        <h1>{deps.site.siteName}</h1>
        <p className="lead">
          A local Jira Cloud site running the app from <code>manifest.yml</code>. You are acting as{' '}
          <strong>{acting.user.displayName}</strong>
          {` (${acting.email})${admin ? ', a Jira administrator' : ''}. Add `}
          <code>?as=&lt;email&gt;</code> to any page, or use the switcher, to act as someone else.
        </p>
        <InactiveNotice acting={acting} />
        <h2>App pages</h2>
        <ul className="card-list">
          <Cards deps={deps} />
        </ul>
        <WorkItems deps={deps} />
        <OtherModules deps={deps} />
        <h2>People to act as</h2>
        <People deps={deps} />
      </main>
      <FlagsRegion />
      {background.frames}
    </Document>,
  );
}
