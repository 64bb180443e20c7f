/**
 * The simulator's points meter: charges every answered request its points (local/jira/points-model.ts)
 * to the budget Jira attributes it to, enforces the hourly quotas and the per-issue write limit, and
 * adds Jira's rate-limit headers to app traffic (FORGE-FACTS §10.4). Windows reset on the UTC hour of
 * an injectable clock. API-token (Basic) traffic is metered for the figures but never limited here: it
 * keeps the burst limit only (enforced by jira-server.ts).
 */
import type { IncomingMessage } from 'node:http';
import {
  POINTS_MODEL,
  POLICY_NAMES,
  RATE_LIMIT_REASONS,
  isWrite,
  pointsFor,
  tenantQuotaFor,
  type Tier,
} from './points-model';

/** Who a request is attributed to: the app (`asApp`), the app acting for a user (`asUser`), an API token. */
export type RatePrincipal = { kind: 'app' } | { kind: 'user'; accountId: string } | { kind: 'api-token' };

export interface QuotaSettings {
  tier: Tier;
  /** Tier 1: the app's global pool (all tenants). */
  globalQuota: number;
  /** Tier 2: this tenant's pool; `auto` = the published formula from the site's users. */
  tenantQuota: number | 'auto';
  /** Per user, for `asUser` traffic. */
  appUserQuota: number;
  /** Points other tenants spent from the global pool this hour (Tier 1 only; set by tests and demos). */
  globalSpentByOthers: number;
  /** `null` turns the per-issue write limit off. */
  perIssueWrites: { limit: number; windowMs: number } | null;
  /** false: meter and send headers, never answer 429 for a quota. */
  enforce: boolean;
}

export const DEFAULT_QUOTA_SETTINGS: QuotaSettings = {
  tier: 1,
  globalQuota: POINTS_MODEL.tier1GlobalQuota,
  tenantQuota: 'auto',
  appUserQuota: POINTS_MODEL.appUserQuota,
  globalSpentByOthers: 0,
  perIssueWrites: { ...POINTS_MODEL.perIssueWrites },
  enforce: true,
};

/** Points charged since the last `resetStats`, for the bench and `/__local/state`. */
export interface PointsStats {
  /** Charged to the app's pool (Tier 1 or 2). */
  app: number;
  /** Charged to App+user budgets. */
  user: number;
  /** API-token traffic (not limited by quotas). */
  apiToken: number;
  /** `METHOD /rest/api/3/template` → points, all principals. */
  byEndpoint: Record<string, number>;
}

export interface Budget {
  name: string;
  quota: number;
  spent: number;
  remaining: number;
  reason: string;
}

export interface PointsState {
  settings: QuotaSettings;
  /** Start of the current hourly window (UTC, ISO-8601) and when it resets. */
  windowStart: string;
  resetsAt: string;
  /** The app's pool as this tenant sees it now (global or tenant). */
  appBudget: Budget;
  tenantQuota: number;
  spent: { global: number; tenant: number; appUser: Record<string, number> };
  stats: PointsStats;
}

export interface Limited {
  status: 429;
  message: string;
}

export interface PointsMeter {
  /** Before the operation runs: a 429 when the principal's quota or the issue's write limit is spent. */
  admit(
    principal: RatePrincipal,
    endpoint: string,
    issueKey: string | undefined,
    headers: Record<string, string>,
  ): Limited | undefined;
  /** After it ran: charges the answer's points and sets the quota headers of app traffic. */
  charge(
    principal: RatePrincipal,
    endpoint: string,
    status: number,
    body: unknown,
    headers: Record<string, string>,
  ): number;
  configure(patch: Partial<QuotaSettings>): void;
  /** Spent points of this window (tests: start a window part-spent). */
  setSpent(spent: Partial<{ global: number; tenant: number }>): void;
  /** Forgets every point spent this window, App+user budgets included (`/__local/reset`: back to the seed). */
  clearSpent(): void;
  state(): PointsState;
  readonly stats: PointsStats;
  resetStats(): void;
}

/** `X-RateLimit-Reset` format, ISO 8601 to the minute (`yyyy-MM-ddTHH:mmZ`). */
const resetHeader = (atMs: number) =>
  new Date(Math.ceil(atMs / 60_000) * 60_000).toISOString().slice(0, 16) + 'Z';

/** Basic → API token; the local Forge proxy's Bearer → the principal it names. */
export function principalOf(req: IncomingMessage): RatePrincipal {
  const scheme = (req.headers.authorization ?? '').split(/\s+/, 1)[0]?.toLowerCase();
  if (scheme !== 'bearer') return { kind: 'api-token' };
  const principal = req.headers['x-forge-principal'];
  if (typeof principal === 'string' && principal.startsWith('user:'))
    return { kind: 'user', accountId: principal.slice(5) };
  return { kind: 'app' };
}

