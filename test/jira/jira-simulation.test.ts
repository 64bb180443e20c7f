import { afterAll, afterEach, beforeAll, describe, expect, it } from 'vitest';
import { rateLimitResetHeader } from '../../local/jira/jira-server';
import { APP_ACCOUNT_ID, DEMO_ACCOUNT_IDS, DEMO_EMAILS } from '../../local/jira/seed';
import { PLATFORM_TOKEN, startJira } from './harness';
import type { JiraHarness } from './harness';

let h: JiraHarness;
beforeAll(async () => {
  h = await startJira();
});
afterAll(() => h.close());
afterEach(() => {
  h.site.reset();
  h.jira.configure({ latencyMs: 0, maxUrlLength: 8192, burst: { limit: 100, windowMs: 1000 } });
  h.jira.resetStats();
});

const myself = '/rest/api/3/myself';

describe('authentication', () => {
  it('401 ErrorCollection without or with wrong credentials', async () => {
    for (const as of [
      'none' as const,
      { email: 'admin@example.com', token: 'wrong-token' },
      { email: 'nobody@example.com' },
      { email: DEMO_EMAILS.formerEmployee }, // inactive: "authoriseForLogin denied"
      { bearer: 'not-the-platform-token', principal: 'app' },
      { bearer: PLATFORM_TOKEN }, // no X-Forge-Principal
      { bearer: PLATFORM_TOKEN, principal: `user:${DEMO_ACCOUNT_IDS.legacyImporter}` }, // inactive
      { bearer: PLATFORM_TOKEN, principal: 'user:unknown' },
    ]) {
      const r = await h.call('GET', myself, { as });
      expect(r.status, JSON.stringify(as)).toBe(401);
      expect(r.body).toMatchObject({ errorMessages: [expect.any(String)], errors: {} });
      expect(r.headers.get('x-aaccountid')).toBeNull();
    }
    // Also on an operation whose spec has an ErrorCollection 401.
    expect(
      (await h.call('GET', '/rest/api/3/mypermissions?permissions=ADMINISTER', { as: 'none' })).status,
    ).toBe(401);
  });

  it('accepts the local Forge proxy: Bearer platform token + X-Forge-Principal', async () => {
    const app = await h.call('GET', myself, { as: { bearer: PLATFORM_TOKEN, principal: 'app' } });
    expect(app.body).toMatchObject({ accountId: APP_ACCOUNT_ID, accountType: 'app' });
    expect(app.headers.get('x-aaccountid')).toBe(APP_ACCOUNT_ID);
    const user = await h.call('GET', myself, {
      as: { bearer: PLATFORM_TOKEN, principal: `user:${DEMO_ACCOUNT_IDS.nora}` },
    });
    expect(user.body).toMatchObject({ accountId: DEMO_ACCOUNT_IDS.nora, displayName: 'Nora Newhire' });
  });

  it('refuses a user deactivated after the fact', async () => {
    expect((await h.call('GET', myself, { as: { email: DEMO_EMAILS.jenkinsCi } })).status).toBe(200);
    h.site.setActive(DEMO_ACCOUNT_IDS.jenkinsCi, false);
    expect((await h.call('GET', myself, { as: { email: DEMO_EMAILS.jenkinsCi } })).status).toBe(401);
  });
});

describe('burst rate limiting', () => {
  it('429 with Jira headers once the per-endpoint limit is used, OK again after the window', async () => {
    h.jira.configure({ burst: { limit: 3, windowMs: 400 } });
    for (let i = 0; i < 3; i++) expect((await h.call('GET', myself)).status).toBe(200);
    // Another endpoint has its own budget.
    expect((await h.call('GET', `/rest/api/3/user?accountId=${DEMO_ACCOUNT_IDS.ben}`)).status).toBe(200);
    const limited = await h.call('GET', myself);
    expect(limited.status).toBe(429);
    expect(limited.headers.get('retry-after')).toBe('1');
    expect(limited.headers.get('x-ratelimit-limit')).toBe('3');
    expect(limited.headers.get('x-ratelimit-remaining')).toBe('0');
    expect(limited.headers.get('x-ratelimit-reset')).toMatch(/^\d{4}-\d\d-\d\dT\d\d:\d\dZ$/);
    expect(limited.headers.get('ratelimit-reason')).toBe('jira-burst-based');
    await new Promise((resolve) => setTimeout(resolve, 450));
    expect((await h.call('GET', myself)).status).toBe(200);
    expect(h.jira.stats.byEndpoint['GET /rest/api/3/myself']).toBe(5);
  });

  it('flags X-RateLimit-NearLimit when under 20 % is left', async () => {
    h.jira.configure({ burst: { limit: 5, windowMs: 10_000 } });
    const flags: (string | null)[] = [];
    for (let i = 0; i < 5; i++)
      flags.push((await h.call('GET', myself)).headers.get('x-ratelimit-nearlimit'));
    expect(flags).toEqual([null, null, null, null, 'true']);
  });

  it('formats X-RateLimit-Reset as yyyy-MM-ddTHH:mmZ, rounded up to the minute', () => {
    expect(rateLimitResetHeader(Date.UTC(2026, 2, 2, 10, 15, 1))).toBe('2026-03-02T10:16Z');
    expect(rateLimitResetHeader(Date.UTC(2026, 2, 2, 10, 15, 0))).toBe('2026-03-02T10:15Z');
  });

  it('can be turned off', async () => {
    h.jira.configure({ burst: null });
    const statuses = await Promise.all(Array.from({ length: 150 }, () => h.call('GET', myself)));
    expect(statuses.every((r) => r.status === 200)).toBe(true);
  });
});

