/**
 * The directory state of the local Jira site: users, groups, projects, issues and the notifications
 * sent through `/issue/{key}/notify`. Plain in-memory data, cloned from a seed; `reset()` goes back.
 */
import {
  APP_ACCOUNT_ID,
  GROUP_ADDONS_ADMIN,
  GROUP_JIRA_ADMINISTRATORS,
  demoAccountId,
  demoSeed,
} from './seed';
import type {
  AdfDocument,
  JiraSeed,
  SeedAccountType,
  SeedGroup,
  SeedIssue,
  SeedProject,
  SeedUser,
  SeedUserPickerField,
} from './seed';

/** What `POST /issue/{key}/notify` recorded (Jira would queue an email). */
export interface SentNotification {
  issueId: string;
  issueKey: string;
  fromAccountId: string;
  /** Active recipients, resolved from `to` (users, groups, reporter, assignee, watchers). */
  toAccountIds: string[];
  subject: string;
  textBody?: string;
  htmlBody?: string;
  at: string;
}

export interface NewIssue {
  projectId: string;
  issueTypeId: string;
  summary: string;
  description?: AdfDocument | null;
  reporterAccountId?: string | null;
  assigneeAccountId?: string | null;
  labels?: string[];
  userFields?: Record<string, string | null>;
}

export interface NewUser {
  displayName: string;
  emailAddress?: string;
  accountType?: SeedAccountType;
  active?: boolean;
  /** Default: derived from the email (or display name) like the seed's ids. */
  accountId?: string;
  timeZone?: string;
  locale?: string;
}

/** Jira's timestamp format on issues, e.g. `2026-01-05T09:00:00.000+0000`. */
export function jiraTimestamp(date: Date): string {
  return date.toISOString().replace('Z', '+0000');
}

export class JiraSite {
  private readonly seed: JiraSeed;
  private usersById = new Map<string, SeedUser>();
  private usersByEmail = new Map<string, SeedUser>();
  private groups: SeedGroup[] = [];
  private projects: SeedProject[] = [];
  private issues: SeedIssue[] = [];
  /** Notifications recorded by `/issue/{key}/notify`, oldest first. */
  notifications: SentNotification[] = [];

  constructor(seed: JiraSeed = demoSeed()) {
    this.seed = structuredClone(seed);
    this.reset();
  }

  /** Back to the seed: users, groups, issues and notifications. */
  reset(): void {
    const copy = structuredClone(this.seed);
    this.usersById = new Map(copy.users.map((u) => [u.accountId, u]));
    this.usersByEmail = new Map(
      copy.users.filter((u) => u.emailAddress).map((u) => [(u.emailAddress ?? '').toLowerCase(), u]),
    );
    this.groups = copy.groups;
    this.projects = copy.projects;
    this.issues = copy.issues;
    this.notifications = [];
  }

  get siteName(): string {
    return this.seed.siteName;
  }

  /** The app's own `accountType: app` user: the principal of `asApp()` requests. */
  get appAccountId(): string {
    return APP_ACCOUNT_ID;
  }

  // --- users ---------------------------------------------------------------------------------

  /** Every user (all types, active or not), in a stable order: seed order, then added users. */
  users(): readonly SeedUser[] {
    return [...this.usersById.values()];
  }

  user(accountId: string): SeedUser | undefined {
    return this.usersById.get(accountId);
  }

  userByEmail(email: string): SeedUser | undefined {
    return this.usersByEmail.get(email.toLowerCase());
  }

  /** Deactivate or reactivate an account; `false` if there is no such account. */
  setActive(accountId: string, active: boolean): boolean {
    const user = this.usersById.get(accountId);
    if (!user) return false;
    user.active = active;
    return true;
  }

  /** Adds a user (benchmarks grow the site with this). Throws if the id or email is taken. */
  addUser(input: NewUser): SeedUser {
    const accountId = input.accountId ?? demoAccountId(input.emailAddress ?? `name:${input.displayName}`);
    if (this.usersById.has(accountId)) throw new Error(`account ${accountId} exists`);
    if (input.emailAddress && this.usersByEmail.has(input.emailAddress.toLowerCase())) {
      throw new Error(`email ${input.emailAddress} is taken`);
    }
    const user: SeedUser = {
      accountId,
      accountType: input.accountType ?? 'atlassian',
      displayName: input.displayName,
      active: input.active ?? true,
      timeZone: input.timeZone ?? 'Etc/UTC',
      locale: input.locale ?? 'en_US',
    };
    if (input.emailAddress) user.emailAddress = input.emailAddress;
    this.usersById.set(accountId, user);
    if (input.emailAddress) this.usersByEmail.set(input.emailAddress.toLowerCase(), user);
    return user;
  }

