/** @jsxRuntime automatic */
/** The issue view (`/browse/<key>`): the work item, its transitions and comments, and the app's issue panels. */
import { Fragment, type ReactNode } from 'react';
import type { AdfDocument, SeedIssue } from '../../jira/seed.js';
import { takeTransitionOutcome } from '../issue-transitions.js';
import type { ShellExtension } from '../public/protocol.js';
import type { Acting } from './acting.js';
import { backgroundScripts, type IssueContext } from './background.js';
import {
  Document,
  FlagsRegion,
  ForgeFrame,
  InactiveNotice,
  Person,
  TopBar,
  renderDocument,
} from './chrome.js';
import { contextLocale, frameExtension, shellConfig } from './forge-context.js';
import { AppIcon, IssueTypeIcon } from './icons.js';
import type { PageDeps } from './page-deps.js';
import { displayConditionsMet } from './surfaces.js';
import { TransitionBanner, Transitions } from './transitions.js';

/**
 * An ADF `date` node as Jira shows it: "a date in the user's locale"
 * (developer.atlassian.com/platform/framework/adf-builder/reference/nodes/date/); its `timestamp` is
 * milliseconds since 1970-01-01 UTC, a calendar day, so it is written in UTC.
 */
type DayFormat = (timestampMs: number) => string;
function adfDayFormat(user: Acting['user']): DayFormat {
  const format = new Intl.DateTimeFormat(contextLocale(user), {
    day: 'numeric',
    month: 'short',
    year: 'numeric',
    timeZone: 'UTC',
  });
  return (ms) => (Number.isFinite(ms) ? format.format(new Date(ms)) : '');
}

/** An instant (created, updated) as the user's day, in their locale and time zone, as Jira shows it. */
function userDay(user: Acting['user']): (iso: string) => string {
  const format = new Intl.DateTimeFormat(contextLocale(user), {
    day: 'numeric',
    month: 'short',
    year: 'numeric',
    timeZone: user.timeZone || 'UTC',
  });
  return (iso) => {
    const at = Date.parse(iso);
    return Number.isFinite(at) ? format.format(new Date(at)) : iso;
  };
}

/** The plain text of an ADF document's paragraphs (the shell shows descriptions, it doesn't edit them). */
function adfParagraphs(doc: AdfDocument | null, day: DayFormat): string[] {
  if (!doc) return [];
  const text = (node: unknown): string => {
    if (!node || typeof node !== 'object') return '';
    const n = node as { type?: unknown; text?: unknown; content?: unknown; attrs?: { timestamp?: unknown } };
    if (typeof n.text === 'string') return n.text;
    if (n.type === 'date') return day(Number(n.attrs?.timestamp));
    return Array.isArray(n.content) ? n.content.map(text).join('') : '';
  };
  return doc.content.map(text).filter((t) => t.trim() !== '');
}

function Paragraphs({ doc, day }: { doc: AdfDocument | null; day: DayFormat }) {
  return adfParagraphs(doc, day).map((p, i) => <p key={i}>{p}</p>);
}

/** The issue's comments, oldest first (the app comments on owners' work items). */
function Comments({
  deps,
  issue,
  day,
  when,
}: {
  deps: PageDeps;
  issue: SeedIssue;
  day: DayFormat;
  when: (iso: string) => string;
}) {
  const comments = issue.comments ?? [];
  if (comments.length === 0) return <p className="issue-none">No comments yet.</p>;
  return (
    <ol className="issue-comments">
      {comments.map((c) => (
        <li className="issue-comment" key={c.id}>
          <Person deps={deps} accountId={c.authorAccountId} />{' '}
          <span className="issue-dates">{when(c.created)}</span>
          <Paragraphs doc={c.body} day={day} />
        </li>
      ))}
    </ol>
  );
}

const None = () => <span className="issue-none">None</span>;

function Details({ deps, issue, issueType }: { deps: PageDeps; issue: SeedIssue; issueType: string }) {
  const project = deps.site.project(issue.projectId);
  const watchers = issue.watchers ?? [];
  return (
    <div className="issue-details-box">
      <h2>Details</h2>
      <dl>
        <dt>Assignee</dt>
        <dd>
          <Person deps={deps} accountId={issue.assigneeAccountId} />
        </dd>
        <dt>Reporter</dt>
        <dd>
          <Person deps={deps} accountId={issue.reporterAccountId} none="None" />
        </dd>
        <dt>Watchers</dt>
        <dd data-field="watchers">
          {watchers.length > 0 ? (
            watchers.map((id, i) => (
              <Fragment key={id}>
                {i > 0 && <br />}
                <Person deps={deps} accountId={id} />
              </Fragment>
            ))
          ) : (
            <None />
          )}
        </dd>
        {Object.entries(issue.userFields).map(([fieldId, accountId]) => [
          <dt key={`${fieldId}-name`}>{deps.site.userPickerField(fieldId)?.name ?? fieldId}</dt>,
          <dd key={fieldId} data-field={fieldId}>
            <Person deps={deps} accountId={accountId} none="None" />
          </dd>,
        ])}
        <dt>Work type</dt>
        <dd>{issueType}</dd>
        <dt>Project</dt>
        <dd>{project ? `${project.name} (${project.key})` : ''}</dd>
        <dt>Labels</dt>
        <dd>
          {issue.labels.length > 0 ? (
            issue.labels.map((l, i) => (
              <Fragment key={l}>
                {i > 0 && ' '}
                <span className="tag">{l}</span>
              </Fragment>
            ))
          ) : (
            <None />
          )}
        </dd>
      </dl>
    </div>
  );
}

