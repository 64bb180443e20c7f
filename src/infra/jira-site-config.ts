import api, { route } from '@forge/api';
import type { SiteConfig } from '../app/site-config-ports';
import { jiraFieldList, jiraGroupBulkPage } from '../contract/jira-site';
import { readJira } from './jira-client';

/**
 * The settings' server-side checks, asked as the admin saving them (`asUser`: the settings page's
 * pickers read the same calls as them, so the check sees what the admin was offered). Scopes
 * `read:jira-work` (GET /field) and `read:jira-user` (GET /group/bulk), declared already.
 */
export const jiraSiteConfig: SiteConfig = {
  async fields() {
    // @see https://developer.atlassian.com/cloud/jira/platform/rest/v3/api-group-issue-fields/#api-rest-api-3-field-get
    const fields = await readJira(
      () => api.asUser().requestJira(route`/rest/api/3/field`, { headers: { Accept: 'application/json' } }),
      'field',
      jiraFieldList,
    );
    return fields.map((f) => ({
      id: f.id,
      name: f.name,
      ...(f.custom === true && f.schema?.custom ? { customType: f.schema.custom } : {}),
    }));
  },

  async existingGroups(names) {
    if (names.length === 0) return new Set();
    // Names that match no group are left out of the answer (ASSUMED, as the settings page assumes).
    // @see https://developer.atlassian.com/cloud/jira/platform/rest/v3/api-group-groups/#api-rest-api-3-group-bulk-get
    const query = new URLSearchParams({ maxResults: '50' });
    for (const name of names) query.append('groupName', name);
    const page = await readJira(
      () =>
        api.asUser().requestJira(route`/rest/api/3/group/bulk?${query}`, {
          headers: { Accept: 'application/json' },
        }),
      'group/bulk',
      jiraGroupBulkPage,
    );
    return new Set(page.values.map((g) => g.name));
  },
};
