/**
 * Issues (@see https://developer.atlassian.com/cloud/jira/platform/rest/v3/api-group-issues/).
 * Supported create fields: project, issuetype, summary, description (ADF), reporter, assignee,
 * labels and the user-picker custom fields on the project's screen; anything else is refused the way
 * Jira refuses a field that is not on the create screen.
 */
import { hasPermission } from './permissions';
import { API, issueFields } from './representations';
import { fail, isRecord, listParam } from './route';
import type { Reply, Route, RouteContext } from './route';
import type { AdfDocument, SeedUser } from './seed';

const ISSUE_NOT_FOUND = 'Issue does not exist or you do not have permission to see it.';
const NOT_ON_SCREEN = (field: string): string =>
  `Field '${field}' cannot be set. It is not on the appropriate screen, or unknown.`;

/** The root of an Atlassian Document Format document: `{type:'doc', version:1, content:[…]}`. */
export function isAdfDocument(value: unknown): value is AdfDocument {
  return isRecord(value) && value.type === 'doc' && value.version === 1 && Array.isArray(value.content);
}

/** `{id}` or `{accountId}` (Jira accepts both for user fields) → the account id. */
function userRef(value: unknown): string | undefined {
  if (!isRecord(value)) return undefined;
  const id = value.id ?? value.accountId;
  return typeof id === 'string' ? id : undefined;
}

function refId(value: unknown, ...keys: string[]): string | undefined {
  if (!isRecord(value)) return undefined;
  for (const key of keys) {
    const v = value[key];
    if (typeof v === 'string' || typeof v === 'number') return String(v);
  }
  return undefined;
}

/** Jira's create permissions: customers and inactive accounts cannot use Jira projects. */
function canUseProjects(ctx: RouteContext): boolean {
  return hasPermission(ctx.site, ctx.caller.accountId, 'CREATE_ISSUES');
}

/** POST /issue → 201 `CreatedIssue`; field problems → 400 ErrorCollection keyed by field id. */
function createIssue(ctx: RouteContext): Reply {
  const { site, body, caller, base } = ctx;
  if (!isRecord(body) || !isRecord(body.fields))
    return fail(400, "The request body must be an object with 'fields'.");
  if (isRecord(body.update) && Object.keys(body.update).length > 0) {
    return fail(400, "The local Jira simulator supports 'fields' only, not 'update' operations.");
  }
  if (!canUseProjects(ctx)) return fail(403, 'You do not have permission to create issues in this project.');
  const fields = body.fields;
  const errors: Record<string, string> = {};

  const projectRef = refId(fields.project, 'id', 'key');
  const project = projectRef ? site.project(projectRef) : undefined;
  if (!project) errors.project = 'Specify a valid project ID or key';

  const typeRef = refId(fields.issuetype, 'id');
  const typeName = refId(fields.issuetype, 'name');
  const issueType = project?.issueTypes.find(
    (t) => t.id === typeRef || (typeName !== undefined && t.name === typeName),
  );
  if (fields.issuetype === undefined) errors.issuetype = 'Specify an issue type';
  else if (project && !issueType) errors.issuetype = 'Specify a valid issue type';

  const summary = fields.summary;
  if (typeof summary !== 'string' || summary.trim() === '')
    errors.summary = 'You must specify a summary of the issue.';
  else if (summary.length > 255) errors.summary = 'Summary must be less than 255 characters.';

  const description = fields.description;
  if (description !== undefined && description !== null && !isAdfDocument(description)) {
    errors.description = 'Operation value must be an Atlassian Document (see the Atlassian Document Format)';
  }

  /** A user field: absent → undefined, null → null, else an existing account (assignee: active). */
  const userField = (field: string, mustBeAssignable: boolean): string | null | undefined => {
    const value = fields[field];
    if (value === undefined || value === null) return value;
    const id = userRef(value);
    const user: SeedUser | undefined = id ? site.user(id) : undefined;
    if (!id || !user) {
      errors[field] = `Specify a valid value for ${field}`;
      return undefined;
    }
    if (mustBeAssignable && !hasPermission(site, user.accountId, 'ASSIGNABLE_USER')) {
      errors[field] = `User '${user.displayName}' cannot be assigned issues.`;
      return undefined;
    }
    return user.accountId;
  };
  const reporter = userField('reporter', false);
  const assignee = userField('assignee', true);

  const labels = fields.labels;
  if (
    labels !== undefined &&
    !(Array.isArray(labels) && labels.every((l) => typeof l === 'string' && !/\s/.test(l)))
  ) {
    errors.labels = 'Labels must be a list of strings without spaces.';
  }

  const userFields: Record<string, string | null> = {};
  const known = new Set(['project', 'issuetype', 'summary', 'description', 'reporter', 'assignee', 'labels']);
  for (const field of Object.keys(fields)) {
    if (known.has(field)) continue;
    if (project && project.customFieldIds.includes(field) && site.userPickerField(field)) {
      const value = userField(field, false);
      if (value !== undefined) userFields[field] = value;
    } else {
      errors[field] = NOT_ON_SCREEN(field);
    }
  }

  if (Object.keys(errors).length > 0 || !project || !issueType || typeof summary !== 'string') {
    return fail(400, [], errors);
  }
  const issue = site.createIssue({
    projectId: project.id,
    issueTypeId: issueType.id,
    summary,
    description: isAdfDocument(description) ? description : null,
    // Jira makes the caller the reporter unless one is given.
    reporterAccountId: reporter === undefined ? caller.accountId : reporter,
    assigneeAccountId: assignee ?? null,
    labels: Array.isArray(labels) ? (labels as string[]) : [],
    userFields,
  });
  issue.changes = [{ authorAccountId: caller.accountId, created: issue.created, field: 'created' }];
  return { status: 201, body: { id: issue.id, key: issue.key, self: `${base}${API}/issue/${issue.id}` } };
}

