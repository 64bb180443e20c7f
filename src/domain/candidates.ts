import type { AccountKind } from '../contract/account-kinds';
import { accountKind } from './account-kinds';
import type { UserFacts } from './people';

/** Words of a name or an email's local part: split on non-alphanumerics and camelCase, lower-cased. */
export function words(text: string): string[] {
  return text
    .replace(/([a-z0-9])([A-Z])/g, '$1 $2')
    .toLowerCase()
    .split(/[^\p{L}\p{N}]+/u)
    .map((w) => w.replace(/^\d+|\d+$/g, ''))
    .filter(Boolean);
}

/** The reason an untagged Atlassian service account is a candidate: nobody answers for it. */
export const SERVICE_ACCOUNT_REASON = 'service-account';

/**
 * Why an account looks like an integration: `service-account` for an Atlassian service account (the
 * strongest signal: it exists only for integrations, and Atlassian records no owner for it), then
 * `pattern:<p>` for each settings pattern that is a whole word of its display name or email local part
 * (so `ci` matches "Jenkins CI" and `jenkins-ci@…` but not "Lucia") — a weaker signal. A pattern with a
 * non-alphanumeric character (e.g. `-bot`) matches as a substring instead.
 */
export function candidateReasons(user: UserFacts, patterns: readonly string[]): string[] {
  const reasons: string[] = [];
  if (accountKind(user) === 'service-account') reasons.push(SERVICE_ACCOUNT_REASON);
  const local = user.emailAddress?.split('@')[0] ?? '';
  const tokens = new Set([...words(user.displayName), ...words(local)]);
  const haystack = `${user.displayName} ${local}`.toLowerCase();
  for (const raw of patterns) {
    const p = raw.trim().toLowerCase();
    if (!p) continue;
    const hit = /^[\p{L}\p{N}]+$/u.test(p) ? tokens.has(p) : haystack.includes(p);
    if (hit) reasons.push(`pattern:${p}`);
  }
  return reasons;
}

/**
 * Untagged, active, not a customer, not an app's bot (a Forge/Connect/Rovo app answers for its own
 * user, this app's included), and at least one reason.
 */
export function isCandidate(user: UserFacts, patterns: readonly string[]): boolean {
  return (
    user.active &&
    user.accountType !== 'customer' &&
    accountKind(user) !== 'app-bot' &&
    candidateReasons(user, patterns).length > 0
  );
}

/** Candidates in order of strength: service accounts first, then by name pattern (stable otherwise). */
export function byCandidateStrength<T extends { kind: AccountKind }>(list: T[]): T[] {
  const rank = (k: AccountKind) => (k === 'service-account' ? 0 : 1);
  return list
    .map((c, i) => ({ c, i }))
    .sort((a, b) => rank(a.c.kind) - rank(b.c.kind) || a.i - b.i)
    .map(({ c }) => c);
}
