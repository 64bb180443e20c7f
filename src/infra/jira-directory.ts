import api, { route } from '@forge/api';
import { z } from 'zod';
import type { CallerPermissions, Directory, DirectoryUser } from '../app/ports';
import { readJira } from './jira-client';
import { jiraUser, myPermissions, pageBeanUser, type JiraUser } from './jira-schemas';

export function toDirectoryUser(user: JiraUser): DirectoryUser {
  return {
    accountId: user.accountId,
    displayName: user.displayName,
    accountType: user.accountType,
    ...(user.appType ? { appType: user.appType } : {}),
    active: user.active,
    ...(user.emailAddress ? { emailAddress: user.emailAddress } : {}),
    ...(user.avatarUrls?.['48x48'] ? { avatarUrl: user.avatarUrls['48x48'] } : {}),
  };
}

/**
 * `/user/bulk` puts every id in the URL and documents no maximum (FORGE-FACTS §6.2, JRACLOUD-78790):
 * keep each request's query under ~6,000 characters and 100 ids, so a page of 50 accounts with their
 * owners and backups (≤ 150 ids of 24–43 chars) needs one or two calls.
 */
const MAX_QUERY_CHARS = 6000;
const MAX_IDS_PER_CALL = 100;

export function bulkChunks(ids: readonly string[]): string[][] {
  const chunks: string[][] = [];
  let current: string[] = [];
  let length = 0;
  for (const id of ids) {
    const cost = `accountId=${encodeURIComponent(id)}&`.length;
    if (current.length && (current.length >= MAX_IDS_PER_CALL || length + cost > MAX_QUERY_CHARS)) {
      chunks.push(current);
      current = [];
      length = 0;
    }
    current.push(id);
    length += cost;
  }
  if (current.length) chunks.push(current);
  return chunks;
}

/** The site's users, read as the app (the admin was authorized before this is called). */
export const jiraDirectory: Directory = {
  async listUsers(startAt, maxResults) {
    // @see https://developer.atlassian.com/cloud/jira/platform/rest/v3/api-group-users/#api-rest-api-3-users-search-get
    const users = await readJira(
      () =>
        api.asApp().requestJira(route`/rest/api/3/users/search?startAt=${startAt}&maxResults=${maxResults}`, {
          headers: { Accept: 'application/json' },
        }),
      'users/search',
      z.array(jiraUser),
    );
    return users.map(toDirectoryUser);
  },

  async lookup(accountIds) {
    const found = new Map<string, DirectoryUser>();
    const ids = [...new Set(accountIds)];
    for (const chunk of bulkChunks(ids)) {
      const params = new URLSearchParams(chunk.map((id): [string, string] => ['accountId', id]));
      params.set('maxResults', String(chunk.length));
      // @see https://developer.atlassian.com/cloud/jira/platform/rest/v3/api-group-users/#api-rest-api-3-user-bulk-get
      let startAt = 0;
      for (;;) {
        params.set('startAt', String(startAt));
        const page = await readJira(
          () =>
            api.asApp().requestJira(route`/rest/api/3/user/bulk?${params}`, {
              headers: { Accept: 'application/json' },
            }),
          'user/bulk',
          pageBeanUser,
        );
        for (const u of page.values) found.set(u.accountId, toDirectoryUser(u));
        startAt += page.values.length;
        // Jira may clamp maxResults below what was asked: page on until the chunk is answered.
        if (page.isLast !== false || page.values.length === 0 || startAt >= chunk.length) break;
      }
    }
    return found;
  },

  async search(query, maxResults) {
    // Active users only. @see https://developer.atlassian.com/cloud/jira/platform/rest/v3/api-group-user-search/#api-rest-api-3-user-search-get
    const users = await readJira(
      () =>
        api.asApp().requestJira(route`/rest/api/3/user/search?query=${query}&maxResults=${maxResults}`, {
          headers: { Accept: 'application/json' },
        }),
      'user/search',
      z.array(jiraUser),
    );
    return users.map(toDirectoryUser);
  },
};

/** Asks Jira, as the invoking user, whether they hold the global Administer Jira permission. */
export const jiraCallerPermissions: CallerPermissions = {
  async isJiraAdmin() {
    // @see https://developer.atlassian.com/cloud/jira/platform/rest/v3/api-group-permissions/#api-rest-api-3-mypermissions-get
    const answer = await readJira(
      () =>
        api.asUser().requestJira(route`/rest/api/3/mypermissions?permissions=ADMINISTER`, {
          headers: { Accept: 'application/json' },
        }),
      'mypermissions',
      myPermissions,
    );
    return answer.permissions['ADMINISTER']?.havePermission === true;
  },
};