/**
 * `fields` selection of GET /issue: `*all` / `*navigable` (default everything), `-name` excludes,
 * otherwise only the listed fields.
 */
function selectFields(all: Record<string, unknown>, wanted: string[]): Record<string, unknown> {
  const includes = wanted.filter((f) => !f.startsWith('-'));
  const excludes = new Set(wanted.filter((f) => f.startsWith('-')).map((f) => f.slice(1)));
  const everything = includes.length === 0 || includes.some((f) => f === '*all' || f === '*navigable');
  const keep = everything ? Object.keys(all) : includes.filter((f) => f in all);
  return Object.fromEntries(keep.filter((f) => !excludes.has(f)).map((f) => [f, all[f]]));
}

/** GET /issue/{issueIdOrKey} → `IssueBean`. Declares 401 and 404 only: no access reads as 404. */
function getIssue(ctx: RouteContext): Reply {
  const { site, base, params, url } = ctx;
  const issue = site.issue(params[0] ?? '');
  if (!issue || !hasPermission(site, ctx.caller.accountId, 'BROWSE_PROJECTS'))
    return fail(404, ISSUE_NOT_FOUND);
  return {
    status: 200,
    body: {
      expand: 'renderedFields,names,schema,operations,editmeta,changelog,versionedRepresentations',
      id: issue.id,
      self: `${base}${API}/issue/${issue.id}`,
      key: issue.key,
      fields: selectFields(issueFields(site, issue, base), listParam(url, 'fields')),
    },
  };
}

/**
 * POST /issue/{issueIdOrKey}/notify → 204, recorded in `site.notifications`. Recipients: `to.users`,
 * `to.groups`/`to.groupIds`, reporter, assignee, watchers (reporter and assignee watch their issues),
 * narrowed by `restrict.groups`/`restrict.groupIds`; the sender and inactive accounts are left out.
 * Nobody left → 400, as Jira answers "No recipients were defined for notification."
 */
function notify(ctx: RouteContext): Reply {
  const { site, caller, body, params } = ctx;
  const issue = site.issue(params[0] ?? '');
  if (!issue) return fail(404, ISSUE_NOT_FOUND);
  if (!canUseProjects(ctx)) return fail(403, 'You do not have permission to notify users about this issue.');
  if (!isRecord(body)) return fail(400, 'The request body must be a JSON object.');
  const to = isRecord(body.to) ? body.to : {};
  const recipients = new Set<string>();

  const groupsOf = (names: unknown, ids: unknown): string[][] | string => {
    const out: string[][] = [];
    for (const g of Array.isArray(names) ? names : []) {
      const group = isRecord(g)
        ? typeof g.groupId === 'string'
          ? site.groupById(g.groupId)
          : site.groupByName(typeof g.name === 'string' ? g.name : '')
        : undefined;
      if (!group) return `Group ${JSON.stringify(g)} does not exist.`;
      out.push(group.members);
    }
    for (const id of Array.isArray(ids) ? ids : []) {
      const group = typeof id === 'string' ? site.groupById(id) : undefined;
      if (!group) return `Group ${String(id)} does not exist.`;
      out.push(group.members);
    }
    return out;
  };

  for (const u of Array.isArray(to.users) ? to.users : []) {
    const id = isRecord(u) && typeof u.accountId === 'string' ? u.accountId : undefined;
    if (!id || !site.user(id)) return fail(400, `User ${JSON.stringify(u)} does not exist.`);
    recipients.add(id);
  }
  const toGroups = groupsOf(to.groups, to.groupIds);
  if (typeof toGroups === 'string') return fail(400, toGroups);
  for (const members of toGroups) for (const id of members) recipients.add(id);
  const watchers = to.watchers === true;
  if ((to.reporter === true || watchers) && issue.reporterAccountId) recipients.add(issue.reporterAccountId);
  if ((to.assignee === true || watchers) && issue.assigneeAccountId) recipients.add(issue.assigneeAccountId);

  const restrict = isRecord(body.restrict) ? body.restrict : {};
  const restrictGroups = groupsOf(restrict.groups, restrict.groupIds);
  if (typeof restrictGroups === 'string') return fail(400, restrictGroups);

  const toAccountIds = [...recipients].filter(
    (id) =>
      id !== caller.accountId &&
      site.user(id)?.active === true &&
      restrictGroups.every((members) => members.includes(id)),
  );
  if (toAccountIds.length === 0) return fail(400, 'No recipients were defined for notification.');

  const text = (value: unknown): string | undefined => (typeof value === 'string' ? value : undefined);
  const textBody = text(body.textBody);
  const htmlBody = text(body.htmlBody);
  site.recordNotification({
    issueId: issue.id,
    issueKey: issue.key,
    fromAccountId: caller.accountId,
    toAccountIds,
    subject: text(body.subject) ?? `${issue.key}: ${issue.summary}`,
    ...(textBody !== undefined && { textBody }),
    ...(htmlBody !== undefined && { htmlBody }),
    at: new Date().toISOString(),
  });
  return { status: 204 };
}

export const issueRoutes: Route[] = [
  { method: 'POST', template: '/issue', handler: createIssue },
  { method: 'GET', template: '/issue/{issueIdOrKey}', handler: getIssue },
  { method: 'POST', template: '/issue/{issueIdOrKey}/notify', handler: notify },
];
