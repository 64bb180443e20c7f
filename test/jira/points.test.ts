/**
 * Jira's points-based rate limits in the simulator (local/jira/points-model.ts, rate-limits.ts): points
 * per request by the model, the budget each principal is charged to, hourly windows on the UTC hour,
 * the documented headers, 429 with the documented `RateLimit-Reason` values, API-token traffic limited
 * by bursts only, the per-issue write limit. Every answer is checked against the OpenAPI subset.
 */
import { afterAll, afterEach, beforeAll, beforeEach, describe, expect, it } from 'vitest';
import { parseQuotaUpdate } from '../../local/host/control-points';
import { POINTS_MODEL, pointsFor, tenantQuotaFor } from '../../local/jira/points-model';
import { DEFAULT_QUOTA_SETTINGS } from '../../local/jira/rate-limits';
import { DEMO_ACCOUNT_IDS } from '../../local/jira/seed';
import { PLATFORM_TOKEN, startJira } from './harness';
import type { JiraHarness } from './harness';

const HOUR = 3_600_000;
/** 2026-03-02T10:15:00Z: 45 minutes before the window resets. */
const T0 = Date.UTC(2026, 2, 2, 10, 15, 0);
let now = T0;
let h: JiraHarness;
beforeAll(async () => {
  h = await startJira({ clock: () => now });
});
afterAll(() => h.close());
/** Each test on its own day, at 10:15 UTC, so no window carries over. */
let day = 0;
const at = (hh: number, mm: number, ss = 0) =>
  T0 + day * 24 * HOUR + ((hh - 10) * 60 + (mm - 15)) * 60_000 + ss * 1000;
beforeEach(() => {
  day += 1;
  now = at(10, 15);
});
afterEach(() => {
  h.site.reset();
  h.jira.points.configure({ ...DEFAULT_QUOTA_SETTINGS });
  h.jira.configure({ burst: { limit: 100, windowMs: 1000 } });
  h.jira.resetStats();
});

const app = { bearer: PLATFORM_TOKEN, principal: 'app' };
const asUser = (id: string) => ({ bearer: PLATFORM_TOKEN, principal: `user:${id}` });
const bulk = (ids: string[]) =>
  `/rest/api/3/user/bulk?maxResults=200&${ids.map((id) => `accountId=${encodeURIComponent(id)}`).join('&')}`;
const ids = () => Object.values(DEMO_ACCOUNT_IDS).slice(0, 5);

function policy(r: { headers: Headers }) {
  const p = /^"([^"]+)";q=(\d+);w=(\d+)$/.exec(r.headers.get('beta-ratelimit-policy') ?? '');
  const b = /^"([^"]+)";r=(\d+);t=(\d+)$/.exec(r.headers.get('beta-ratelimit') ?? '');
  return p && b
    ? { name: p[1], q: Number(p[2]), w: Number(p[3]), r: Number(b[2]), t: Number(b[3]) }
    : undefined;
}

describe('points per request (base 1 + per object; writes base only)', () => {
  it('charges identity objects 2 each, core objects 1, writes and errors the base point', async () => {
    const five = await h.call('GET', bulk(ids()), { as: app });
    expect((five.body as { values: unknown[] }).values).toHaveLength(5);
    const page = await h.call('GET', '/rest/api/3/users/search?maxResults=7', { as: app });
    expect(page.body).toHaveLength(7);
    const issue = await h.call('GET', '/rest/api/3/issue/OFF-1', { as: app });
    expect(issue.status).toBe(200);
    const perms = await h.call('GET', '/rest/api/3/mypermissions?permissions=ADMINISTER', { as: app });
    expect(perms.status).toBe(200);
    const bad = await h.call('GET', '/rest/api/3/user/bulk', { as: app });
    expect(bad.status).toBe(400);
    const notify = await h.call('POST', '/rest/api/3/issue/OFF-1/notify', {
      as: app,
      body: { subject: 'Hello', textBody: 'Hi', to: { users: [{ accountId: DEMO_ACCOUNT_IDS.nora }] } },
    });
    expect(notify.status).toBe(204);
    expect(h.jira.points.stats.byEndpoint).toEqual({
      'GET /rest/api/3/user/bulk': 1 + 5 * 2 + 1, // and the 400: the base point
      'GET /rest/api/3/users/search': 1 + 7 * 2,
      'GET /rest/api/3/issue/{issueIdOrKey}': 1 + 1,
      'GET /rest/api/3/mypermissions': 1 + 2,
      'POST /rest/api/3/issue/{issueIdOrKey}/notify': 1,
    });
    expect(h.jira.points.stats.app).toBe(12 + 15 + 2 + 3 + 1);
    expect(h.jira.points.state().spent.global).toBe(33);
  });

  it('the model in numbers', () => {
    expect(pointsFor('GET /rest/api/3/user/bulk', 200, { values: [{}, {}] })).toBe(5);
    expect(pointsFor('POST /rest/api/3/issue', 201, { id: '1' })).toBe(1);
    expect(pointsFor('POST /rest/api/3/permissions/check', 200, { globalPermissions: ['ADMINISTER'] })).toBe(
      3,
    );
    expect(tenantQuotaFor(12_063)).toBe(220_630);
    expect(tenantQuotaFor(20_000)).toBe(300_000);
    expect(tenantQuotaFor(1_000_000)).toBe(500_000);
  });
});

