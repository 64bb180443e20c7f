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

/**
 * Why an account looks like an integration: `accountType:app`, or `pattern:<p>` for each settings
 * pattern that is a whole word of its display name or email local part (so `ci` matches "Jenkins CI"
 * and `jenkins-ci@…` but not "Lucia"). A pattern with a non-alphanumeric character (e.g. `-bot`)
 * matches as a substring instead.
 */
export function candidateReasons(user: UserFacts, patterns: readonly string[]): string[] {
  const reasons: string[] = [];
  if (user.accountType === 'app') reasons.push('accountType:app');
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

/** Untagged, active, not a customer, and at least one reason. */
export function isCandidate(user: UserFacts, patterns: readonly string[]): boolean {
  return user.active && user.accountType !== 'customer' && candidateReasons(user, patterns).length > 0;
}
