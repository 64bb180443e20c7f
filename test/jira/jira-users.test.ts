import { afterAll, beforeAll, beforeEach, describe, expect, it } from 'vitest';
import { APP_ACCOUNT_ID, DEMO_ACCOUNT_IDS, DEMO_EMAILS, demoGroupId } from '../../local/jira/seed';
import { startJira } from './harness';
import type { JiraHarness } from './harness';

let h: JiraHarness;
beforeAll(async () => {
  h = await startJira();
});
afterAll(() => h.close());
beforeEach(() => h.site.reset());

const customer = { email: DEMO_EMAILS.customer };
type User = {
  accountId: string;
  active: boolean;
  accountType: string;
  displayName: string;
  emailAddress?: string;
};
type Page = {
  values: User[];
  total: number;
  isLast: boolean;
  startAt: number;
  maxResults: number;
  nextPage?: string;
};

describe('GET /myself', () => {
  it('answers the caller as a valid User (curl -u admin@example.com:local-dev-token …/myself)', async () => {
    const r = await h.call('GET', '/rest/api/3/myself');
    expect(r.status).toBe(200);
    expect(r.headers.get('x-aaccountid')).toBe(DEMO_ACCOUNT_IDS.siteAdmin);
    expect(r.body).toMatchObject({
      accountId: DEMO_ACCOUNT_IDS.siteAdmin,
      accountType: 'atlassian',
      displayName: 'Site Admin',
      emailAddress: 'admin@example.com',
      active: true,
      self: `${h.url}/rest/api/3/user?accountId=${DEMO_ACCOUNT_IDS.siteAdmin}`,
    });
    const avatars = (r.body as { avatarUrls: Record<string, string> }).avatarUrls;
    expect(Object.keys(avatars).sort()).toEqual(['16x16', '24x24', '32x32', '48x48']);
    expect(avatars['48x48']).toBe(`${h.url}/__local/avatars/${DEMO_ACCOUNT_IDS.siteAdmin}.svg?s=48`);
  });

  it('expands groups', async () => {
    const r = await h.call('GET', '/rest/api/3/myself?expand=groups,applicationRoles');
    const groups = (r.body as { groups: { size: number; items: { name: string }[] } }).groups;
    expect(groups.items.map((g) => g.name).sort()).toEqual(['jira-administrators', 'jira-software-users']);
    expect(groups.size).toBe(2);
  });
});

describe('GET /user', () => {
  it('finds a user, 404 for an unknown or missing accountId, 403 for a customer', async () => {
    const ok = await h.call('GET', `/rest/api/3/user?accountId=${DEMO_ACCOUNT_IDS.olivia}`);
    expect(ok.body).toMatchObject({ displayName: 'Olivia Owner', active: true });
    expect((await h.call('GET', '/rest/api/3/user?accountId=000000000000000000000000')).status).toBe(404);
    expect((await h.call('GET', '/rest/api/3/user')).status).toBe(404);
    expect(
      (await h.call('GET', `/rest/api/3/user?accountId=${DEMO_ACCOUNT_IDS.olivia}`, { as: customer })).status,
    ).toBe(403);
  });

  it('shows the app account without an email', async () => {
    const r = await h.call('GET', `/rest/api/3/user?accountId=${APP_ACCOUNT_ID}`);
    expect(r.body).toMatchObject({ accountType: 'app', displayName: 'Integration Accounts for Jira' });
    expect(r.body).not.toHaveProperty('emailAddress');
  });

  it('reflects site.setActive in /user and /user/bulk', async () => {
    h.site.setActive(DEMO_ACCOUNT_IDS.jenkinsCi, false);
    const one = await h.call('GET', `/rest/api/3/user?accountId=${DEMO_ACCOUNT_IDS.jenkinsCi}`);
    expect((one.body as User).active).toBe(false);
    const bulk = await h.call(
      'GET',
      `/rest/api/3/user/bulk?accountId=${DEMO_ACCOUNT_IDS.jenkinsCi}&accountId=${DEMO_ACCOUNT_IDS.githubSync}`,
    );
    expect((bulk.body as Page).values.map((u) => [u.displayName, u.active])).toEqual([
      ['Jenkins CI', false],
      ['GitHub Sync', true],
    ]);
    h.site.setActive(DEMO_ACCOUNT_IDS.jenkinsCi, true);
    const again = await h.call('GET', `/rest/api/3/user?accountId=${DEMO_ACCOUNT_IDS.jenkinsCi}`);
    expect((again.body as User).active).toBe(true);
  });
});

describe('GET /user/bulk', () => {
  const ids = Object.values(DEMO_ACCOUNT_IDS);
  const query = ids.map((id) => `accountId=${id}`).join('&');

  it('pages the found users (maxResults default 10), skipping unknown ids', async () => {
    const first = await h.call('GET', `/rest/api/3/user/bulk?${query}&accountId=ffffffffffffffffffffffff`);
    const page = first.body as Page;
    expect(page).toMatchObject({ startAt: 0, maxResults: 10, total: ids.length, isLast: false });
    expect(page.values.map((u) => u.accountId)).toEqual(ids.slice(0, 10));
    expect(page.nextPage).toContain('startAt=10');
    const second = await h.call('GET', `/rest/api/3/user/bulk?${query}&startAt=10`);
    expect((second.body as Page).values.map((u) => u.accountId)).toEqual(ids.slice(10));
    expect((second.body as Page).isLast).toBe(true);
  });

  it('caps maxResults at 200', async () => {
    const r = await h.call('GET', `/rest/api/3/user/bulk?${query}&maxResults=5000`);
    expect((r.body as Page).maxResults).toBe(200);
    expect((r.body as Page).values).toHaveLength(ids.length);
  });

  it('400 without accountId or with a bad maxResults; 401 for a customer', async () => {
    expect((await h.call('GET', '/rest/api/3/user/bulk')).status).toBe(400);
    expect((await h.call('GET', `/rest/api/3/user/bulk?${query}&maxResults=abc`)).status).toBe(400);
    expect((await h.call('GET', `/rest/api/3/user/bulk?${query}`, { as: customer })).status).toBe(401);
  });
});