describe('headers on app traffic', () => {
  it('Tier 1: the global pool, its remaining points and the seconds to the UTC hour', async () => {
    const first = policy(await h.call('GET', '/rest/api/3/myself', { as: app }));
    expect(first).toEqual({ name: 'global-app-quota', q: 65_000, w: 3600, r: 65_000 - 3, t: 45 * 60 });
    now += 60_000;
    const second = policy(await h.call('GET', bulk(ids()), { as: app }));
    expect(second).toMatchObject({ r: 65_000 - 3 - 11, t: 44 * 60 });
  });

  it('Tier 2: the tenant pool sized by the site users; near-limit flag under 20 % left', async () => {
    h.jira.points.configure({ tier: 2 });
    const quota = h.jira.points.state().tenantQuota;
    const users = h.site.users().filter((u) => u.active && u.accountType === 'atlassian').length;
    expect(quota).toBe(POINTS_MODEL.tier2.base + 10 * users);
    const r = await h.call('GET', '/rest/api/3/myself', { as: app });
    expect(policy(r)).toMatchObject({ name: 'tenant-app-quota', q: quota, r: quota - 3 });
    expect(r.headers.get('x-ratelimit-nearlimit')).toBeNull();
    h.jira.points.setSpent({ tenant: Math.floor(quota * 0.85) });
    const near = await h.call('GET', '/rest/api/3/myself', { as: app });
    expect(near.headers.get('x-ratelimit-nearlimit')).toBe('true');
  });

  it('API-token (Basic) traffic carries no quota headers', async () => {
    const r = await h.call('GET', '/rest/api/3/myself', { as: { email: 'admin@example.com' } });
    expect(r.headers.get('beta-ratelimit-policy')).toBeNull();
    expect(h.jira.points.stats.apiToken).toBe(3);
  });
});

