/**
 * Users and groups (@see https://developer.atlassian.com/cloud/jira/platform/rest/v3/api-group-users/,
 * …/api-group-user-search/, …/api-group-myself/, …/api-group-groups/). Where an operation does not
 * declare a status the real site might use (e.g. 400 on GET /user), the simulator answers with one
 * the spec declares, so that clients coded to the spec handle it.
 */
import { hasPermission } from './permissions';
import { groupNameJson, userDetailsJson, userJson } from './representations';
import { fail, intParam, listParam, pageBean } from './route';
import type { Reply, Route, RouteContext } from './route';
import type { SeedUser } from './seed';

/** `maxResults` cap of GET /user/bulk: the spec documents none (FORGE-FACTS §6.2); the simulator picks 200. */
export const USER_BULK_MAX_RESULTS = 200;
/** GET /users/search and GET /user/search: "limited to 1000" / "up to the thousandth". */
export const USER_SEARCH_MAX_RESULTS = 1000;
/** GET /group/member: `maxResults` 1–50. */
export const GROUP_MEMBER_MAX_RESULTS = 50;

/** "Browse users and groups" (USER_PICKER). */
function canBrowseUsers(ctx: RouteContext): boolean {
  return hasPermission(ctx.site, ctx.caller.accountId, 'USER_PICKER');
}

function expandOf(ctx: RouteContext): string[] {
  return listParam(ctx.url, 'expand');
}

const USER_NOT_FOUND = 'Specified user does not exist or you do not have required permissions';

function myself(ctx: RouteContext): Reply {
  return { status: 200, body: userJson(ctx.site, ctx.caller, ctx.base, expandOf(ctx)) };
}

/** GET /user: declares 401, 403, 404 only, so a missing accountId is a 404 here. */
function getUser(ctx: RouteContext): Reply {
  if (!canBrowseUsers(ctx)) return fail(403, 'You do not have the permission to browse users and groups.');
  const accountId = ctx.url.searchParams.get('accountId');
  if (!accountId) return fail(404, "The 'accountId' query parameter is required.");
  const user = ctx.site.user(accountId);
  if (!user) return fail(404, USER_NOT_FOUND);
  return { status: 200, body: userJson(ctx.site, user, ctx.base, expandOf(ctx)) };
}

/**
 * GET /user/bulk: users in request order, unknown ids left out, duplicates once; paged over the
 * found users. Declares 400 and 401 only: customers (no Jira access) get 401.
 */
function bulkUsers(ctx: RouteContext): Reply {
  if (ctx.caller.accountType === 'customer') return fail(401, 'You do not have access to Jira.');
  const ids = ctx.url.searchParams.getAll('accountId').filter(Boolean);
  if (ids.length === 0) return fail(400, 'At least one accountId is required.');
  const tooLong = ids.find((id) => id.length > 128);
  if (tooLong) return fail(400, `Invalid accountId: ${tooLong.slice(0, 40)}…`);
  const startAt = intParam(ctx.url, 'startAt', 0);
  const requested = intParam(ctx.url, 'maxResults', 10, 1);
  if (startAt === undefined || requested === undefined)
    return fail(400, 'startAt and maxResults must be non-negative integers.');
  const found = [...new Set(ids)]
    .map((id) => ctx.site.user(id))
    .filter((u): u is SeedUser => u !== undefined);
  const maxResults = Math.min(requested, USER_BULK_MAX_RESULTS);
  return {
    status: 200,
    body: pageBean(ctx.url, ctx.base, found, startAt, maxResults, (u) => userJson(ctx.site, u, ctx.base)),
  };
}

/** GET /users/search and /users: every user (active, inactive, app, customer); bare array. */
function allUsers(ctx: RouteContext): Reply {
  if (!canBrowseUsers(ctx)) return fail(403, 'You do not have the permission to browse users and groups.');
  const startAt = intParam(ctx.url, 'startAt', 0);
  const maxResults = intParam(ctx.url, 'maxResults', 50);
  if (startAt === undefined || maxResults === undefined)
    return fail(400, 'startAt and maxResults must be non-negative integers.');
  const page = ctx.site.users().slice(startAt, startAt + Math.min(maxResults, USER_SEARCH_MAX_RESULTS));
  return { status: 200, body: page.map((u) => userJson(ctx.site, u, ctx.base)) };
}

