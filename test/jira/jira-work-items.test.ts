/** The simulator's dormancy and work-item operations, every answer checked against the OpenAPI subset. */
import { afterAll, beforeAll, beforeEach, describe, expect, it } from 'vitest';
import { APP_ACCOUNT_ID, DEMO_ACCOUNT_IDS, DEMO_EMAILS, FORGE_BOT_ACCOUNT_ID } from '../../local/jira/seed';
import { PLATFORM_TOKEN, startJira } from './harness';
import type { JiraHarness } from './harness';

let h: JiraHarness;
beforeAll(async () => {
  h = await startJira();
});
afterAll(() => h.close());
beforeEach(() => h.site.reset());

const asApp = { bearer: PLATFORM_TOKEN, principal: 'app' };
const adf = (text: string) => ({
  type: 'doc',
  version: 1,
  content: [{ type: 'paragraph', content: [{ type: 'text', text }] }],
});
const count = async (jql: string) =>
  h.call('POST', '/rest/api/3/search/approximate-count', { as: asApp, body: { jql } });

describe('POST /search/approximate-count with updatedBy()', () => {
  it('counts what an account created or changed in the window: GitHub Sync lately, Jenkins CI 120 days ago', async () => {
    expect((await count(`issue in updatedBy("${DEMO_ACCOUNT_IDS.githubSync}", "-90d")`)).body).toEqual({
      count: 1,
    });
    expect((await count(`issue in updatedBy("${DEMO_ACCOUNT_IDS.jenkinsCi}", "-90d")`)).body).toEqual({
      count: 0,
    });
    expect((await count(`issue in updatedBy("${DEMO_ACCOUNT_IDS.jenkinsCi}", "-125d")`)).body).toEqual({
      count: 1,
    });
    expect(
      (await count(`issue in updatedBy(${DEMO_ACCOUNT_IDS.jenkinsCi}, "-200d") AND project = DEL`)).body,
    ).toEqual({
      count: 1,
    });
    expect(
      (await count(`issue in updatedBy("${DEMO_ACCOUNT_IDS.jenkinsCi}", "-200d") AND project = OPS`)).body,
    ).toEqual({ count: 0 });
  });

  it('400 for unbounded, unsupported or wrong JQL (ErrorCollection), nothing counted', async () => {
    for (const jql of [
      '',
      'order by created',
      'issue in updatedBy("nobody", "-90d")',
      'issue in updatedBy("x", "soon")',
    ]) {
      const r = await count(jql);
      expect(r.status).toBe(400);
      expect((r.body as { errorMessages: string[] }).errorMessages[0]).toBeTruthy();
    }
    expect(
      (await h.call('POST', '/rest/api/3/search/approximate-count', { as: asApp, body: {} })).status,
    ).toBe(400);
  });

  it('a comment by an account is activity that updatedBy sees', async () => {
    const jql = `issue in updatedBy("${DEMO_ACCOUNT_IDS.jenkinsCi}", "-90d")`;
    const r = await h.call('POST', '/rest/api/3/issue/DEL-1/comment', {
      as: { email: DEMO_EMAILS.jenkinsCi },
      body: { body: adf('Build 1490 deployed') },
    });
    expect(r.status).toBe(201);
    expect((await count(jql)).body).toEqual({ count: 1 });
  });
});

describe('a work item: create, watch, comment, transition', () => {
  it('follows the issue through its life as the app does', async () => {
    const created = await h.call('POST', '/rest/api/3/issue', {
      as: asApp,
      body: {
        fields: {
          project: { key: 'OPS' },
          issuetype: { id: '10002' },
          summary: 'Jenkins CI: no Jira activity for 90 days',
          assignee: { id: DEMO_ACCOUNT_IDS.olivia },
          description: adf('Confirm it is still needed.'),
        },
      },
    });
    expect(created.status).toBe(201);
    const key = (created.body as { key: string }).key;

    expect(
      (
        await h.call('POST', `/rest/api/3/issue/${key}/watchers`, {
          as: asApp,
          body: JSON.stringify(DEMO_ACCOUNT_IDS.ben),
        })
      ).status,
    ).toBe(204);
    const watchers = await h.call('GET', `/rest/api/3/issue/${key}/watchers`, { as: asApp });
    expect(watchers.body).toMatchObject({ watchCount: 1, watchers: [{ accountId: DEMO_ACCOUNT_IDS.ben }] });
    expect(
      (
        await h.call('POST', `/rest/api/3/issue/${key}/watchers`, {
          as: asApp,
          body: JSON.stringify('nobody'),
        })
      ).status,
    ).toBe(404);

    const comment = await h.call('POST', `/rest/api/3/issue/${key}/comment`, {
      as: asApp,
      body: { body: adf('Changed.') },
    });
    expect(comment).toMatchObject({ status: 201, body: { author: { accountId: APP_ACCOUNT_ID } } });
    expect(
      (await h.call('POST', `/rest/api/3/issue/${key}/comment`, { as: asApp, body: { body: 'text' } }))
        .status,
    ).toBe(400);
    const comments = await h.call('GET', `/rest/api/3/issue/${key}/comment`, { as: asApp });
    expect(comments.body).toMatchObject({ total: 1, comments: [{ body: adf('Changed.') }] });

    const transitions = (await h.call('GET', `/rest/api/3/issue/${key}/transitions`, { as: asApp })).body as {
      transitions: { id: string; to: { statusCategory: { key: string } } }[];
    };
    const done = transitions.transitions.find((t) => t.to.statusCategory.key === 'done');
    expect(done).toBeDefined();
    expect(
      (
        await h.call('POST', `/rest/api/3/issue/${key}/transitions`, {
          as: asApp,
          body: { transition: { id: done?.id } },
        })
      ).status,
    ).toBe(204);
    const issue = await h.call('GET', `/rest/api/3/issue/${key}?fields=status`, { as: asApp });
    expect(issue.body).toMatchObject({
      fields: { status: { name: 'Done', statusCategory: { key: 'done' } } },
    });
    expect(
      (
        await h.call('POST', `/rest/api/3/issue/${key}/transitions`, {
          as: asApp,
          body: { transition: { id: '999' } },
        })
      ).status,
    ).toBe(400);
  });

  it('reports an Atlassian service account with appType service; app bots without email', async () => {
    const sa = await h.call('GET', `/rest/api/3/user?accountId=${DEMO_ACCOUNT_IDS.deployPipeline}`, {
      as: asApp,
    });
    expect(sa.body).toMatchObject({
      accountType: 'app',
      appType: 'service',
      emailAddress: 'deploy-pipeline@serviceaccount.atlassian.com',
    });
    const bot = (await h.call('GET', `/rest/api/3/user?accountId=${FORGE_BOT_ACCOUNT_ID}`, { as: asApp }))
      .body;
    expect(bot).toMatchObject({ accountType: 'app', displayName: 'Slack Sync' });
    expect(bot).not.toHaveProperty('emailAddress');
  });
});
