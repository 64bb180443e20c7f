/**
 * JSON shapes of Jira Cloud REST API v3 built from the site state. Each follows its schema in the
 * OpenAPI document (`User`, `UserDetails`, `GroupName`, `IssueBean`, …), all of which have
 * `additionalProperties: false`, so nothing extra may be added here.
 */
import { avatarUrls } from './avatars';
import { statusJson } from './statuses';
import type { JiraSite } from './jira-site';
import type { SeedGroup, SeedIssue, SeedUser } from './seed';

export const API = '/rest/api/3';

export interface ErrorCollection {
  errorMessages: string[];
  errors: Record<string, string>;
}

export function errorCollection(messages: string[], errors: Record<string, string> = {}): ErrorCollection {
  return { errorMessages: messages, errors };
}

/** `User` (@see https://developer.atlassian.com/cloud/jira/platform/rest/v3/api-group-users/#api-rest-api-3-user-get). */
export function userJson(
  site: JiraSite | undefined,
  user: SeedUser,
  base: string,
  expand: string[] = [],
): Record<string, unknown> {
  const json: Record<string, unknown> = {
    self: `${base}${API}/user?accountId=${encodeURIComponent(user.accountId)}`,
    accountId: user.accountId,
    accountType: user.accountType,
  };
  if (user.appType !== undefined) json.appType = user.appType;
  if (user.emailAddress !== undefined) json.emailAddress = user.emailAddress;
  json.avatarUrls = avatarUrls(base, user.accountId);
  json.displayName = user.displayName;
  json.active = user.active;
  json.timeZone = user.timeZone;
  json.locale = user.locale;
  if (site && expand.length > 0) {
    // Jira lists the expandable parts, and reports sizes even when the items are not expanded.
    const groups = site.groupsOf(user.accountId);
    json.groups = {
      size: groups.length,
      items: expand.includes('groups') ? groups.map((g) => groupNameJson(g, base)) : [],
    };
    json.applicationRoles = { size: user.accountType === 'atlassian' ? 1 : 0, items: [] };
    json.expand = 'groups,applicationRoles';
  }
  return json;
}

/** `UserDetails`: as `User` minus `appType`, `locale` and the expandables (group members, notify recipients). */
export function userDetailsJson(user: SeedUser, base: string): Record<string, unknown> {
  const { self, accountId, emailAddress, avatarUrls, displayName, active, timeZone, accountType } = userJson(
    undefined,
    user,
    base,
  );
  return {
    self,
    accountId,
    ...(emailAddress !== undefined && { emailAddress }),
    avatarUrls,
    displayName,
    active,
    timeZone,
    accountType,
  };
}

export function groupNameJson(group: SeedGroup, base: string): Record<string, unknown> {
  return { name: group.name, groupId: group.groupId, self: `${base}${API}/group?groupId=${group.groupId}` };
}

/** All `fields` of an issue, keyed by field id; user fields are `User` objects or null. */
export function issueFields(site: JiraSite, issue: SeedIssue, base: string): Record<string, unknown> {
  const project = site.project(issue.projectId);
  const issueType = project?.issueTypes.find((t) => t.id === issue.issueTypeId);
  const asUser = (accountId: string | null): Record<string, unknown> | null => {
    const user = accountId ? site.user(accountId) : undefined;
    return user ? userJson(site, user, base) : null;
  };
  const fields: Record<string, unknown> = {
    summary: issue.summary,
    issuetype: issueType && {
      self: `${base}${API}/issuetype/${issueType.id}`,
      id: issueType.id,
      description: issueType.description,
      name: issueType.name,
      subtask: false,
      hierarchyLevel: 0,
    },
    project: project && {
      self: `${base}${API}/project/${project.id}`,
      id: project.id,
      key: project.key,
      name: project.name,
      projectTypeKey: project.projectTypeKey,
      simplified: false,
    },
    status: statusJson(base, issue.statusName),
    description: issue.description,
    reporter: asUser(issue.reporterAccountId),
    creator: asUser(issue.reporterAccountId),
    assignee: asUser(issue.assigneeAccountId),
    labels: issue.labels,
    created: issue.created,
    updated: issue.updated,
  };
  for (const fieldId of project?.customFieldIds ?? []) {
    fields[fieldId] = asUser(issue.userFields[fieldId] ?? null);
  }
  return fields;
}
