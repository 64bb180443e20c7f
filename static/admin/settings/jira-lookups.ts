/**
 * What the settings' pickers offer, read from Jira as the signed-in admin (`requestJira`): the site's
 * single-user-picker fields and its groups. Asked as the user, not the app: only a Jira admin opens
 * Settings, their own rights are enough, and they are never shown a field or group they could not see
 * in Jira itself. Scopes: `read:jira-work` (GET /field) and `read:jira-user` (GET /groups/picker,
 * GET /group/bulk), both declared already for other calls.
 */
import { isUserPickerField, jiraFieldList, jiraGroupBulkPage } from '@contract/jira-site';
import { z } from 'zod';
import { getJira } from '../../shared/api';

export interface JiraField {
  id: string;
  name: string;
}

/**
 * The site's single-user-picker custom fields, by name.
 * @see https://developer.atlassian.com/cloud/jira/platform/rest/v3/api-group-issue-fields/#api-rest-api-3-field-get
 */
export async function userPickerFields(): Promise<JiraField[]> {
  const parsed = jiraFieldList.safeParse(await getJira('/rest/api/3/field', 'the list of the site’s fields'));
  if (!parsed.success) throw new Error('Jira answered the list of fields with something unexpected.');
  return parsed.data
    .filter(isUserPickerField)
    .map((f) => ({ id: f.id, name: f.name }))
    .sort((a, b) => a.name.localeCompare(b.name));
}

export interface JiraGroup {
  name: string;
  groupId: string;
}

const foundGroups = z.looseObject({
  groups: z.array(z.looseObject({ name: z.string(), groupId: z.string().optional() })).default([]),
});

/**
 * Groups whose names contain `query` (any case), for the picker's suggestions.
 * @see https://developer.atlassian.com/cloud/jira/platform/rest/v3/api-group-groups/#api-rest-api-3-groups-picker-get
 */
export async function findGroups(query: string, maxResults = 20): Promise<JiraGroup[]> {
  const params = new URLSearchParams({ query, caseInsensitive: 'true', maxResults: String(maxResults) });
  const parsed = foundGroups.safeParse(
    await getJira(`/rest/api/3/groups/picker?${params.toString()}`, 'the group search'),
  );
  if (!parsed.success) throw new Error('Jira answered the group search with something unexpected.');
  return parsed.data.groups.map((g) => ({ name: g.name, groupId: g.groupId ?? '' }));
}

/**
 * Which of these group names still exist. `GET /group/bulk` leaves out names that match no group; one
 * call covers the settings' at most 10 groups.
 * @see https://developer.atlassian.com/cloud/jira/platform/rest/v3/api-group-groups/#api-rest-api-3-group-bulk-get
 */
export async function existingGroups(names: readonly string[]): Promise<Set<string>> {
  if (names.length === 0) return new Set();
  const params = new URLSearchParams({ maxResults: '50' });
  for (const name of names) params.append('groupName', name);
  const parsed = jiraGroupBulkPage.safeParse(
    await getJira(`/rest/api/3/group/bulk?${params.toString()}`, 'the saved groups'),
  );
  if (!parsed.success) throw new Error('Jira answered the group look-up with something unexpected.');
  return new Set(parsed.data.values.map((g) => g.name));
}
