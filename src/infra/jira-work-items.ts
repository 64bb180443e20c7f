import api, { route } from '@forge/api';
import { z } from 'zod';
import type { WorkItemTracker } from '../app/owner-work-items';
import { JiraError, readJira } from './jira-client';

/** Atlassian Document Format for plain text, one paragraph per line. */
function adf(text: string) {
  return {
    type: 'doc',
    version: 1,
    content: text
      .split('\n')
      .filter((line) => line.trim() !== '')
      .map((line) => ({ type: 'paragraph', content: [{ type: 'text', text: line }] })),
  };
}

const createdIssue = z.object({ id: z.string(), key: z.string().min(1) });
const transitions = z.object({
  transitions: z
    .array(
      z.object({
        id: z.string(),
        to: z.object({ statusCategory: z.object({ key: z.string() }).optional() }).optional(),
      }),
    )
    .default([]),
});

const json = { 'content-type': 'application/json', accept: 'application/json' };

/** A write whose answer has no body worth parsing (204, or a 201 we do not read). */
async function write(request: () => Promise<{ ok: boolean; status: number }>, what: string): Promise<void> {
  const response = await request();
  if (!response.ok) throw new JiraError(response.status, `Jira answered ${response.status} to ${what}`);
}

/**
 * Owners' work items, written as the app (scope `write:jira-work`; reads `read:jira-work`).
 * @see https://developer.atlassian.com/cloud/jira/platform/rest/v3/api-group-issues/#api-rest-api-3-issue-post
 * @see https://developer.atlassian.com/cloud/jira/platform/rest/v3/api-group-issue-watchers/#api-rest-api-3-issue-issueidorkey-watchers-post
 * @see https://developer.atlassian.com/cloud/jira/platform/rest/v3/api-group-issue-comments/#api-rest-api-3-issue-issueidorkey-comment-post
 * @see https://developer.atlassian.com/cloud/jira/platform/rest/v3/api-group-issues/#api-rest-api-3-issue-issueidorkey-transitions-get
 */
export const jiraWorkItems: WorkItemTracker = {
  async create(item) {
    return readJira(
      () =>
        api.asApp().requestJira(route`/rest/api/3/issue`, {
          method: 'POST',
          headers: json,
          body: JSON.stringify({
            fields: {
              project: { key: item.projectKey },
              issuetype: { name: item.typeName },
              summary: item.summary,
              description: adf(item.description),
              assignee: { id: item.assigneeId },
              labels: ['integration-accounts'],
            },
          }),
        }),
      'create work item',
      createdIssue,
    );
  },

  async addWatcher(issueKey, accountId) {
    await write(
      () =>
        api.asApp().requestJira(route`/rest/api/3/issue/${issueKey}/watchers`, {
          method: 'POST',
          headers: json,
          body: JSON.stringify(accountId),
        }),
      'add watcher',
    );
  },

  async comment(issueKey, text) {
    await write(
      () =>
        api.asApp().requestJira(route`/rest/api/3/issue/${issueKey}/comment`, {
          method: 'POST',
          headers: json,
          body: JSON.stringify({ body: adf(text) }),
        }),
      'comment on work item',
    );
  },

  async resolve(issueKey) {
    const { transitions: available } = await readJira(
      () => api.asApp().requestJira(route`/rest/api/3/issue/${issueKey}/transitions`, { headers: json }),
      'work item transitions',
      transitions,
    );
    const done = available.find((t) => t.to?.statusCategory?.key === 'done');
    if (!done) return false;
    await write(
      () =>
        api.asApp().requestJira(route`/rest/api/3/issue/${issueKey}/transitions`, {
          method: 'POST',
          headers: json,
          body: JSON.stringify({ transition: { id: done.id } }),
        }),
      'move work item to done',
    );
    return true;
  },
};