export function createPointsMeter(deps: { now: () => number; siteUsers: () => number }): PointsMeter {
  const settings: QuotaSettings = { ...DEFAULT_QUOTA_SETTINGS };
  let windowStart = -1;
  const spent = { global: 0, tenant: 0, appUser: new Map<string, number>() };
  const issueWrites = new Map<string, { start: number; count: number }>();
  const stats: PointsStats = { app: 0, user: 0, apiToken: 0, byEndpoint: {} };

  function roll(now: number): void {
    const start = Math.floor(now / POINTS_MODEL.windowMs) * POINTS_MODEL.windowMs;
    if (start === windowStart) return;
    windowStart = start;
    spent.global = 0;
    spent.tenant = 0;
    spent.appUser.clear();
    settings.globalSpentByOthers = 0;
  }

  const tenantQuota = () =>
    settings.tenantQuota === 'auto' ? tenantQuotaFor(deps.siteUsers()) : settings.tenantQuota;

  function budgetOf(principal: RatePrincipal): Budget | undefined {
    if (principal.kind === 'api-token') return undefined;
    let name: string;
    let quota: number;
    let used: number;
    let reason: string;
    if (principal.kind === 'user') {
      name = POLICY_NAMES.appUser;
      quota = settings.appUserQuota;
      used = spent.appUser.get(principal.accountId) ?? 0;
      // [assumed] no documented reason for an App+user budget: Jira's tenant-quota value.
      reason = RATE_LIMIT_REASONS.tenantQuota;
    } else if (settings.tier === 1) {
      name = POLICY_NAMES.global;
      quota = settings.globalQuota;
      used = spent.global + settings.globalSpentByOthers;
      reason = RATE_LIMIT_REASONS.globalQuota;
    } else {
      name = POLICY_NAMES.tenant;
      quota = tenantQuota();
      used = spent.tenant;
      reason = RATE_LIMIT_REASONS.tenantQuota;
    }
    return { name, quota, spent: used, remaining: Math.max(0, quota - used), reason };
  }

  function quotaHeaders(budget: Budget, now: number, headers: Record<string, string>): void {
    const seconds = Math.max(1, Math.ceil((windowStart + POINTS_MODEL.windowMs - now) / 1000));
    headers['Beta-RateLimit-Policy'] = `"${budget.name}";q=${budget.quota};w=${POINTS_MODEL.windowMs / 1000}`;
    headers['Beta-RateLimit'] = `"${budget.name}";r=${budget.remaining};t=${seconds}`;
    if (budget.remaining < budget.quota * POINTS_MODEL.nearLimitShare)
      headers['X-RateLimit-NearLimit'] = 'true';
  }

  function refuse(
    reason: string,
    limit: number,
    resetAt: number,
    now: number,
    headers: Record<string, string>,
    message: string,
  ): Limited {
    headers['Retry-After'] = String(Math.max(1, Math.ceil((resetAt - now) / 1000)));
    headers['X-RateLimit-Limit'] = String(limit);
    headers['X-RateLimit-Remaining'] = '0';
    headers['X-RateLimit-Reset'] = resetHeader(resetAt);
    headers['RateLimit-Reason'] = reason;
    return { status: 429, message };
  }

  return {
    admit(principal, endpoint, issueKey, headers) {
      const now = deps.now();
      roll(now);
      const budget = budgetOf(principal);
      if (!budget) return undefined;
      quotaHeaders(budget, now, headers);
      if (settings.enforce && budget.remaining <= 0) {
        return refuse(
          budget.reason,
          budget.quota,
          windowStart + POINTS_MODEL.windowMs,
          now,
          headers,
          'Rate limit exceeded: the hourly points quota is spent. Please respect the Retry-After header.',
        );
      }
      const limit = settings.perIssueWrites;
      if (limit && issueKey !== undefined && isWrite(endpoint)) {
        let window = issueWrites.get(issueKey);
        if (!window || now - window.start >= limit.windowMs) {
          window = { start: now, count: 0 };
          issueWrites.set(issueKey, window);
        }
        if (window.count >= limit.limit) {
          return refuse(
            RATE_LIMIT_REASONS.perIssueWrite,
            limit.limit,
            window.start + limit.windowMs,
            now,
            headers,
            'Rate limit exceeded: too many writes to this issue. Please respect the Retry-After header.',
          );
        }
        window.count += 1;
      }
      return undefined;
    },

    charge(principal, endpoint, status, body, headers) {
      const now = deps.now();
      roll(now);
      const points = pointsFor(endpoint, status, body);
      stats.byEndpoint[endpoint] = (stats.byEndpoint[endpoint] ?? 0) + points;
      if (principal.kind === 'api-token') {
        stats.apiToken += points;
        return points;
      }
      if (principal.kind === 'user') {
        stats.user += points;
        spent.appUser.set(principal.accountId, (spent.appUser.get(principal.accountId) ?? 0) + points);
      } else {
        stats.app += points;
        if (settings.tier === 1) spent.global += points;
        else spent.tenant += points;
      }
      const budget = budgetOf(principal);
      if (budget) quotaHeaders(budget, now, headers);
      return points;
    },

    configure(patch) {
      roll(deps.now());
      Object.assign(settings, patch);
    },

    setSpent(patch) {
      roll(deps.now());
      if (patch.global !== undefined) spent.global = patch.global;
      if (patch.tenant !== undefined) spent.tenant = patch.tenant;
    },

    clearSpent() {
      spent.global = 0;
      spent.tenant = 0;
      spent.appUser.clear();
    },

    state() {
      const now = deps.now();
      roll(now);
      return {
        settings: { ...settings },
        windowStart: new Date(windowStart).toISOString(),
        resetsAt: new Date(windowStart + POINTS_MODEL.windowMs).toISOString(),
        appBudget: budgetOf({ kind: 'app' }) as Budget,
        tenantQuota: tenantQuota(),
        spent: { global: spent.global, tenant: spent.tenant, appUser: Object.fromEntries(spent.appUser) },
        stats: { ...stats, byEndpoint: { ...stats.byEndpoint } },
      };
    },

    get stats() {
      return stats;
    },

    resetStats() {
      stats.app = 0;
      stats.user = 0;
      stats.apiToken = 0;
      for (const key of Object.keys(stats.byEndpoint)) delete stats.byEndpoint[key];
    },
  };
}
