import { mkdtempSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { APP_ACCOUNT_ID, DEMO_ACCOUNT_IDS, DEMO_EMAILS } from '../../local/jira/seed.js';
import { startLocalSite } from '../../local/host/site.js';
import type { LocalSite } from '../../local/host/site.js';
import type { ForgeRuntime } from '../../local/runtime/runtime.js';
import { FIXTURE_APP_DIR } from '../runtime/fakes.js';

type Json = Record<string, unknown>;

let local: LocalSite;
let dataDir: string;
let seedRuns = 0;

/** A stand-in for the app's seed: writes one key through @forge/kvs inside an invocation. */
async function seedApp(runtime: ForgeRuntime): Promise<void> {
  seedRuns++;
  const { kvs } = await import('@forge/kvs');
  await runtime.runInInvocation({}, () => kvs.set('seeded', seedRuns));
}

async function post(path: string, body?: unknown, headers: Record<string, string> = {}) {
  const res = await fetch(local.url + path, {
    method: 'POST',
    headers: { 'content-type': 'application/json', ...headers },
    body: body === undefined ? undefined : JSON.stringify(body),
  });
  return { status: res.status, headers: res.headers, body: (await res.json()) as unknown };
}

const invoke = (functionKey: string, extra: Json = {}) =>
  post('/__local/invoke', { moduleKey: 'admin-page', functionKey, ...extra });

const kvsGet = (key: string) =>
  local.runtime.runInInvocation({}, async () => (await import('@forge/kvs')).kvs.get(key));

beforeAll(async () => {
  dataDir = mkdtempSync(join(tmpdir(), 'forge-local-site-'));
  local = await startLocalSite({
    port: 0,
    dataDir,
    appDir: FIXTURE_APP_DIR,
    quiet: true,
    seedApp,
    pageRouter: null,
    realJira: null,
    jira: { burst: null },
    timeLimitsMs: { resolver: 1_000 },
  });
});

afterAll(async () => {
  await local?.close();
  rmSync(dataDir, { recursive: true, force: true });
});

describe('local site', () => {
  it('seeds a fresh store once at start', async () => {
    expect(seedRuns).toBe(1);
    expect(await kvsGet('seeded')).toBe(1);
  });

  it('serves the Jira API with Basic auth of a seeded user', async () => {
    const auth = Buffer.from(`${DEMO_EMAILS.nora}:local-dev-token`).toString('base64');
    const res = await fetch(`${local.url}/rest/api/3/myself`, {
      headers: { authorization: `Basic ${auth}` },
    });
    expect(res.status).toBe(200);
    expect(((await res.json()) as Json).accountId).toBe(DEMO_ACCOUNT_IDS.nora);
    expect((await fetch(`${local.url}/rest/api/3/myself`)).status).toBe(401);
  });

  it('invokes a resolver as the user named by `as`, by the cookie, or the site admin', async () => {
    const byAs = await invoke('whoami', { as: DEMO_EMAILS.olivia, payload: {} });
    expect(byAs).toMatchObject({
      status: 200,
      body: { accountId: DEMO_ACCOUNT_IDS.olivia, first: `200:${DEMO_ACCOUNT_IDS.olivia}` },
    });
    const byDefault = await invoke('whoami');
    expect((byDefault.body as Json).accountId).toBe(DEMO_ACCOUNT_IDS.siteAdmin);
    const cookie = await post(
      '/__local/invoke',
      { moduleKey: 'admin-page', functionKey: 'whoami' },
      { cookie: `other=1; forge-local-as=${encodeURIComponent(DEMO_EMAILS.ben)}` },
    );
    expect((cookie.body as Json).accountId).toBe(DEMO_ACCOUNT_IDS.ben);
  });

  it('keeps concurrent users apart through HTTP and the real Jira simulator', async () => {
    const people = [DEMO_EMAILS.olivia, DEMO_EMAILS.ben, DEMO_EMAILS.nora, DEMO_EMAILS.oscar];
    const results = await Promise.all(
      people.map((as, i) => invoke('whoami', { as, payload: { delayMs: 40 - i * 10 } })),
    );
    results.forEach((r, i) => {
      const id = DEMO_ACCOUNT_IDS[(['olivia', 'ben', 'nora', 'oscar'] as const)[i]!];
      expect(r.body).toMatchObject({
        accountId: id,
        first: `200:${id}`,
        second: `200:${id}`,
        runtimeAaid: id,
      });
    });
  });

  it('reaches Jira as the app account for asApp and as the user for asUser', async () => {
    const r = await invoke('principals', { as: DEMO_EMAILS.nora });
    expect(r.body).toEqual({ user: `200:${DEMO_ACCOUNT_IDS.nora}`, app: `200:${APP_ACCOUNT_ID}` });
  });

  it('maps function errors and time-outs to 500 with a code', async () => {
    expect(await invoke('boom')).toMatchObject({
      status: 500,
      body: { error: { code: 'FUNCTION_ERROR', message: 'boom from the handler' } },
    });
    const late = await invoke('sleep-then-write', { payload: { ms: 1_500, key: 'late-http' } });
    expect(late).toMatchObject({ status: 500, body: { error: { code: 'FUNCTION_TIME_OUT' } } });
    await new Promise((r) => setTimeout(r, 700));
    expect(await kvsGet('late-http')).toBeUndefined();
  });

  it('refuses unknown modules, modules without a resolver, unknown and deactivated users', async () => {
    expect(await post('/__local/invoke', { moduleKey: 'nope', functionKey: 'x' })).toMatchObject({
      status: 404,
      body: { error: { code: 'UNKNOWN_MODULE' } },
    });
    expect(await post('/__local/invoke', { moduleKey: 'no-resolver-panel', functionKey: 'x' })).toMatchObject(
      {
        status: 400,
        body: { error: { code: 'NO_RESOLVER' } },
      },
    );
    expect(await invoke('whoami', { as: 'nobody@example.com' })).toMatchObject({
      status: 400,
      body: { error: { code: 'UNKNOWN_USER' } },
    });
    expect(await invoke('whoami', { as: DEMO_EMAILS.formerEmployee })).toMatchObject({
      status: 403,
      body: { error: { code: 'USER_INACTIVE' } },
    });
    expect(await post('/__local/invoke', { functionKey: 'x' })).toMatchObject({ status: 400 });
    const notJson = await fetch(`${local.url}/__local/invoke`, { method: 'POST', body: '{oops' });
    expect(notJson.status).toBe(400);
  });

  it('deactivates and activates users', async () => {
    const id = DEMO_ACCOUNT_IDS.nora;
    expect(await post(`/__local/users/${id}/deactivate`)).toMatchObject({
      status: 200,
      body: { active: false },
    });
    let state = (await (await fetch(`${local.url}/__local/state`)).json()) as {
      users: { accountId: string; active: boolean }[];
    };
    expect(state.users.find((u) => u.accountId === id)?.active).toBe(false);
    // The user can no longer reach Jira, and no longer invoke.
    expect(await invoke('whoami', { as: DEMO_EMAILS.nora })).toMatchObject({ status: 403 });
    expect(await post(`/__local/users/${id}/activate`)).toMatchObject({
      status: 200,
      body: { active: true },
    });
    state = (await (await fetch(`${local.url}/__local/state`)).json()) as typeof state;
    expect(state.users.find((u) => u.accountId === id)?.active).toBe(true);
    expect(await post('/__local/users/unknown-id/deactivate')).toMatchObject({ status: 404 });
  });

  it('runs a scheduled trigger now and answers with its result', async () => {
    const r = await post('/__local/scheduled/sweep');
    expect(r.status).toBe(200);
    const body = r.body as {
      ok: boolean;
      result: { count: number; asUserError: string };
      durationMs: number;
    };
    expect(body.ok).toBe(true);
    expect(body.result.count).toBe(1);
    expect(body.result.asUserError).toMatch(/asUser\(\) is not available/);
    expect(typeof body.durationMs).toBe('number');
    expect((await post('/__local/scheduled/sweep')).body).toMatchObject({ result: { count: 2 } });
    expect(await post('/__local/scheduled/hook')).toMatchObject({ status: 404 });
  });

  it('delivers a product event through /__local/trigger', async () => {
    const r = await post('/__local/trigger/on-user', { eventType: 'avi:jira:updated:user' });
    expect(r.body).toMatchObject({ ok: true, result: { event: { eventType: 'avi:jira:updated:user' } } });
  });

  it('passes webtrigger requests through and maps the response back', async () => {
    const res = await fetch(`${local.url}/x/hook/extra?a=1&a=2&b=3`, {
      method: 'POST',
      headers: { 'Content-Type': 'text/plain', 'X-Custom': 'v' },
      body: 'raw body',
    });
    expect(res.status).toBe(201);
    expect(res.headers.get('x-echo')).toBe('yes');
    const echoed = (await res.json()) as { request: Json; ctx: Json };
    expect(echoed.request).toMatchObject({
      method: 'POST',
      body: 'raw body',
      path: '/x/hook/extra',
      userPath: '/extra',
      queryParameters: { a: ['1', '2'], b: ['3'] },
      headers: { 'content-type': ['text/plain'], 'x-custom': ['v'] },
    });
    expect(echoed.ctx).toEqual({
      installContext: expect.stringMatching(/^ari:cloud:jira::site\//) as unknown,
    });
    const get = await fetch(`${local.url}/x/hook`);
    expect(get.status).toBe(405);
    expect(get.headers.get('allow')).toBe('POST');
    expect((await fetch(`${local.url}/x/bad-hook`, { method: 'POST' })).status).toBe(500);
    expect((await fetch(`${local.url}/x/sweep`, { method: 'POST' })).status).toBe(404);
  });

  it('resets Jira and KVS, then re-runs the app seed', async () => {
    await post(`/__local/users/${DEMO_ACCOUNT_IDS.ben}/deactivate`);
    await invoke('kvs', { payload: { key: 'temp', value: 1 } });
    expect(await kvsGet('temp')).toBe(1);
    expect(await post('/__local/reset')).toMatchObject({ status: 200, body: { ok: true } });
    expect(local.site.user(DEMO_ACCOUNT_IDS.ben)?.active).toBe(true);
    expect(await kvsGet('temp')).toBeUndefined();
    expect(seedRuns).toBe(2);
    expect(await kvsGet('seeded')).toBe(2);
  });

  it('configures the Jira simulator and injects faults', async () => {
    expect(await post('/__local/jira/config', { latencyMs: 0, maxUrlLength: 4000 })).toMatchObject({
      status: 200,
      body: { options: { maxUrlLength: 4000 } },
    });
    await post('/__local/jira/faults', { status: 503, count: 1, path: '/myself' });
    const r = await invoke('principals', { as: DEMO_EMAILS.nora });
    expect(r.body).toEqual({ user: '503:', app: `200:${APP_ACCOUNT_ID}` });
    expect(await post('/__local/jira/faults', { status: 418, count: 1 })).toMatchObject({ status: 400 });
  });

  it('reports state and answers 404 JSON for anything else', async () => {
    const state = (await (await fetch(`${local.url}/__local/state`)).json()) as Json;
    expect(Object.keys(state)).toEqual(['users', 'kvs', 'jira', 'invocations']);
    const res = await fetch(`${local.url}/no/such/page`);
    expect(res.status).toBe(404);
    expect(((await res.json()) as { error: Json }).error.code).toBe('NOT_FOUND');
  });

  it('keeps the KVS in <dataDir>/kvs.sqlite, and does not re-seed a store that exists', async () => {
    const again = await startLocalSite({
      port: 0,
      dataDir,
      appDir: FIXTURE_APP_DIR,
      quiet: true,
      seedApp,
      pageRouter: null,
      realJira: null,
    });
    try {
      expect(seedRuns).toBe(2);
      expect(
        await again.runtime.runInInvocation({}, async () => (await import('@forge/kvs')).kvs.get('seeded')),
      ).toBe(2);
    } finally {
      await again.close();
    }
  });
});
