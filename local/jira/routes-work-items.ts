/**
 * What the app needs to look for dormant accounts and to keep owners' work items: the approximate
 * count of a JQL search, comments, watchers and transitions
 * (@see https://developer.atlassian.com/cloud/jira/platform/rest/v3/api-group-issue-search/#api-rest-api-3-search-approximate-count-post,
 * …/api-group-issue-comments/, …/api-group-issue-watchers/, …/api-group-issues/#api-rest-api-3-issue-issueidorkey-transitions-get).
 * Shapes follow `JQLCountResultsBean`, `Comment`, `PageOfComments`, `Watchers` and `Transitions`.
 */
import { isAdfDocument } from './routes-issues';
import { hasPermission } from './permissions';
import { parseUpdatedBy, updatedBy } from './jql-updated-by';
import { API, userDetailsJson } from './representations';
import { fail, intParam, isRecord } from './route';
import type { Reply, Route, RouteContext } from './route';
import type { SeedIssue } from './seed';
import { jiraTimestamp } from './jira-site';

const ISSUE_NOT_FOUND = 'Issue does not exist or you do not have permission to see it.';

function visibleIssue(ctx: RouteContext): SeedIssue | undefined {
  const issue = ctx.site.issue(ctx.params[0] ?? '');
  return issue && hasPermission(ctx.site, ctx.caller.accountId, 'BROWSE_PROJECTS') ? issue : undefined;
}

/** Records a change by the caller (what `updatedBy` sees) and bumps `updated`. */
function touch(ctx: RouteContext, issue: SeedIssue, field: string): string {
  const at = jiraTimestamp(new Date());
  issue.changes = [...(issue.changes ?? []), { authorAccountId: ctx.caller.accountId, created: at, field }];
  issue.updated = at;
  return at;
}

/** POST /search/approximate-count → `{count}`; the JQL must be bounded (here: updatedBy). */
function approximateCount(ctx: RouteContext): Reply {
  const { site, body, caller } = ctx;
  if (!isRecord(body) || typeof body.jql !== 'string')
    return fail(400, "The request body must have a 'jql' string.");
  const query = parseUpdatedBy(body.jql, site, Date.now());
  if (typeof query === 'string') return fail(400, query);
  // Issues the caller may browse (the simulator's browse permission is site-wide).
  if (!hasPermission(site, caller.accountId, 'BROWSE_PROJECTS')) return { status: 200, body: { count: 0 } };
  const count = site.allIssues().filter((i) => updatedBy(i, query, site)).length;
  return { status: 200, body: { count } };
}

function commentJson(ctx: RouteContext, issue: SeedIssue, c: NonNullable<SeedIssue['comments']>[number]) {
  const author = ctx.site.user(c.authorAccountId);
  return {
    self: `${ctx.base}${API}/issue/${issue.id}/comment/${c.id}`,
    id: c.id,
    ...(author
      ? { author: userDetailsJson(author, ctx.base), updateAuthor: userDetailsJson(author, ctx.base) }
      : {}),
    body: c.body,
    created: c.created,
    updated: c.created,
    jsdPublic: true,
  };
}

/** POST /issue/{key}/comment `{body: ADF}` → 201 `Comment`. */
function addComment(ctx: RouteContext): Reply {
  const issue = visibleIssue(ctx);
  if (!issue) return fail(404, ISSUE_NOT_FOUND);
  if (!hasPermission(ctx.site, ctx.caller.accountId, 'CREATE_ISSUES'))
    return fail(403, 'You do not have permission to comment on this issue.');
  if (!isRecord(ctx.body) || !isAdfDocument(ctx.body.body))
    return fail(400, [], {
      comment: 'Comment body must be an Atlassian Document (see the Atlassian Document Format)',
    });
  const all = ctx.site.allIssues().flatMap((i) => i.comments ?? []);
  const id = String(10000 + all.length);
  const created = touch(ctx, issue, 'comment');
  const comment = { id, authorAccountId: ctx.caller.accountId, body: ctx.body.body, created };
  issue.comments = [...(issue.comments ?? []), comment];
  return { status: 201, body: commentJson(ctx, issue, comment) };
}

/** GET /issue/{key}/comment → `PageOfComments`, oldest first. */
function getComments(ctx: RouteContext): Reply {
  const issue = visibleIssue(ctx);
  if (!issue) return fail(404, ISSUE_NOT_FOUND);
  const startAt = intParam(ctx.url, 'startAt', 0);
  const maxResults = intParam(ctx.url, 'maxResults', 100, 1);
  if (startAt === undefined || maxResults === undefined) return fail(400, 'Invalid paging parameters.');
  const all = issue.comments ?? [];
  const comments = all
    .slice(startAt, startAt + Math.min(maxResults, 100))
    .map((c) => commentJson(ctx, issue, c));
  return {
    status: 200,
    body: { comments, maxResults: Math.min(maxResults, 100), startAt, total: all.length },
  };
}

/** POST /issue/{key}/watchers with the account id as a JSON string → 204. */
function addWatcher(ctx: RouteContext): Reply {
  const issue = visibleIssue(ctx);
  if (!issue) return fail(404, ISSUE_NOT_FOUND);
  const accountId = typeof ctx.body === 'string' ? ctx.body : undefined;
  if (!accountId) return fail(400, 'The request body must be the account ID as a JSON string.');
  const user = ctx.site.user(accountId);
  if (!user || !user.active) return fail(404, `The user ${accountId} does not exist or is inactive.`);
  if (accountId !== ctx.caller.accountId && !hasPermission(ctx.site, ctx.caller.accountId, 'CREATE_ISSUES'))
    return fail(403, 'You do not have the permission to manage the watcher list.');
  if (!(issue.watchers ?? []).includes(accountId)) issue.watchers = [...(issue.watchers ?? []), accountId];
  return { status: 204 };
}

/** GET /issue/{key}/watchers → `Watchers`. */
function getWatchers(ctx: RouteContext): Reply {
  const issue = visibleIssue(ctx);
  if (!issue) return fail(404, ISSUE_NOT_FOUND);
  const watchers = (issue.watchers ?? []).flatMap((id) => {
    const u = ctx.site.user(id);
    return u ? [userDetailsJson(u, ctx.base)] : [];
  });
  return {
    status: 200,
    body: {
      self: `${ctx.base}${API}/issue/${issue.key}/watchers`,
      isWatching: (issue.watchers ?? []).includes(ctx.caller.accountId),
      watchCount: watchers.length,
      watchers,
    },
  };
}

// GET/POST /issue/{key}/transitions: routes-transitions.ts (the workflow, with its validators).
export const workItemRoutes: Route[] = [
  { method: 'POST', template: '/search/approximate-count', handler: approximateCount },
  { method: 'GET', template: '/issue/{issueIdOrKey}/comment', handler: getComments },
  { method: 'POST', template: '/issue/{issueIdOrKey}/comment', handler: addComment },
  { method: 'GET', template: '/issue/{issueIdOrKey}/watchers', handler: getWatchers },
  { method: 'POST', template: '/issue/{issueIdOrKey}/watchers', handler: addWatcher },
];
