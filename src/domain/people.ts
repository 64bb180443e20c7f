/** What the app knows of a Jira user (a directory fact), whatever the source. */
export interface UserFacts {
  accountId: string;
  displayName: string;
  /** `atlassian` (a person), `app`, `customer` or `unknown` (Jira's `User.accountType`). */
  accountType: string;
  /** Jira's `User.appType` when `accountType` is `app`: `service`, `agent` or `unknown`. */
  appType?: string;
  active: boolean;
  emailAddress?: string;
  avatarUrl?: string;
}

export const isHuman = (u: UserFacts): boolean => u.accountType === 'atlassian';
