import { Unavailable } from '../app/errors';

/**
 * The HTTP class of a failure thrown while a webtrigger's use case ran: one mapping for both static
 * webtriggers (the pre-deactivation check and the org audit-log webhook), as DESIGN.md §5 words it —
 * "503 when Jira is unavailable or rate-limited, 500" for the rest.
 * - `unavailable` → 503: Jira or Forge storage cannot answer now (`Unavailable`: Jira 429 or 5xx,
 *   storage throttling). Worth sending again later; the use cases are idempotent (replay records are
 *   claimed after the work), so a second delivery is safe.
 * - `error` → 500: anything else — ours.
 *
 * Documented (https://developer.atlassian.com/platform/forge/manifest-reference/modules/web-trigger/):
 * a static webtrigger's function returns only `{ outputKey }`, and Forge answers that declared output's
 * status and body — no headers, so no `Retry-After`; the wait Jira asked for goes to the app's logs.
 * NOT documented: whether Atlassian's audit-log webhook
 * (https://support.atlassian.com/security-and-access-policies/docs/learn-more-about-audit-log-webhooks/)
 * delivers again after a 5xx — the page describes registration, test events and aggregated deliveries,
 * not retries. The hourly sweep catches what a lost delivery missed (docs/audit-log-webhooks.md).
 */
export type WebtriggerFailure = 'unavailable' | 'error';

function describe(e: unknown): string {
  if (e instanceof Unavailable) {
    const wait = e.retryAfterSeconds === undefined ? '' : `, Retry-After ${e.retryAfterSeconds} s`;
    const reason = e.rateLimitReason ? `, ${e.rateLimitReason}` : '';
    return `${e.service} answered ${e.status}${reason}${wait}: ${e.message}`;
  }
  return e instanceof Error ? e.message : String(e);
}

/** The failure class of `e`, logged with what the caller's static answer cannot carry. */
export function failureOf(e: unknown, webtrigger: string): WebtriggerFailure {
  const failure: WebtriggerFailure = e instanceof Unavailable ? 'unavailable' : 'error';
  console.error(`${webtrigger} failed (${failure}): ${describe(e)}`);
  return failure;
}