/** Prefix match on the display name, each of its words, and the email address (case-insensitive). */
export function matchesUserQuery(user: SeedUser, query: string): boolean {
  const q = query.toLowerCase();
  const name = user.displayName.toLowerCase();
  return (
    name.startsWith(q) ||
    name.split(/\s+/).some((word) => word.startsWith(q)) ||
    (user.emailAddress?.toLowerCase().startsWith(q) ?? false)
  );
}

/** GET /user/search: active users only; without USER_PICKER the answer is empty, not 403. */
function searchUsers(ctx: RouteContext): Reply {
  const query = ctx.url.searchParams.get('query');
  const accountId = ctx.url.searchParams.get('accountId');
  const property = ctx.url.searchParams.get('property');
  if (query && accountId) return fail(400, "The 'query' and 'accountId' parameters cannot be used together.");
  if (!query && !accountId && !property)
    return fail(400, "One of 'query', 'accountId' or 'property' must be provided.");
  const startAt = intParam(ctx.url, 'startAt', 0);
  const maxResults = intParam(ctx.url, 'maxResults', 50);
  if (startAt === undefined || maxResults === undefined)
    return fail(400, 'startAt and maxResults must be non-negative integers.');
  if (!canBrowseUsers(ctx)) return { status: 200, body: [] };
  const matches = ctx.site
    .users()
    .filter((u) => u.active)
    // The demo site has no user properties, so a property-only search finds nobody.
    .filter((u) => (accountId ? u.accountId === accountId : query ? matchesUserQuery(u, query) : false))
    .slice(0, USER_SEARCH_MAX_RESULTS);
  const page = matches.slice(startAt, startAt + Math.min(maxResults, USER_SEARCH_MAX_RESULTS));
  return { status: 200, body: page.map((u) => userJson(ctx.site, u, ctx.base)) };
}

/** GET /user/groups: an array of `GroupName`. Declares 401, 403, 404 only. */
function userGroups(ctx: RouteContext): Reply {
  if (!canBrowseUsers(ctx)) return fail(403, 'You do not have the permission to browse users and groups.');
  const accountId = ctx.url.searchParams.get('accountId');
  if (!accountId) return fail(404, "The 'accountId' query parameter is required.");
  if (!ctx.site.user(accountId)) return fail(404, USER_NOT_FOUND);
  return { status: 200, body: ctx.site.groupsOf(accountId).map((g) => groupNameJson(g, ctx.base)) };
}

/** GET /group/member: `PageBeanUserDetails`, members sorted by display name, inactive only on request. */
function groupMembers(ctx: RouteContext): Reply {
  const { site, url } = ctx;
  const groupId = url.searchParams.get('groupId');
  const groupName = url.searchParams.get('groupname');
  if (!groupId && !groupName)
    return fail(400, "Either the 'groupId' or the 'groupname' parameter must be provided.");
  const startAt = intParam(url, 'startAt', 0);
  const requested = intParam(url, 'maxResults', GROUP_MEMBER_MAX_RESULTS, 1);
  if (startAt === undefined || requested === undefined)
    return fail(400, 'startAt must be ≥ 0 and maxResults ≥ 1.');
  if (!canBrowseUsers(ctx) && !site.isAdmin(ctx.caller.accountId)) {
    return fail(403, 'You do not have the permission to browse users and groups.');
  }
  const group = groupId ? site.groupById(groupId) : site.groupByName(groupName ?? '');
  if (!group) return fail(404, 'Specified group does not exist.');
  const includeInactive = url.searchParams.get('includeInactiveUsers') === 'true';
  const members = group.members
    .map((id) => site.user(id))
    .filter((u): u is SeedUser => u !== undefined && (includeInactive || u.active))
    .sort(
      (a, b) => a.displayName.localeCompare(b.displayName, 'en') || a.accountId.localeCompare(b.accountId),
    );
  const maxResults = Math.min(requested, GROUP_MEMBER_MAX_RESULTS);
  return {
    status: 200,
    body: pageBean(url, ctx.base, members, startAt, maxResults, (u) => userDetailsJson(u, ctx.base)),
  };
}

export const userRoutes: Route[] = [
  { method: 'GET', template: '/myself', handler: myself },
  { method: 'GET', template: '/user', handler: getUser },
  { method: 'GET', template: '/user/bulk', handler: bulkUsers },
  { method: 'GET', template: '/users/search', handler: allUsers },
  { method: 'GET', template: '/users', handler: allUsers },
  { method: 'GET', template: '/user/search', handler: searchUsers },
  { method: 'GET', template: '/user/groups', handler: userGroups },
  { method: 'GET', template: '/group/member', handler: groupMembers },
];
