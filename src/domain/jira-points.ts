/**
 * The app's own estimate of what its Jira requests cost under Jira's points-based rate limits, to choose
 * the cheaper way to read user states and to budget the sweep. Jira's answers are the truth (the sweep
 * reads the quota from `Beta-RateLimit-Policy` / `Beta-RateLimit`); these constants only plan.
 *
 * @see https://developer.atlassian.com/cloud/jira/platform/rate-limiting — "Each request starts with a
 *   base cost of 1 point, and additional points are added for each object involved."
 * Per-object weights and quota sizes are unpublished there; the values below come from a secondary
 * summary (FORGE-FACTS §10.4, [2nd]): identity objects (users, groups) 2 points each.
 */
export const JIRA_POINTS = {
  base: 1,
  perUser: 2,
  /** [2nd] Tier 1: the app's global pool. Assumed until Jira's headers say otherwise. */
  assumedHourlyQuota: 65_000,
  /** Jira flags `X-RateLimit-NearLimit` under 20 % left; the sweep stops there and leaves the rest. */
  nearLimitShare: 0.2,
} as const;

/** `/users/search` pages of this many users. */
export const SITE_PAGE_SIZE = 1000;

/** One request returning `users` users. */
export const requestPoints = (users: number): number => JIRA_POINTS.base + JIRA_POINTS.perUser * users;

/** Bulk lookups of `distinct` ids, `batch` per request: every id found once, one base point per request. */
export function bulkLookupPoints(distinct: number, batch: number): number {
  if (distinct <= 0) return 0;
  return Math.ceil(distinct / Math.max(1, batch)) * JIRA_POINTS.base + distinct * JIRA_POINTS.perUser;
}

/** Paging every site user (active, inactive, deleted) in pages of 1,000. */
export function sitePagingPoints(siteUsers: number): number {
  const pages = Math.max(1, Math.ceil(siteUsers / SITE_PAGE_SIZE));
  return pages * JIRA_POINTS.base + Math.max(0, siteUsers) * JIRA_POINTS.perUser;
}

/** What Jira's quota headers said on the latest answer. */
export interface QuotaReading {
  /** `Beta-RateLimit-Policy` name, e.g. `tenant-app-quota` or `global-app-quota`. */
  policy: string;
  /** Points per window (`q`). */
  limit: number;
  /** Points left in the window (`r`). */
  remaining: number;
  /** Seconds until the window resets (`t`). */
  resetSeconds: number;
}

/** Parses `Beta-RateLimit-Policy: "name";q=…;w=…` and `Beta-RateLimit: "name";r=…;t=…`. */
export function parseQuotaHeaders(policy: string | null, state: string | null): QuotaReading | undefined {
  const p = /"([^"]+)"\s*;\s*q=(\d+)/.exec(policy ?? '');
  const s = /"([^"]+)"\s*;\s*r=(\d+)\s*;\s*t=(\d+)/.exec(state ?? '');
  if (!p || !s) return undefined;
  return { policy: p[1] as string, limit: Number(p[2]), remaining: Number(s[2]), resetSeconds: Number(s[3]) };
}

/** The UTC hour a time falls in (`2026-03-02T10`): Jira's quota windows reset on the hour. */
export const utcHour = (date: Date): string => date.toISOString().slice(0, 13);

/**
 * Points the sweep may spend now: its share of the hourly quota, less what it already spent this hour,
 * and never into the last 20 % of what Jira says is left (kept for people's interactive calls).
 */
export function sweepPointsBudget(opts: {
  sharePercent: number;
  quota: QuotaReading | undefined;
  spentThisHour: number;
}): number {
  const limit = opts.quota?.limit ?? JIRA_POINTS.assumedHourlyQuota;
  const share = Math.floor((limit * opts.sharePercent) / 100) - opts.spentThisHour;
  const headroom = opts.quota
    ? opts.quota.remaining - Math.ceil(opts.quota.limit * JIRA_POINTS.nearLimitShare)
    : Number.POSITIVE_INFINITY;
  return Math.max(0, Math.min(share, headroom));
}
