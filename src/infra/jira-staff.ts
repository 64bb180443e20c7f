import api, { route } from '@forge/api';
import { z } from 'zod';
import type { StaffDirectory } from '../app/oversight-ports';
import { AppError } from '../app/errors';
import { JiraError, readJira } from './jira-client';

const groupNames = z.array(z.object({ name: z.string() }));

/** A user-picker field's value in an issue: `{accountId}` or null. */
const issueWithFields = z.object({
  fields: z.record(z.string(), z.unknown()).default({}),
});

export const jiraStaff: StaffDirectory = {
  async groupsOf(accountId) {
    // Asked as the app: the caller may lack "Browse users and groups". Authorization only, from
    // context.accountId. @see https://developer.atlassian.com/cloud/jira/platform/rest/v3/api-group-users/#api-rest-api-3-user-groups-get
    const groups = await readJira(
      () =>
        api.asApp().requestJira(route`/rest/api/3/user/groups?accountId=${accountId}`, {
          headers: { Accept: 'application/json' },
        }),
      'user/groups',
      groupNames,
    );
    return groups.map((g) => g.name);
  },

  async issueUserField(issueKey, fieldId) {
    // As the caller: only someone who can see the offboarding ticket learns who it names.
    // @see https://developer.atlassian.com/cloud/jira/platform/rest/v3/api-group-issues/#api-rest-api-3-issue-issueidorkey-get
    const issue = await readJira(
      () =>
        api.asUser().requestJira(route`/rest/api/3/issue/${issueKey}?fields=${fieldId}`, {
          headers: { Accept: 'application/json' },
        }),
      'issue',
      issueWithFields,
    ).catch((e: unknown) => {
      if (e instanceof JiraError && (e.status === 404 || e.status === 403))
        throw new AppError('NOT_FOUND', 'This work item is not visible to you.');
      throw e;
    });
    const value = issue.fields[fieldId];
    const parsed = z.object({ accountId: z.string().min(1).max(128) }).safeParse(value);
    return parsed.success ? parsed.data.accountId : undefined;
  },
};
