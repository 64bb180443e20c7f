/**
 * Jira Cloud's points-based rate limits, as the simulator models them — every number of the model in
 * this one module, each marked with where it comes from:
 *
 * - [doc] https://developer.atlassian.com/cloud/jira/platform/rate-limiting (updated Feb–Mar 2026):
 *   "Each request starts with a base cost of 1 point, and additional points are added for each object
 *   involved. Write requests are charged only the base cost"; three independent limits (hourly points
 *   quota, per-second burst per tenant/endpoint/method, per-issue writes), each answering 429;
 *   `RateLimit-Reason` values; `X-RateLimit-NearLimit` under 20 % left; API-token traffic keeps burst
 *   limits only; cost budgets by call type ("Forge asUser() → App + user", "Forge asApp() → App").
 * - [doc] https://developer.atlassian.com/cloud/jira/platform/build-an-app-that-respects-rate-limits/
 *   (the three limits and what an app does for each `RateLimit-Reason`).
 * - [2nd] FORGE-FACTS §10.4 (secondary summary): +1 per core object, +2 per identity object (users,
 *   groups, permissions); Tier 1 = 65,000 points/hour for the app across all tenants; Tier 2 = per
 *   tenant 100,000 + 10 × users, at most 500,000; burst about 100 requests/s.
 * - [2nd] https://community.developer.atlassian.com/t/2026-point-based-rate-limits/97828?page=9 —
 *   headers seen in the wild: `Beta-RateLimit-Policy: "tenant-app-quota";q=100100;w=3600`,
 *   `Beta-RateLimit: "tenant-app-quota";r=17842;t=2107`, reset on the UTC hour; vendors report
 *   permission checks costing far more than the model says (~30 checks/hour) — called a bug there.
 * - [assumed] everything else: which objects an operation "involves", the per-issue write limit, the
 *   App+user budget's size, that a 429 costs nothing and an error answer costs the base point.
 */

export const POINTS_MODEL = {
  /** [doc] Every request that Jira answers (not a 429) costs this. */
  basePoints: 1,
  /** [2nd] Added per object involved, by category. */
  perObject: { core: 1, identity: 2 },
  /** [doc] Hourly quotas, in a window that resets on the UTC hour ([2nd] observed `w=3600`, reset :00). */
  windowMs: 3_600_000,
  /** [2nd] Tier 1: one pool per app, shared by every tenant it is installed on. */
  tier1GlobalQuota: 65_000,
  /** [2nd] Tier 2 (after Atlassian's review): a pool per tenant of base + perUser × users, capped. */
  tier2: { base: 100_000, perUser: 10, cap: 500_000 },
  /**
   * [assumed] `asUser()` traffic goes to an App+user budget per user ([doc] cost-budget table), not to
   * the app's pools; its size is unpublished: 10,000 points/hour per user here.
   */
  appUserQuota: 10_000,
  /** [doc] `X-RateLimit-NearLimit: true` when less than this share of a limit is left. */
  nearLimitShare: 0.2,
  /** [2nd] Per tenant, endpoint and method (the simulator's `burst` option; fixed 1 s window). */
  burst: { limit: 100, windowMs: 1000 },
  /** [assumed] Per-issue writes: the number is unpublished. */
  perIssueWrites: { limit: 20, windowMs: 60_000 },
} as const;

/** [doc] `RateLimit-Reason` values (older `jira-cost-based` / `jira-quota-based` are not emitted). */
export const RATE_LIMIT_REASONS = {
  burst: 'jira-burst-based',
  perIssueWrite: 'jira-per-issue-on-write',
  tenantQuota: 'jira-quota-tenant-based',
  globalQuota: 'jira-quota-global-based',
} as const;

/**
 * [2nd] `Beta-RateLimit-Policy` names: `tenant-app-quota` was observed, `global-app-quota` is quoted
 * in FORGE-FACTS §10.4; [assumed] `app-user-quota` for the App+user budget.
 */
export const POLICY_NAMES = {
  global: 'global-app-quota',
  tenant: 'tenant-app-quota',
  appUser: 'app-user-quota',
} as const;

export type Tier = 1 | 2;

/** [2nd] The Tier 2 quota of a tenant with `users` users. */
export function tenantQuotaFor(users: number): number {
  const { base, perUser, cap } = POINTS_MODEL.tier2;
  return Math.min(cap, base + perUser * Math.max(0, users));
}

export interface ObjectsInvolved {
  core: number;
  identity: number;
}

/** Operations that use POST to read (charged like a read, not a write). [assumed] */
const READS_BY_POST = new Set(['POST /rest/api/3/permissions/check']);

const count = (value: unknown): number => (Array.isArray(value) ? value.length : 0);
const field = (body: unknown, name: string): unknown =>
  typeof body === 'object' && body !== null ? (body as Record<string, unknown>)[name] : undefined;

/**
 * The objects a successful answer "involves", by operation (`METHOD /rest/api/3/template`). [assumed]
 * The returned objects are counted: users and groups (and permissions [2nd]) are identity objects,
 * issues core objects.
 */
export function objectsInvolved(endpoint: string, body: unknown): ObjectsInvolved {
  const identity = (n: number): ObjectsInvolved => ({ core: 0, identity: n });
  switch (endpoint) {
    case 'GET /rest/api/3/myself':
    case 'GET /rest/api/3/user':
      return identity(1);
    case 'GET /rest/api/3/user/bulk':
    case 'GET /rest/api/3/group/member':
    case 'GET /rest/api/3/group/bulk':
      return identity(count(field(body, 'values')));
    case 'GET /rest/api/3/users/search':
    case 'GET /rest/api/3/users':
    case 'GET /rest/api/3/user/search':
    case 'GET /rest/api/3/user/groups':
      return identity(count(body));
    case 'GET /rest/api/3/groups/picker':
      return identity(count(field(body, 'groups')));
    // [assumed] each field returned is a core object (issue-configuration data, not identity).
    case 'GET /rest/api/3/field':
      return { core: count(body), identity: 0 };
    case 'GET /rest/api/3/mypermissions': {
      const permissions = field(body, 'permissions');
      return identity(
        typeof permissions === 'object' && permissions !== null ? Object.keys(permissions).length : 0,
      );
    }
    case 'POST /rest/api/3/permissions/check':
      return identity(count(field(body, 'globalPermissions')) + count(field(body, 'projectPermissions')));
    // [assumed] for transitions, the issue whose transitions are listed; a status is one core object.
    case 'GET /rest/api/3/issue/{issueIdOrKey}':
    case 'GET /rest/api/3/issue/{issueIdOrKey}/transitions':
    case 'GET /rest/api/3/status/{idOrName}':
      return { core: 1, identity: 0 };
    default:
      return { core: 0, identity: 0 };
  }
}

export function isWrite(endpoint: string): boolean {
  const method = endpoint.slice(0, endpoint.indexOf(' '));
  return method !== 'GET' && method !== 'HEAD' && !READS_BY_POST.has(endpoint);
}

/**
 * Points of one answered request: the base point, plus per object for a successful read. [doc] writes
 * cost the base only; [assumed] an error answer costs the base only, a 429 nothing (the caller checks).
 */
export function pointsFor(endpoint: string, status: number, body: unknown): number {
  if (status < 200 || status >= 300 || isWrite(endpoint)) return POINTS_MODEL.basePoints;
  const { core, identity } = objectsInvolved(endpoint, body);
  return (
    POINTS_MODEL.basePoints + core * POINTS_MODEL.perObject.core + identity * POINTS_MODEL.perObject.identity
  );
}
