/**
 * Permissions (@see https://developer.atlassian.com/cloud/jira/platform/rest/v3/api-group-permissions/).
 */
import { PERMISSIONS, hasPermission } from './permissions';
import { fail, isRecord, listParam } from './route';
import type { Reply, Route, RouteContext } from './route';

/** GET /mypermissions: `permissions` is required since 2019-02-01; unknown keys → 400 ErrorCollection. */
function myPermissions(ctx: RouteContext): Reply {
  const { site, url, caller } = ctx;
  const keys = listParam(url, 'permissions');
  if (keys.length === 0) {
    return fail(
      400,
      "The 'permissions' query parameter is required: a comma-separated list of permission keys.",
    );
  }
  const unknown = keys.filter((k) => !PERMISSIONS.has(k));
  if (unknown.length > 0)
    return fail(400, [], Object.fromEntries(unknown.map((k) => [k, 'Unrecognized permission'])));
  // Optional context: an unknown project or issue is a 404.
  const projectKey = url.searchParams.get('projectKey') ?? url.searchParams.get('projectId');
  if (projectKey && !site.project(projectKey))
    return fail(404, 'No project could be found with key or id ' + projectKey + '.');
  const issueKey = url.searchParams.get('issueKey') ?? url.searchParams.get('issueId');
  if (issueKey && !site.issue(issueKey))
    return fail(404, 'Issue does not exist or you do not have permission to see it.');

  const permissions: Record<string, unknown> = {};
  for (const key of new Set(keys)) {
    const info = PERMISSIONS.get(key);
    if (info) permissions[key] = { ...info, havePermission: hasPermission(site, caller.accountId, key) };
  }
  return { status: 200, body: { permissions } };
}

function isIntArray(value: unknown): value is number[] {
  return Array.isArray(value) && value.every((v) => Number.isInteger(v));
}

/**
 * POST /permissions/check: `accountId` defaults to the caller; checking someone else needs Administer
 * Jira (403 otherwise). Answers the granted global keys and, per project permission, the requested
 * projects/issues it holds in (all projects when none were named).
 */
function checkPermissions(ctx: RouteContext): Reply {
  const { site, caller, body } = ctx;
  if (!isRecord(body)) return fail(400, 'The request body must be a JSON object.');
  const { accountId, globalPermissions = [], projectPermissions = [] } = body;
  if (accountId !== undefined && typeof accountId !== 'string')
    return fail(400, 'accountId must be a string.');
  if (accountId !== undefined && accountId !== caller.accountId) {
    if (!site.isAdmin(caller.accountId))
      return fail(403, 'Only Jira administrators can perform this operation.');
    if (!site.user(accountId)) return fail(400, `The account ID '${accountId}' is not valid.`);
  }
  const subject = accountId ?? caller.accountId;

  if (!Array.isArray(globalPermissions) || !globalPermissions.every((k) => typeof k === 'string')) {
    return fail(400, 'globalPermissions must be a list of permission keys.');
  }
  const errors: Record<string, string> = {};
  for (const key of globalPermissions) {
    if (PERMISSIONS.get(key)?.type !== 'GLOBAL') errors[key] = 'Unrecognized global permission';
  }
  if (!Array.isArray(projectPermissions)) return fail(400, 'projectPermissions must be a list.');
  const requests: { permissions: string[]; projects: number[] | undefined; issues: number[] | undefined }[] =
    [];
  for (const entry of projectPermissions as unknown[]) {
    if (
      !isRecord(entry) ||
      !Array.isArray(entry.permissions) ||
      !entry.permissions.every((k) => typeof k === 'string')
    ) {
      return fail(400, 'Each projectPermissions entry needs a list of permission keys.');
    }
    const projects = entry.projects === undefined ? undefined : entry.projects;
    const issues = entry.issues === undefined ? undefined : entry.issues;
    if ((projects !== undefined && !isIntArray(projects)) || (issues !== undefined && !isIntArray(issues))) {
      return fail(400, 'projects and issues must be lists of numeric ids.');
    }
    if ((projects?.length ?? 0) + (issues?.length ?? 0) > 1000)
      return fail(400, 'At most 1000 projects and issues can be checked.');
    for (const key of entry.permissions) {
      if (PERMISSIONS.get(key)?.type !== 'PROJECT') errors[key] = 'Unrecognized project permission';
    }
    requests.push({ permissions: entry.permissions, projects, issues });
  }
  if (Object.keys(errors).length > 0) return fail(400, [], errors);

  const granted = [...new Set(globalPermissions)].filter((k) => hasPermission(site, subject, k));
  // One entry per permission, merging repeated requests (the schema has `uniqueItems`).
  const byPermission = new Map<string, { projects: Set<number>; issues: Set<number> }>();
  for (const request of requests) {
    for (const key of request.permissions) {
      const entry = byPermission.get(key) ?? { projects: new Set<number>(), issues: new Set<number>() };
      byPermission.set(key, entry);
      if (!hasPermission(site, subject, key)) continue;
      const projectIds =
        request.projects ?? (request.issues ? [] : site.allProjects().map((p) => Number(p.id)));
      for (const id of projectIds) if (site.project(String(id))) entry.projects.add(id);
      for (const id of request.issues ?? []) if (site.issue(String(id))) entry.issues.add(id);
    }
  }
  const projectGrants = [...byPermission].map(([permission, { projects, issues }]) => ({
    permission,
    projects: [...projects],
    issues: [...issues],
  }));
  return { status: 200, body: { globalPermissions: granted, projectPermissions: projectGrants } };
}

export const permissionRoutes: Route[] = [
  { method: 'GET', template: '/mypermissions', handler: myPermissions },
  { method: 'POST', template: '/permissions/check', handler: checkPermissions },
];