describe('URL length limit', () => {
  it('414 when the request target is longer than maxUrlLength (default 8192)', async () => {
    const ids = (n: number): string =>
      Array.from({ length: n }, () => `accountId=${DEMO_ACCOUNT_IDS.olivia}`).join('&');
    const path = (n: number): string => `/rest/api/3/user/bulk?${ids(n)}`;
    expect(path(230).length).toBeLessThanOrEqual(8192);
    expect((await h.call('GET', path(230))).status).toBe(200);
    const tooLong = await h.call('GET', path(230) + '&' + ids(10));
    expect(tooLong.status).toBe(414);
    h.jira.configure({ maxUrlLength: 100 });
    expect((await h.call('GET', path(2))).status).toBe(200);
    expect((await h.call('GET', path(3))).status).toBe(414);
  });
});

describe('latency and injected faults', () => {
  it('adds latencyMs to every response, errors included', async () => {
    h.jira.configure({ latencyMs: 120 });
    for (const as of [{ email: 'admin@example.com' }, 'none' as const]) {
      const started = performance.now();
      await h.call('GET', myself, { as });
      expect(performance.now() - started).toBeGreaterThanOrEqual(115);
    }
  });

  it('answers the next `count` matching requests with the fault, then recovers', async () => {
    h.jira.injectFault({ status: 429, count: 2, retryAfterSeconds: 7, path: /\/user\/bulk/ });
    const bulk = `/rest/api/3/user/bulk?accountId=${DEMO_ACCOUNT_IDS.ben}`;
    expect((await h.call('GET', myself)).status).toBe(200); // does not match the path
    const first = await h.call('GET', bulk);
    expect(first.status).toBe(429);
    expect(first.headers.get('retry-after')).toBe('7');
    expect(first.headers.get('ratelimit-reason')).toBe('jira-burst-based');
    expect(first.headers.get('x-ratelimit-reset')).toMatch(/^\d{4}-\d\d-\d\dT\d\d:\d\dZ$/);
    expect((await h.call('GET', bulk)).status).toBe(429);
    expect((await h.call('GET', bulk)).status).toBe(200);
  });

  it('injects 503 (Retry-After) and 500, optionally delayed', async () => {
    h.jira.injectFault({ status: 503, count: 1 });
    h.jira.injectFault({ status: 500, count: 1, delayMs: 100 });
    const unavailable = await h.call('GET', myself);
    expect(unavailable.status).toBe(503);
    expect(unavailable.headers.get('retry-after')).toBe('1');
    const started = performance.now();
    const broken = await h.call('GET', myself);
    expect(broken.status).toBe(500);
    expect(broken.headers.get('retry-after')).toBeNull();
    expect(performance.now() - started).toBeGreaterThanOrEqual(95);
    expect((await h.call('GET', myself)).status).toBe(200);
  });
});

describe('routing and stats', () => {
  it('counts every request that reached the simulator, 401/414/429 included', async () => {
    h.jira.configure({ maxUrlLength: 60 });
    await h.call('GET', myself);
    await h.call('GET', myself, { as: 'none' });
    await h.call('GET', `/rest/api/3/user?accountId=${DEMO_ACCOUNT_IDS.ben}&expand=groups,applicationRoles`);
    await h.call('GET', '/rest/api/3/issue/OFF-1');
    await h.call('GET', '/rest/api/3/issue/10000');
    expect(h.jira.stats).toEqual({
      calls: 5,
      byEndpoint: {
        'GET /rest/api/3/myself': 2,
        'GET /rest/api/3/user': 1,
        'GET /rest/api/3/issue/{issueIdOrKey}': 2,
      },
    });
    h.jira.resetStats();
    expect(h.jira.stats).toEqual({ calls: 0, byEndpoint: {} });
  });

  it('leaves non-API paths alone; 404 for unknown API paths, 405 for a wrong method', async () => {
    const other = await fetch(`${h.url}/x/some-webtrigger`);
    expect(await other.text()).toBe('not the Jira API');
    expect(h.jira.stats.calls).toBe(0);
    expect((await h.call('GET', '/rest/api/3/nope', { validate: false })).status).toBe(404);
    expect((await h.call('DELETE', myself, { validate: false })).status).toBe(405);
  });
});