  // --- groups and permissions ------------------------------------------------------------------

  allGroups(): readonly SeedGroup[] {
    return this.groups;
  }

  groupById(groupId: string): SeedGroup | undefined {
    return this.groups.find((g) => g.groupId === groupId);
  }

  /** Group names are case-insensitive in Jira. */
  groupByName(name: string): SeedGroup | undefined {
    const wanted = name.toLowerCase();
    return this.groups.find((g) => g.name.toLowerCase() === wanted);
  }

  groupsOf(accountId: string): SeedGroup[] {
    return this.groups.filter((g) => g.members.includes(accountId));
  }

  isMember(accountId: string, groupName: string): boolean {
    return this.groupByName(groupName)?.members.includes(accountId) ?? false;
  }

  /** Adds an account to a group (creating the group if needed); false if the account is unknown. */
  addToGroup(groupName: string, accountId: string): boolean {
    if (!this.usersById.has(accountId)) return false;
    let group = this.groupByName(groupName);
    if (!group) {
      group = { groupId: crypto.randomUUID(), name: groupName, members: [] };
      this.groups.push(group);
    }
    if (!group.members.includes(accountId)) group.members.push(accountId);
    return true;
  }

  removeFromGroup(groupName: string, accountId: string): boolean {
    const group = this.groupByName(groupName);
    const at = group?.members.indexOf(accountId) ?? -1;
    if (!group || at < 0) return false;
    group.members.splice(at, 1);
    return true;
  }

  /**
   * Holds the *Administer Jira* global permission: an active member of `jira-administrators`, or
   * of `atlassian-addons-admin` (where Jira puts app users, so the app account is one).
   */
  isAdmin(accountId: string): boolean {
    const user = this.usersById.get(accountId);
    if (!user?.active) return false;
    return (
      this.isMember(accountId, GROUP_JIRA_ADMINISTRATORS) || this.isMember(accountId, GROUP_ADDONS_ADMIN)
    );
  }

  // --- projects and issues ---------------------------------------------------------------------

  allProjects(): readonly SeedProject[] {
    return this.projects;
  }

  /** By id or key (keys are case-insensitive). */
  project(idOrKey: string): SeedProject | undefined {
    const key = idOrKey.toUpperCase();
    return this.projects.find((p) => p.id === idOrKey || p.key === key);
  }

  userPickerField(fieldId: string): SeedUserPickerField | undefined {
    return this.seed.userPickerFields.find((f) => f.id === fieldId);
  }

  userPickerFields(): readonly SeedUserPickerField[] {
    return this.seed.userPickerFields;
  }

  allIssues(): readonly SeedIssue[] {
    return this.issues;
  }

  /** By id or key (keys are case-insensitive). */
  issue(idOrKey: string): SeedIssue | undefined {
    const key = idOrKey.toUpperCase();
    return this.issues.find((i) => i.id === idOrKey || i.key === key);
  }

  /** Stores a new issue with the next id and the project's next key. Input is trusted (the server validates). */
  createIssue(input: NewIssue, now: Date = new Date()): SeedIssue {
    const project = this.project(input.projectId);
    if (!project) throw new Error(`no project ${input.projectId}`);
    const nextId = Math.max(9999, ...this.issues.map((i) => Number(i.id))) + 1;
    const prefix = `${project.key}-`;
    const nextNumber =
      Math.max(
        0,
        ...this.issues.filter((i) => i.key.startsWith(prefix)).map((i) => Number(i.key.slice(prefix.length))),
      ) + 1;
    const stamp = jiraTimestamp(now);
    const issue: SeedIssue = {
      id: String(nextId),
      key: `${prefix}${nextNumber}`,
      projectId: project.id,
      issueTypeId: input.issueTypeId,
      summary: input.summary,
      description: input.description ?? null,
      reporterAccountId: input.reporterAccountId ?? null,
      assigneeAccountId: input.assigneeAccountId ?? null,
      labels: input.labels ?? [],
      userFields: { ...input.userFields },
      statusName: 'To Do',
      created: stamp,
      updated: stamp,
    };
    this.issues.push(issue);
    return issue;
  }

  recordNotification(notification: SentNotification): void {
    this.notifications.push(notification);
  }
}
