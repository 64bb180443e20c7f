import type { AccountKind } from '../contract/account-kinds';

/**
 * How the app tells the kinds apart — the ONE place to change if Atlassian reports them differently
 * (docs/account-kinds.md). Documented: `User.accountType` `app` covers every non-human Atlassian
 * account, and `User.appType` is `service` for a service account (`agent` for a Rovo agent) in the Jira
 * platform OpenAPI document. Inferred: service accounts also keep their generated
 * `…@serviceaccount.atlassian.com` address visible, so the suffix identifies them when `appType` is absent.
 */
export const SERVICE_ACCOUNT_EMAIL_SUFFIX = '@serviceaccount.atlassian.com';
export const SERVICE_ACCOUNT_APP_TYPE = 'service';

export interface KindFacts {
  accountType: string;
  appType?: string | undefined;
  emailAddress?: string | undefined;
}

/** The kind of an account from its Jira facts; anything not `app` is a personal account. */
export function accountKind(u: KindFacts): AccountKind {
  if (u.accountType !== 'app') return 'personal';
  if (u.appType === SERVICE_ACCOUNT_APP_TYPE) return 'service-account';
  if (u.emailAddress?.toLowerCase().endsWith(SERVICE_ACCOUNT_EMAIL_SUFFIX)) return 'service-account';
  return 'app-bot';
}
