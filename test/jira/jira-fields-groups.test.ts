/**
 * GET /field, GET /groups/picker and GET /group/bulk on the local Jira: Atlassian's shapes (every answer
 * is checked against the OpenAPI subset by the harness), the permission rules each operation documents,
 * and the points each costs under the model (local/jira/points-model.ts).
 */
import { afterAll, beforeAll, beforeEach, describe, expect, it } from 'vitest';
import { CUSTOM_FIELD_TYPES } from '../../local/jira/routes-fields';
import { DEMO_ACCOUNT_IDS, DEMO_EMAILS, DEPARTING_PERSON_FIELD_ID, demoGroupId } from '../../local/jira/seed';
import { PLATFORM_TOKEN, startJira } from './harness';
import type { JiraHarness } from './harness';

let h: JiraHarness;
beforeAll(async () => {
  h = await startJira();
});
afterAll(() => h.close());
beforeEach(() => {
  h.site.reset();
  h.jira.resetStats();
  h.jira.points.clearSpent();
});

interface Field {
  id: string;
  name: string;
  custom: boolean;
  schema?: { type: string; custom?: string; customId?: number };
}
interface FoundGroups {
  header: string;
  total: number;
  groups: { name: string; html: string; groupId: string }[];
}
const asUser = (id: string) => ({ bearer: PLATFORM_TOKEN, principal: `user:${id}` });

describe('GET /field', () => {
  it('lists system and custom fields; user pickers carry schema.custom …:userpicker', async () => {
    const r = await h.call('GET', '/rest/api/3/field');
    expect(r.status).toBe(200);
    const fields = r.body as Field[];
    expect(fields.find((f) => f.id === 'summary')).toMatchObject({ custom: false, name: 'Summary' });
    const pickers = fields.filter((f) => f.custom && f.schema?.custom === CUSTOM_FIELD_TYPES.userPicker);
    expect(pickers).toEqual([
      expect.objectContaining({
        id: DEPARTING_PERSON_FIELD_ID,
        name: 'Departing person',
        schema: { type: 'user', custom: CUSTOM_FIELD_TYPES.userPicker, customId: 10050 },
      }),
    ]);
    // Custom fields of other types are there too (a client must filter), a multi-user picker among them.
    const other = fields.filter((f) => f.custom && f.schema?.custom !== CUSTOM_FIELD_TYPES.userPicker);
    expect(other.map((f) => f.schema?.custom)).toContain(CUSTOM_FIELD_TYPES.multiUserPicker);
    expect(other.length).toBeGreaterThan(2);
  });

  it('a customer (no Browse projects) sees the system fields only', async () => {
    const r = await h.call('GET', '/rest/api/3/field', { as: { email: DEMO_EMAILS.customer } });
    expect(r.status).toBe(200);
    const fields = r.body as Field[];
    expect(fields.length).toBeGreaterThan(0);
    expect(fields.every((f) => !f.custom)).toBe(true);
  });

  it('costs 1 point plus 1 per field returned, charged to the App+user budget as the user', async () => {
    const r = await h.call('GET', '/rest/api/3/field', { as: asUser(DEMO_ACCOUNT_IDS.siteAdmin) });
    const count = (r.body as Field[]).length;
    expect(h.jira.points.stats.byEndpoint['GET /rest/api/3/field']).toBe(1 + count);
    expect(h.jira.points.state().spent.appUser).toEqual({ [DEMO_ACCOUNT_IDS.siteAdmin]: 1 + count });
  });
});

describe('GET /groups/picker', () => {
  it('finds groups containing the query, sorted, with the match in <b> and the header', async () => {
    const r = await h.call('GET', '/rest/api/3/groups/picker?query=-team');
    expect(r.status).toBe(200);
    const body = r.body as FoundGroups;
    expect(body.groups).toEqual([
      {
        name: 'offboarding-team',
        html: 'offboarding<b>-team</b>',
        labels: [],
        groupId: demoGroupId('offboarding-team'),
      },
    ]);
    expect(body).toMatchObject({ total: 1, header: 'Showing 1 of 1 matching groups' });
  });

  it('is case-sensitive unless asked, honours exclude/excludeId and maxResults', async () => {
    const upper = (await h.call('GET', '/rest/api/3/groups/picker?query=JIRA')).body as FoundGroups;
    expect(upper.total).toBe(0);
    const any = (await h.call('GET', '/rest/api/3/groups/picker?query=JIRA&caseInsensitive=true'))
      .body as FoundGroups;
    expect(any.groups.map((g) => g.name)).toEqual(['jira-administrators', 'jira-software-users']);
    const excluded = (
      await h.call(
        'GET',
        `/rest/api/3/groups/picker?query=jira&exclude=jira-administrators&excludeId=${demoGroupId('jira-software-users')}`,
      )
    ).body as FoundGroups;
    expect(excluded.total).toBe(0);
    const one = (await h.call('GET', '/rest/api/3/groups/picker?query=&maxResults=1')).body as FoundGroups;
    expect(one.groups).toHaveLength(1);
    expect(one.header).toBe(`Showing 1 of ${String(one.total)} matching groups`);
  });

  it('costs 1 point plus 2 per group returned (groups are identity objects)', async () => {
    const r = await h.call('GET', '/rest/api/3/groups/picker?query=a', {
      as: asUser(DEMO_ACCOUNT_IDS.siteAdmin),
    });
    const n = (r.body as FoundGroups).groups.length;
    expect(n).toBeGreaterThan(0);
    expect(h.jira.points.stats.byEndpoint['GET /rest/api/3/groups/picker']).toBe(1 + 2 * n);
  });
});

describe('GET /group/bulk', () => {
  it('answers the named groups that exist, by name or id, and leaves unknown ones out', async () => {
    const r = await h.call(
      'GET',
      `/rest/api/3/group/bulk?groupName=offboarding-team&groupName=gone-team&groupId=${demoGroupId('jira-administrators')}`,
    );
    expect(r.status).toBe(200);
    expect(r.body).toMatchObject({
      isLast: true,
      startAt: 0,
      total: 2,
      values: [
        { groupId: demoGroupId('jira-administrators'), name: 'jira-administrators' },
        { groupId: demoGroupId('offboarding-team'), name: 'offboarding-team' },
      ],
    });
  });

  it('pages and costs 1 + 2 per group', async () => {
    const r = await h.call('GET', '/rest/api/3/group/bulk?maxResults=2', {
      as: asUser(DEMO_ACCOUNT_IDS.siteAdmin),
    });
    const page = r.body as { values: unknown[]; isLast: boolean; nextPage?: string };
    expect(page.values).toHaveLength(2);
    expect(page.isLast).toBe(false);
    expect(page.nextPage).toContain('startAt=2');
    expect(h.jira.points.stats.byEndpoint['GET /rest/api/3/group/bulk']).toBe(5);
  });

  it('needs Browse users and groups: 403 for a customer', async () => {
    const r = await h.call('GET', '/rest/api/3/group/bulk', { as: { email: DEMO_EMAILS.customer } });
    expect(r.status).toBe(403);
  });

  it('refuses a bad page with 400', async () => {
    expect((await h.call('GET', '/rest/api/3/group/bulk?startAt=-1')).status).toBe(400);
  });
});
