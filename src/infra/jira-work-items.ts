import api, { route } from '@forge/api';
import { z } from 'zod';
import type { WorkItemTracker } from '../app/owner-work-items';
import { DATE_SLOT, type DatedText } from '../contract/dated-text';
import { JiraError, readJira } from './jira-client';

/**
 * Atlassian Document Format for plain text, one paragraph per line. The sentence's date (`{date}`,
 * src/contract/dated-text.ts) becomes an ADF `date` node, which Jira shows "in the user's locale"
 * (https://developer.atlassian.com/platform/framework/adf-builder/reference/nodes/date/; `timestamp`:
 * milliseconds since 1970-01-01 UTC, as a string): the work item's reader sees the app's one date
 * format, not an ISO day.
 */
export function adf(sentence: DatedText) {
  const { text, date } = sentence;
  const dateNode = date
    ? { type: 'date', attrs: { timestamp: String(Date.parse(`${date}T00:00:00Z`)) } }
    : undefined;
  const inline = (line: string) =>
    line
      .split(DATE_SLOT)
      .flatMap((piece, i) => [
        ...(i > 0 && dateNode ? [dateNode] : i > 0 ? [{ type: 'text', text: DATE_SLOT }] : []),
        ...(piece ? [{ type: 'text', text: piece }] : []),
      ]);
  return {
    type: 'doc',
    version: 1,
    content: text
      .split('\n')
      .filter((line) => line.trim() !== '')
      .map((line) => ({ type: 'paragraph', content: inline(line) })),
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

  async comment(issueKey, body) {
    await write(
      () =>
        api.asApp().requestJira(route`/rest/api/3/issue/${issueKey}/comment`, {
          method: 'POST',
          headers: json,
          body: JSON.stringify({ body: adf(typeof body === 'string' ? { text: body } : body) }),
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
