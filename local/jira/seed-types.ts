/** The shapes of the local Jira site's seed (`seed.ts` builds the demo one). */

/** `User.accountType` values the seed uses (the spec also has `unknown`). */
export type SeedAccountType = 'atlassian' | 'app' | 'customer';

export interface SeedUser {
  accountId: string;
  accountType: SeedAccountType;
  /** `User.appType` of an `app` account: `service` for an Atlassian service account (kinds.ts). */
  appType?: 'service' | 'agent' | 'unknown';
  displayName: string;
  /** Absent for the app account: Jira omits the address when there is none (or privacy hides it). */
  emailAddress?: string;
  active: boolean;
  timeZone: string;
  locale: string;
}

export interface SeedGroup {
  groupId: string;
  name: string;
  /** Account ids; membership survives deactivation, as in Jira. */
  members: string[];
}

export interface SeedIssueType {
  id: string;
  name: string;
  description: string;
}

export interface SeedProject {
  id: string;
  key: string;
  name: string;
  projectTypeKey: 'software' | 'business' | 'service_desk';
  leadAccountId: string;
  issueTypes: SeedIssueType[];
  /** Custom fields on this project's create/edit screens. */
  customFieldIds: string[];
}

/** A single-user-picker custom field (`com.atlassian.jira.plugin.system.customfieldtypes:userpicker`). */
export interface SeedUserPickerField {
  id: string;
  name: string;
}

/** Atlassian Document Format document (only the root is checked; content is kept verbatim). */
export interface AdfDocument {
  type: 'doc';
  version: 1;
  content: unknown[];
}

export interface SeedIssue {
  id: string;
  key: string;
  projectId: string;
  issueTypeId: string;
  summary: string;
  description: AdfDocument | null;
  reporterAccountId: string | null;
  assigneeAccountId: string | null;
  labels: string[];
  /** User-picker custom fields: field id → account id. */
  userFields: Record<string, string | null>;
  statusName: string;
  created: string;
  updated: string;
  /** Who created or changed the issue, and when (`created`, fields, transitions): JQL `updatedBy`. */
  changes?: SeedChange[];
  /** Comments (ADF bodies), oldest first, and watchers (account ids). */
  comments?: SeedComment[];
  watchers?: string[];
}

export interface SeedChange {
  authorAccountId: string;
  created: string;
  field: string;
}

export interface SeedComment {
  id: string;
  authorAccountId: string;
  body: AdfDocument;
  created: string;
}

export interface JiraSeed {
  siteName: string;
  users: SeedUser[];
  groups: SeedGroup[];
  projects: SeedProject[];
  userPickerFields: SeedUserPickerField[];
  issues: SeedIssue[];
}
