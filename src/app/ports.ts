import type { AccountType } from '../contract/site-users';
import type { Settings } from '../domain/settings';

/** A Jira user as the app needs it, whatever the source. */
export interface DirectoryUser {
  accountId: string;
  displayName: string;
  accountType: AccountType;
  active: boolean;
  emailAddress?: string;
  avatarUrl?: string;
}

/** The site's user directory, read as the app. */
export interface Directory {
  /** One page of every user of the site, active or not, in Jira's order. */
  listUsers(startAt: number, maxResults: number): Promise<DirectoryUser[]>;
}

/** What the invoking user may do, asked of Jira as that user. */
export interface CallerPermissions {
  isJiraAdmin(): Promise<boolean>;
}

export interface SettingsStore {
  get(): Promise<Settings>;
}
