/**
 * Group look-ups for pickers (@see https://developer.atlassian.com/cloud/jira/platform/rest/v3/api-group-groups/#api-rest-api-3-groups-picker-get,
 * …#api-rest-api-3-group-bulk-get). Group names change; `groupId` is stable.
 */
import { hasPermission } from './permissions';
import { fail, intParam, listParam, pageBean } from './route';
import type { Reply, Route, RouteContext } from './route';
import type { SeedGroup } from './seed';

/**
 * GET /groups/picker `maxResults`: "limited by the system property `jira.ajax.autocomplete.limit`".
 * [assumed] 20 by default (the property's default), at most 100.
 */
export const GROUP_PICKER_DEFAULT_RESULTS = 20;
export const GROUP_PICKER_MAX_RESULTS = 100;
/** GET /group/bulk: `maxResults` defaults to 50; [assumed] also its cap. */
export const GROUP_BULK_MAX_RESULTS = 50;

const escapeHtml = (text: string): string => text.replace(/[&<>"']/g, (c) => `&#${String(c.charCodeAt(0))};`);

/** The name with the first match of `query` in `<b>`, as Jira's picker `html` field. */
function highlight(name: string, query: string, caseInsensitive: boolean): string {
  if (!query) return escapeHtml(name);
  const at = caseInsensitive ? name.toLowerCase().indexOf(query.toLowerCase()) : name.indexOf(query);
  if (at < 0) return escapeHtml(name);
  return `${escapeHtml(name.slice(0, at))}<b>${escapeHtml(name.slice(at, at + query.length))}</b>${escapeHtml(name.slice(at + query.length))}`;
}

/**
 * GET /groups/picker: groups whose names contain `query`, sorted by name, without the excluded ones.
 * Without *Browse projects* the list is empty; without *Browse users and groups* only an exact match is
 * returned. The spec declares only 200, so nothing here answers otherwise (a bad `maxResults` falls
 * back to the default).
 */
function findGroups(ctx: RouteContext): Reply {
  const { site, url, caller } = ctx;
  const query = url.searchParams.get('query') ?? '';
  const caseInsensitive = url.searchParams.get('caseInsensitive') === 'true';
  const excluded = new Set(listParam(url, 'exclude'));
  const excludedIds = new Set(listParam(url, 'excludeId'));
  const asked = intParam(url, 'maxResults', GROUP_PICKER_DEFAULT_RESULTS, 1) ?? GROUP_PICKER_DEFAULT_RESULTS;
  const maxResults = Math.min(asked, GROUP_PICKER_MAX_RESULTS);
  const empty = { groups: [], header: 'Showing 0 of 0 matching groups', total: 0 };
  if (!hasPermission(site, caller.accountId, 'BROWSE_PROJECTS')) return { status: 200, body: empty };
  const browseGroups = hasPermission(site, caller.accountId, 'USER_PICKER');
  const contains = (g: SeedGroup) =>
    caseInsensitive ? g.name.toLowerCase().includes(query.toLowerCase()) : g.name.includes(query);
  const matches = site
    .allGroups()
    .filter((g) => !excluded.has(g.name) && !excludedIds.has(g.groupId))
    .filter((g) => (browseGroups ? contains(g) : g.name === query))
    .sort((a, b) => a.name.localeCompare(b.name, 'en'));
  const shown = matches.slice(0, maxResults);
  return {
    status: 200,
    body: {
      header: `Showing ${String(shown.length)} of ${String(matches.length)} matching groups`,
      total: matches.length,
      groups: shown.map((g) => ({
        name: g.name,
        html: highlight(g.name, query, caseInsensitive),
        labels: [],
        groupId: g.groupId,
      })),
    },
  };
}

/**
 * GET /group/bulk: the groups named by `groupId` and/or `groupName` (or every group when neither is
 * given), paged; names and ids that match no group are left out [assumed, as /user/bulk does]. Needs
 * *Browse users and groups* (403 otherwise). `accessType` and `applicationKey` are accepted and not
 * modelled (the demo site's groups carry no access levels).
 */
function bulkGroups(ctx: RouteContext): Reply {
  const { site, url, caller } = ctx;
  if (!hasPermission(site, caller.accountId, 'USER_PICKER'))
    return fail(403, 'You do not have the permission to browse users and groups.');
  const startAt = intParam(url, 'startAt', 0);
  const requested = intParam(url, 'maxResults', GROUP_BULK_MAX_RESULTS, 1);
  if (startAt === undefined || requested === undefined)
    return fail(400, 'startAt must be ≥ 0 and maxResults ≥ 1.');
  const ids = new Set(url.searchParams.getAll('groupId').filter(Boolean));
  const names = new Set(url.searchParams.getAll('groupName').filter(Boolean));
  const all = [...site.allGroups()].sort((a, b) => a.name.localeCompare(b.name, 'en'));
  const found =
    ids.size + names.size === 0 ? all : all.filter((g) => ids.has(g.groupId) || names.has(g.name));
  const maxResults = Math.min(requested, GROUP_BULK_MAX_RESULTS);
  return {
    status: 200,
    body: pageBean(url, ctx.base, found, startAt, maxResults, (g) => ({ groupId: g.groupId, name: g.name })),
  };
}

export const groupRoutes: Route[] = [
  { method: 'GET', template: '/groups/picker', handler: findGroups },
  { method: 'GET', template: '/group/bulk', handler: bulkGroups },
];
