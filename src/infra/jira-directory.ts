import api, { route } from '@forge/api';
import { z } from 'zod';
import type { CallerPermissions, Directory, DirectoryUser } from '../app/ports';
import { readJira } from './jira-client';
import { jiraUser, myPermissions, type JiraUser } from './jira-schemas';

export function toDirectoryUser(user: JiraUser): DirectoryUser {
  return {
    accountId: user.accountId,
    displayName: user.displayName,
    accountType: user.accountType,
    active: user.active,
    ...(user.emailAddress ? { emailAddress: user.emailAddress } : {}),
    ...(user.avatarUrls?.['48x48'] ? { avatarUrl: user.avatarUrls['48x48'] } : {}),
  };
}

/** The site's users, read as the app (the admin was authorized before this is called). */
export const jiraDirectory: Directory = {
  async listUsers(startAt, maxResults) {
    // @see https://developer.atlassian.com/cloud/jira/platform/rest/v3/api-group-users/#api-rest-api-3-users-search-get
    const users = await readJira(
      api
        .asApp()
        .requestJira(route`/rest/api/3/users/search?startAt=${startAt}&maxResults=${maxResults}`, {
          headers: { Accept: 'application/json' },
        }),
      'users/search',
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
      api.asUser().requestJira(route`/rest/api/3/mypermissions?permissions=ADMINISTER`, {
        headers: { Accept: 'application/json' },
      }),
      'mypermissions',
      myPermissions,
    );
    return answer.permissions['ADMINISTER']?.havePermission === true;
  },
};