export function issuePage(deps: PageDeps, acting: Acting, issue: SeedIssue, url: URL): string {
  const project = deps.site.project(issue.projectId);
  const issueType = project?.issueTypes.find((t) => t.id === issue.issueTypeId);
  const location = `${deps.appUrl}${url.pathname}`;
  const issueContext: IssueContext = {
    issue: { id: issue.id, key: issue.key, type: issueType?.name ?? '', typeId: issue.issueTypeId },
    project: { id: issue.projectId, key: project?.key ?? '', type: project?.projectTypeKey ?? 'software' },
  };

  const extensions: ShellExtension[] = [];
  const panels: ReactNode[] = [];
  for (const m of deps.manifest.modules) {
    if (m.kind !== 'jira:issuePanel' || !m.resource || !displayConditionsMet(deps, m, acting)) continue;
    const resource = deps.manifest.resources.find((r) => r.key === m.resource);
    if (!resource) continue;
    const frameId = `${m.key}-frame`;
    extensions.push(
      frameExtension(deps, acting, m, {
        frameId,
        resourceKey: resource.key,
        basePath: url.pathname,
        location,
        autoHeight: true,
        extra: { ...issueContext, isNewToIssue: false, location },
      }),
    );
    const title = m.title ?? m.key;
    const headingId = `${m.key}-title`;
    panels.push(
      <section className="issue-panel" aria-labelledby={headingId} data-issue-panel={m.key} key={m.key}>
        <h2 className="issue-panel-title" id={headingId}>
          <AppIcon />
          <span>{title}</span>
        </h2>
        <ForgeFrame
          deps={deps}
          resourceKey={resource.key}
          moduleKey={m.key}
          frameId={frameId}
          title={title}
          autoHeight
          className="frame frame-panel"
        />
      </section>,
    );
  }
  const background = backgroundScripts(deps, acting, location, issueContext);
  const day = adfDayFormat(acting.user);
  const when = userDay(acting.user);
  const description = adfParagraphs(issue.description, day);

  return renderDocument(
    <Document
      title={`[${issue.key}] ${issue.summary} - ${deps.site.siteName}`}
      colorMode={acting.colorMode}
      config={shellConfig(deps, acting, [...extensions, ...background.extensions])}
    >
      <a className="skip-link" href="#main">
        Skip to the work item
      </a>
      <TopBar deps={deps} acting={acting} here={url.pathname} />
      <main className="issue-view" id="main" tabIndex={-1}>
        <InactiveNotice acting={acting} />
        <nav className="breadcrumbs" aria-label="Breadcrumbs">
          <a href="/">Projects</a>
          <span aria-hidden="true">/</span>
          <span>{project?.name ?? ''}</span>
          <span aria-hidden="true">/</span>
          <span className="breadcrumb-key">
            <IssueTypeIcon />
            {issue.key}
          </span>
        </nav>
        <TransitionBanner issue={issue} outcome={takeTransitionOutcome(url, issue, acting.user)} />
        <div className="issue-grid">
          <div className="issue-main">
            <h1 className="issue-summary">{issue.summary}</h1>
            <section className="issue-section" aria-labelledby="issue-description">
              <h2 id="issue-description">Description</h2>
              {description.length > 0 ? (
                <Paragraphs doc={issue.description} day={day} />
              ) : (
                <p className="issue-none">Add a description…</p>
              )}
            </section>
            {panels}
            <section className="issue-section" aria-labelledby="issue-activity">
              <h2 id="issue-activity">Activity</h2>
              <Comments deps={deps} issue={issue} day={day} when={when} />
            </section>
          </div>
          <aside className="issue-details" aria-label="Details">
            <Transitions issue={issue} />
            <Details deps={deps} issue={issue} issueType={issueType?.name ?? ''} />
            <p className="issue-dates">{`Created ${when(issue.created)} · Updated ${when(issue.updated)}`}</p>
          </aside>
        </div>
      </main>
      <FlagsRegion />
      {background.frames}
    </Document>,
  );
}