describe('GET /users/search and /users', () => {
  it('lists every user, inactive, app and customer included, as a bare array', async () => {
    const r = await h.call('GET', '/rest/api/3/users/search?maxResults=1000');
    const users = r.body as User[];
    expect(users).toHaveLength(h.site.users().length);
    expect(users.some((u) => !u.active)).toBe(true);
    expect(new Set(users.map((u) => u.accountType))).toEqual(new Set(['atlassian', 'app', 'customer']));
  });

  it('pages with startAt/maxResults (default 50, at most 1000), also at /users', async () => {
    const all = h.site.users().map((u) => u.accountId);
    const first = (await h.call('GET', '/rest/api/3/users/search')).body as User[];
    expect(first.map((u) => u.accountId)).toEqual(all.slice(0, 50));
    const rest = (await h.call('GET', '/rest/api/3/users?startAt=50&maxResults=50')).body as User[];
    expect(rest.map((u) => u.accountId)).toEqual(all.slice(50, 100));
    for (let i = 0; i < 1100; i++)
      h.site.addUser({ displayName: `Bench ${i}`, emailAddress: `bench${i}@example.com` });
    expect(((await h.call('GET', '/rest/api/3/users/search?maxResults=5000')).body as User[]).length).toBe(
      1000,
    );
  });

  it('400 on a negative startAt, 403 for a customer', async () => {
    expect((await h.call('GET', '/rest/api/3/users/search?startAt=-1')).status).toBe(400);
    expect((await h.call('GET', '/rest/api/3/users/search', { as: customer })).status).toBe(403);
  });
});

describe('GET /user/search', () => {
  const names = async (q: string, as?: { email: string }): Promise<string[]> =>
    ((await h.call('GET', `/rest/api/3/user/search?${q}`, as ? { as } : {})).body as User[]).map(
      (u) => u.displayName,
    );

  it('prefix-matches display name words and email, active users only', async () => {
    expect(await names('query=oliv')).toEqual(['Olivia Owner', 'Oliver Smith']);
    expect(await names('query=olivi')).toEqual(['Olivia Owner']);
    expect(await names('query=OWNER')).toEqual(['Olivia Owner']);
    expect(await names('query=github-sync@')).toEqual(['GitHub Sync']);
    expect(await names('query=legacy')).toEqual([]); // inactive
    expect(await names('query=former')).toEqual([]);
    expect(await names(`accountId=${DEMO_ACCOUNT_IDS.ben}`)).toEqual(['Ben Backup']);
  });

  it('400 for query+accountId or neither; empty (not 403) without permission', async () => {
    expect(
      (await h.call('GET', `/rest/api/3/user/search?query=a&accountId=${DEMO_ACCOUNT_IDS.ben}`)).status,
    ).toBe(400);
    expect((await h.call('GET', '/rest/api/3/user/search')).status).toBe(400);
    expect(await names('query=oliv', customer)).toEqual([]);
  });
});

describe('GET /user/groups and /group/member', () => {
  it('lists the groups of a user', async () => {
    const r = await h.call('GET', `/rest/api/3/user/groups?accountId=${DEMO_ACCOUNT_IDS.oscar}`);
    expect(r.body).toEqual(
      expect.arrayContaining([
        {
          name: 'offboarding-team',
          groupId: demoGroupId('offboarding-team'),
          self: `${h.url}/rest/api/3/group?groupId=${demoGroupId('offboarding-team')}`,
        },
      ]),
    );
    expect((await h.call('GET', '/rest/api/3/user/groups?accountId=nobody')).status).toBe(404);
    expect(
      (await h.call('GET', `/rest/api/3/user/groups?accountId=${DEMO_ACCOUNT_IDS.oscar}`, { as: customer }))
        .status,
    ).toBe(403);
  });

  it('pages group members (max 50), active only unless includeInactiveUsers', async () => {
    const byName = await h.call('GET', '/rest/api/3/group/member?groupname=offboarding-team');
    expect(byName.body).toMatchObject({
      total: 1,
      isLast: true,
      values: [{ displayName: 'Oscar Offboarding' }],
    });
    const id = demoGroupId('jira-software-users');
    const active = (await h.call('GET', `/rest/api/3/group/member?groupId=${id}&maxResults=500`))
      .body as Page;
    expect(active.maxResults).toBe(50);
    expect(active.isLast).toBe(false);
    expect(active.values.length).toBeGreaterThan(0);
    expect(active.values.every((u) => u.active)).toBe(true);
    h.site.setActive(DEMO_ACCOUNT_IDS.nora, false);
    const withoutNora = (await h.call('GET', `/rest/api/3/group/member?groupId=${id}`)).body as Page;
    const withNora = (await h.call('GET', `/rest/api/3/group/member?groupId=${id}&includeInactiveUsers=true`))
      .body as Page;
    expect(withNora.total).toBe(withoutNora.total + 1);
  });

  it('400 without a group, 404 for an unknown group, 403 for a customer', async () => {
    expect((await h.call('GET', '/rest/api/3/group/member')).status).toBe(400);
    expect((await h.call('GET', '/rest/api/3/group/member?groupname=nope')).status).toBe(404);
    expect(
      (await h.call('GET', '/rest/api/3/group/member?groupname=offboarding-team', { as: customer })).status,
    ).toBe(403);
  });
});
