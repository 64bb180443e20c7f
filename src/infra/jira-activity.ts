import api, { route } from '@forge/api';
import { z } from 'zod';
import type { ActivitySource } from '../app/dormancy';
import { readJira } from './jira-client';

/** `JQLCountResultsBean`. */
const countResult = z.object({ count: z.number().int().min(0) });

/** Account ids are opaque; quote them for JQL all the same. */
const jqlString = (s: string) => `"${s.replace(/["\\]/g, '\\$&')}"`;

/**
 * Changes an account made, counted by Jira, as the app (scope `read:jira-work`; the app sees every
 * project it may browse).
 * @see https://developer.atlassian.com/cloud/jira/platform/rest/v3/api-group-issue-search/#api-rest-api-3-search-approximate-count-post
 * @see https://support.atlassian.com/jira-software-cloud/docs/jql-functions/ (updatedBy)
 */
export const jiraActivity: ActivitySource = {
  async changesWithin(accountId, days) {
    const jql = `issue in updatedBy(${jqlString(accountId)}, "-${days}d")`;
    const result = await readJira(
      () =>
        api.asApp().requestJira(route`/rest/api/3/search/approximate-count`, {
          method: 'POST',
          headers: { 'content-type': 'application/json', accept: 'application/json' },
          body: JSON.stringify({ jql }),
        }),
      'search/approximate-count',
      countResult,
    );
    return result.count;
  },
};