describe('429 once a quota is spent', () => {
  it('tenant quota: jira-quota-tenant-based, Retry-After to the hour, nothing run; the next hour resets', async () => {
    h.jira.points.configure({ tier: 2, tenantQuota: 50 });
    h.jira.points.setSpent({ tenant: 49 });
    expect((await h.call('GET', '/rest/api/3/myself', { as: app })).status).toBe(200); // overdraws to 52
    const before = h.site.notifications.length;
    const limited = await h.call('POST', '/rest/api/3/issue/OFF-1/notify', {
      as: app,
      body: { subject: 'x', textBody: 'x', to: { users: [{ accountId: DEMO_ACCOUNT_IDS.nora }] } },
    });
    expect(limited.status).toBe(429);
    expect(h.site.notifications.length).toBe(before);
    expect(limited.body).toMatchObject({ errorMessages: [expect.stringContaining('Retry-After')] });
    expect(limited.headers.get('ratelimit-reason')).toBe('jira-quota-tenant-based');
    expect(limited.headers.get('retry-after')).toBe(String(45 * 60));
    expect(limited.headers.get('x-ratelimit-limit')).toBe('50');
    expect(limited.headers.get('x-ratelimit-remaining')).toBe('0');
    expect(limited.headers.get('x-ratelimit-reset')).toBe(
      new Date(at(11, 0)).toISOString().slice(0, 16) + 'Z',
    );
    expect(policy(limited)).toMatchObject({ r: 0 });
    now = at(10, 59, 59);
    expect((await h.call('GET', '/rest/api/3/myself', { as: app })).status).toBe(429);
    now = at(11, 0); // the UTC hour, not an hour after the first request
    const again = await h.call('GET', '/rest/api/3/myself', { as: app });
    expect(again.status).toBe(200);
    expect(policy(again)).toMatchObject({ r: 47, t: 3600 });
  });

  it('Tier 1: other tenants spending the global pool refuse this one with jira-quota-global-based', async () => {
    h.jira.points.configure({ globalSpentByOthers: 65_000 });
    const r = await h.call('GET', '/rest/api/3/myself', { as: app });
    expect(r.status).toBe(429);
    expect(r.headers.get('ratelimit-reason')).toBe('jira-quota-global-based');
  });

  it('asUser traffic is charged to the App+user budget of that user, apart from the app pool', async () => {
    h.jira.points.configure({ appUserQuota: 5, tier: 2, tenantQuota: 1000 });
    const nora = asUser(DEMO_ACCOUNT_IDS.nora);
    const first = await h.call('GET', '/rest/api/3/mypermissions?permissions=ADMINISTER', { as: nora });
    expect(policy(first)).toMatchObject({ name: 'app-user-quota', q: 5, r: 2 });
    expect((await h.call('GET', '/rest/api/3/myself', { as: nora })).status).toBe(200);
    expect((await h.call('GET', '/rest/api/3/myself', { as: nora })).status).toBe(429);
    // Another user and the app itself are untouched.
    expect((await h.call('GET', '/rest/api/3/myself', { as: asUser(DEMO_ACCOUNT_IDS.olivia) })).status).toBe(
      200,
    );
    expect((await h.call('GET', '/rest/api/3/myself', { as: app })).status).toBe(200);
    const state = h.jira.points.state();
    expect(state.spent.tenant).toBe(3);
    expect(state.spent.appUser).toEqual({ [DEMO_ACCOUNT_IDS.nora]: 6, [DEMO_ACCOUNT_IDS.olivia]: 3 });
  });

  it('API-token traffic is never refused for points, only for bursts', async () => {
    h.jira.points.configure({ tier: 2, tenantQuota: 1, globalQuota: 1 });
    const basic = { email: 'admin@example.com' };
    for (let i = 0; i < 3; i++)
      expect((await h.call('GET', '/rest/api/3/myself', { as: basic })).status).toBe(200);
    h.jira.configure({ burst: { limit: 1, windowMs: 60_000 } });
    expect((await h.call('GET', '/rest/api/3/myself', { as: basic })).status).toBe(200);
    const burst = await h.call('GET', '/rest/api/3/myself', { as: basic });
    expect(burst.status).toBe(429);
    expect(burst.headers.get('ratelimit-reason')).toBe('jira-burst-based');
  });

  it('per-issue write limit: jira-per-issue-on-write for that issue only', async () => {
    h.jira.points.configure({ perIssueWrites: { limit: 2, windowMs: 60_000 } });
    const notify = (key: string) =>
      h.call('POST', `/rest/api/3/issue/${key}/notify`, {
        as: app,
        body: { subject: 'x', textBody: 'x', to: { users: [{ accountId: DEMO_ACCOUNT_IDS.nora }] } },
      });
    expect((await notify('OFF-1')).status).toBe(204);
    expect((await notify('OFF-1')).status).toBe(204);
    const limited = await notify('OFF-1');
    expect(limited.status).toBe(429);
    expect(limited.headers.get('ratelimit-reason')).toBe('jira-per-issue-on-write');
    expect(limited.headers.get('retry-after')).toBe('60');
    expect((await h.call('GET', '/rest/api/3/issue/OFF-1', { as: app })).status).toBe(200); // reads pass
    now += 60_000;
    expect((await notify('OFF-1')).status).toBe(204);
  });
});

describe('control API input', () => {
  it('accepts tier, quotas and spent points; refuses anything else with a reason', () => {
    expect(parseQuotaUpdate({ tier: 2, tenantQuota: 'auto', spent: { tenant: 10 } })).toEqual({
      ok: true,
      patch: { tier: 2, tenantQuota: 'auto' },
      spent: { tenant: 10 },
    });
    expect(parseQuotaUpdate({ tier: 3 })).toEqual({ ok: false, message: 'tier must be 1 or 2' });
    expect(parseQuotaUpdate({ globalQuota: -1 })).toMatchObject({ ok: false });
    expect(parseQuotaUpdate({ perIssueWrites: { limit: 'x' } })).toMatchObject({ ok: false });
  });
});
