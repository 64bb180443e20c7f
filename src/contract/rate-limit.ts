/**
 * What people are told when Jira rate-limits the app (FORGE-FACTS §10.4): one wording for the backend's
 * RATE_LIMITED envelope and the Custom UI's own Jira calls. Jira names the limit in `RateLimit-Reason`:
 * `jira-quota-tenant-based` / `jira-quota-global-based` (the hourly points quota, reset on the UTC hour),
 * `jira-burst-based`, `jira-per-issue-on-write` (seconds).
 * @see https://developer.atlassian.com/cloud/jira/platform/rate-limiting
 */

export type RateLimitKind = 'hourly-quota' | 'busy';

export function rateLimitKind(reason: string | null | undefined): RateLimitKind {
  return reason?.startsWith('jira-quota') ? 'hourly-quota' : 'busy';
}

/** `14:00 UTC` */
const clockTime = (date: Date) => `${date.toISOString().slice(11, 16)} UTC`;

function inWords(seconds: number): string {
  if (seconds < 90) return `${Math.max(1, Math.round(seconds))} seconds`;
  const minutes = Math.round(seconds / 60);
  return minutes === 1 ? 'a minute' : `${minutes} minutes`;
}

/**
 * A sentence for a site admin: which limit, that it is Jira's, and when to try again.
 * e.g. "Jira's hourly limit on this app's API use is spent (points-based rate limit). Try again after
 * 11:00 UTC, in about 45 minutes."
 */
export function rateLimitMessage(
  kind: RateLimitKind,
  retryAfterSeconds: number | undefined,
  now: Date,
): string {
  if (kind === 'hourly-quota') {
    const seconds = retryAfterSeconds ?? 3600 - ((now.getTime() / 1000) % 3600);
    const at = new Date(now.getTime() + seconds * 1000);
    return (
      "Jira's hourly limit on this app's API use is spent (Jira's points-based rate limit). " +
      `Try again after ${clockTime(at)}, in about ${inWords(seconds)}.`
    );
  }
  const seconds = retryAfterSeconds ?? 5;
  return `Jira is busy right now and asked the app to slow down. Try again in about ${inWords(seconds)}.`;
}
