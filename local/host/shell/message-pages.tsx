/** @jsxRuntime automatic */
/** The shell's plain message pages: unknown user, work item not found, another app's address. */
import type { ReactNode } from 'react';
import type { JiraSite } from '../../jira/jira-site.js';
import { Document, renderDocument } from './chrome.js';
import type { ColorMode } from './page-deps.js';

function messagePage(title: string, colorMode: ColorMode, children: ReactNode): string {
  return renderDocument(
    <Document title={title} colorMode={colorMode}>
      <main className="message" id="main">
        <h1>{title}</h1>
        {children}
      </main>
    </Document>,
  );
}

const BackHome = () => (
  <p>
    <a href="/">Back to the home page</a>
  </p>
);

export function unknownUserPage(site: JiraSite, email: string): string {
  const people = site
    .users()
    .filter((u) => u.emailAddress && u.active)
    .slice(0, 10);
  return messagePage(
    'Unknown user',
    'light',
    <>
      <p>
        No seeded user has the email <strong>{email}</strong>, so the site can&apos;t act as them.
      </p>
      <p>Try one of these:</p>
      <ul>
        {people.map((u) => (
          <li key={u.accountId}>
            <a href={`?as=${encodeURIComponent(u.emailAddress ?? '')}`}>{u.emailAddress}</a>
            {` — ${u.displayName}`}
          </li>
        ))}
      </ul>
      <BackHome />
    </>,
  );
}

export function issueNotFoundPage(issueKey: string, colorMode: ColorMode): string {
  return messagePage(
    'Work item not found',
    colorMode,
    <>
      <p>
        There is no work item <strong>{issueKey}</strong> on this site.
      </p>
      <BackHome />
    </>,
  );
}

export function appNotInstalledPage(appId: string, envId: string, colorMode: ColorMode): string {
  return messagePage(
    'App not installed',
    colorMode,
    <>
      <p>
        This site has one app installed, <code>{appId}</code>, in environment <code>{envId}</code>. The
        address names another.
      </p>
      <BackHome />
    </>,
  );
}
