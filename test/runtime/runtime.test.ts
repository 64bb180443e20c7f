import { describe, expect, it } from 'vitest';
import { ForgeRuntime, LOCAL_IDS, isTimeout } from '../../local/runtime/runtime.js';
import { FakeJira, FakeKvs, FIXTURE_APP_DIR, fixtureManifest } from './fakes.js';

function makeRuntime(
  opts: {
    timeLimitsMs?: ConstructorParameters<typeof ForgeRuntime>[0]['timeLimitsMs'];
    delayMs?: number;
  } = {},
) {
  const kvs = new FakeKvs();
  const jira = new FakeJira(opts.delayMs);
  const runtime = new ForgeRuntime({
    appDir: FIXTURE_APP_DIR,
    manifest: fixtureManifest(),
    kvs,
    product: jira,
    timeLimitsMs: opts.timeLimitsMs,
    siteUrl: 'http://localhost:9999',
  });
  return { runtime, kvs, jira };
}

type WhoAmI = { accountId: string; first: string; second: string; runtimeAaid: string; invocationId: string };

describe('ForgeRuntime', () => {
  it('keeps concurrent invocations of different users apart, across interleaved awaits', async () => {
    const { runtime } = makeRuntime({ delayMs: 3 });
    const call = (accountId: string, delayMs: number) =>
      runtime.invokeResolver({
        moduleKey: 'admin-page',
        functionKey: 'whoami',
        payload: { delayMs },
        accountId,
      }) as Promise<WhoAmI>;
    const results = await Promise.all([
      call('alice', 30),
      call('bob', 5),
      call('carol', 15),
      call('alice', 1),
      call('bob', 25),
    ]);
    const expected = ['alice', 'bob', 'carol', 'alice', 'bob'];
    results.forEach((r, i) => {
      const who = expected[i]!;
      expect(r).toMatchObject({
        accountId: who,
        first: `200:${who}`,
        second: `200:${who}`,
        runtimeAaid: who,
      });
    });
    expect(new Set(results.map((r) => r.invocationId)).size).toBe(5);
    expect((globalThis as { __forge_runtime__?: unknown }).__forge_runtime__).toBeUndefined();
  });

  it('sends asApp as the app and asUser as the invoking user', async () => {
    const { runtime, jira } = makeRuntime();
    const result = await runtime.invokeResolver({
      moduleKey: 'admin-page',
      functionKey: 'principals',
      accountId: 'u-1',
    });
    expect(result).toEqual({ user: '200:u-1', app: `200:${FakeJira.APP_ACCOUNT}` });
    expect(jira.calls.map((c) => c.principal)).toEqual([{ kind: 'user', accountId: 'u-1' }, { kind: 'app' }]);
  });

  it('passes the resolver event and backend payload exactly as Forge does', async () => {
    const { runtime } = makeRuntime();
    const raw = (await runtime.invokeResolver({
      moduleKey: 'raw-page',
      functionKey: 'anything',
      payload: { a: 1 },
      accountId: 'u-2',
      extension: { location: 'x' },
    })) as { event: Record<string, unknown>; backend: Record<string, unknown> };
    expect(raw.event).toEqual({
      call: { functionKey: 'anything', payload: { a: 1 } }, // jobId: undefined is dropped by JSON
      context: {
        cloudId: LOCAL_IDS.cloudId,
        moduleKey: 'raw-page',
        localId: `ari:cloud:ecosystem::extension/00000000-1111-4222-8333-444444444444/${LOCAL_IDS.environmentId}/static/raw-page`,
        extension: { type: 'jira:globalPage', location: 'x' },
        siteUrl: 'http://localhost:9999',
        environmentId: LOCAL_IDS.environmentId,
        environmentType: 'DEVELOPMENT',
        accountType: 'licensed',
      },
    });
    expect(raw.backend).toEqual({
      principal: { accountId: 'u-2' },
      installContext: `ari:cloud:jira::site/${LOCAL_IDS.cloudId}`,
      installation: {
        ari: `ari:cloud:ecosystem::installation/${LOCAL_IDS.installationId}`,
        contexts: [`ari:cloud:jira::site/${LOCAL_IDS.cloudId}`],
      },
    });
  });

  it('gives a @forge/resolver definition the request Forge gives it', async () => {
    const { runtime } = makeRuntime();
    const { payload, context } = (await runtime.invokeResolver({
      moduleKey: 'admin-page',
      functionKey: 'context',
      accountId: 'u-3',
    })) as { payload: unknown; context: Record<string, unknown> };
    expect(payload).toEqual({});
    expect(context).toMatchObject({
      accountId: 'u-3',
      cloudId: LOCAL_IDS.cloudId,
      moduleKey: 'admin-page',
      installContext: `ari:cloud:jira::site/${LOCAL_IDS.cloudId}`,
      extension: { type: 'jira:adminPage' },
      environmentType: 'DEVELOPMENT',
    });
    const app = await runtime.invokeResolver({ moduleKey: 'admin-page', functionKey: 'app-context' });
    expect(app).toMatchObject({
      appAri: 'ari:cloud:ecosystem::app/00000000-1111-4222-8333-444444444444',
      installationAri: `ari:cloud:ecosystem::installation/${LOCAL_IDS.installationId}`,
      environmentType: 'DEVELOPMENT',
      moduleKey: 'admin-page',
    });
  });

  it('has no user principal without an invoker: asUser() fails', async () => {
    const { runtime } = makeRuntime();
    const result = await runtime
      .invokeResolver({ moduleKey: 'admin-page', functionKey: 'principals' })
      .catch((e: unknown) => e);
    expect(result).toBeInstanceOf(Error);
    expect((result as Error).message).toMatch(/asUser\(\) is not available/);
  });

  it('stops a handler at its time limit: FUNCTION_TIME_OUT, and its later KVS write never lands', async () => {
    const { runtime, kvs } = makeRuntime({ timeLimitsMs: { resolver: 100 } });
    const error = await runtime
      .invokeResolver({
        moduleKey: 'admin-page',
        functionKey: 'sleep-then-write',
        payload: { ms: 300, key: 'late' },
      })
      .catch((e: unknown) => e);
    expect(isTimeout(error)).toBe(true);
    expect((error as Error).message).toMatch(/^FUNCTION_TIME_OUT/);
    await new Promise((r) => setTimeout(r, 350));
    expect(kvs.data.has('late')).toBe(false);
    expect(kvs.paths).toEqual([]);
    expect(runtime.invocations).toMatchObject({ timedOut: 1, active: 0 });
    // A quick one under the same limit still writes.
    await runtime.invokeResolver({
      moduleKey: 'admin-page',
      functionKey: 'sleep-then-write',
      payload: { ms: 1, key: 'quick' },
    });
    expect(kvs.data.get('quick')).toBe('written');
  });

  it('reports honest remaining time, at most the limit and decreasing', async () => {
    // The clock starts at the invocation: what the handler sees is the limit less at most the time the
    // whole call took (measured around it, so a slow machine cannot fail this).
    const { runtime } = makeRuntime({ timeLimitsMs: { resolver: 2_000 } });
    let started = Date.now();
    const { before, after } = (await runtime.invokeResolver({
      moduleKey: 'admin-page',
      functionKey: 'remaining',
    })) as {
      before: number;
      after: number;
    };
    expect(before).toBeLessThanOrEqual(2_000);
    expect(before).toBeGreaterThanOrEqual(2_000 - (Date.now() - started));
    expect(after).toBeLessThanOrEqual(before - 45);
    const def = makeRuntime().runtime;
    started = Date.now();
    const r = (await def.invokeResolver({ moduleKey: 'admin-page', functionKey: 'remaining' })) as {
      before: number;
    };
    expect(r.before).toBeLessThanOrEqual(25_000);
    expect(r.before).toBeGreaterThanOrEqual(25_000 - (Date.now() - started));
  });

  it('stores @forge/kvs calls in the KVS backend', async () => {
    const { runtime, kvs } = makeRuntime();
    const r = await runtime.invokeResolver({
      moduleKey: 'admin-page',
      functionKey: 'kvs',
      payload: { key: 'k', value: { n: 1 } },
    });
    expect(r).toEqual({ value: { n: 1 } });
    expect(kvs.data.get('k')).toEqual({ n: 1 });
    expect(kvs.paths).toEqual(['/api/v1/set', '/api/v1/get']);
  });

  it('passes handler errors through', async () => {
    const { runtime } = makeRuntime();
    await expect(runtime.invokeResolver({ moduleKey: 'admin-page', functionKey: 'boom' })).rejects.toThrow(
      'boom from the handler',
    );
    await expect(runtime.invokeResolver({ moduleKey: 'nope', functionKey: 'x' })).rejects.toThrow(
      /no module 'nope'/,
    );
    await expect(
      runtime.invokeResolver({ moduleKey: 'no-resolver-panel', functionKey: 'x' }),
    ).rejects.toThrow(/has no resolver/);
    expect(runtime.invocations.failed).toBe(1);
  });

  it('runs a scheduled trigger with Forge arguments, no user, and the function timeoutSeconds', async () => {
    const { runtime, kvs } = makeRuntime();
    const out = await runtime.runScheduledTrigger('sweep');
    expect(out.ok).toBe(true);
    const result = out.result as {
      event: unknown;
      ctx: unknown;
      count: number;
      asUserError: string;
      remaining: number;
    };
    expect(result.event).toMatchObject({ context: { cloudId: LOCAL_IDS.cloudId, moduleKey: 'sweep' } });
    expect(typeof (result.event as { contextToken: unknown }).contextToken).toBe('string');
    expect(result.ctx).toEqual({
      principal: undefined,
      installContext: `ari:cloud:jira::site/${LOCAL_IDS.cloudId}`,
    });
    expect(result.asUserError).toMatch(/asUser\(\) is not available/);
    expect(result.remaining).toBeGreaterThan(110_000); // timeoutSeconds: 120
    expect(result.remaining).toBeLessThanOrEqual(120_000);
    expect(kvs.data.get('sweep-count')).toBe(1);
  });

  it('reports a scheduled trigger that times out, and blocks its late writes', async () => {
    const { runtime, kvs } = makeRuntime({ timeLimitsMs: { scheduled: 100 } });
    const out = await runtime.runScheduledTrigger('slow-sweep');
    expect(out).toMatchObject({ ok: false });
    expect(out.error).toMatch(/^FUNCTION_TIME_OUT/);
    await new Promise((r) => setTimeout(r, 450));
    expect(kvs.data.has('slow-sweep')).toBe(false);
  });

  it('delivers product events with Forge context', async () => {
    const { runtime } = makeRuntime();
    const out = await runtime.runProductTrigger('on-user', {
      eventType: 'avi:jira:updated:user',
      user: { accountId: 'x' },
    });
    expect(out.ok).toBe(true);
    expect(out.result).toMatchObject({
      event: {
        eventType: 'avi:jira:updated:user',
        user: { accountId: 'x' },
        context: { moduleKey: 'on-user' },
      },
      ctx: { principal: undefined, installContext: `ari:cloud:jira::site/${LOCAL_IDS.cloudId}` },
    });
  });

  it('maps webtrigger responses and answers 500 for incompatible ones', async () => {
    const { runtime } = makeRuntime();
    const request = {
      method: 'POST',
      headers: { 'content-type': ['text/plain'] },
      body: 'hi',
      path: '/x/hook',
      queryParameters: {},
    };
    const ok = await runtime.runWebtrigger('hook', request);
    expect(ok.statusCode).toBe(201);
    expect(JSON.parse(ok.body ?? '')).toMatchObject({
      request,
      ctx: { installContext: expect.any(String) as unknown },
    });
    expect((await runtime.runWebtrigger('hook', { ...request, method: 'GET' })).statusCode).toBe(405);
    expect((await runtime.runWebtrigger('bad-hook', request)).statusCode).toBe(500);
  });

  it('static webtriggers: the declared output the function names, and nothing else; 500 otherwise', async () => {
    const { runtime } = makeRuntime();
    const run = (body: string) =>
      runtime.runWebtrigger('static-hook', {
        method: 'POST',
        headers: {},
        body,
        path: '/x/static-hook',
        queryParameters: {},
      });
    expect(await run('done')).toEqual({
      statusCode: 202,
      headers: { 'content-type': ['application/json'] },
      body: '{"done":true}',
    });
    // No content type and no body declared: none sent.
    expect(await run('nope')).toEqual({ statusCode: 409, headers: {}, body: '' });
    // An output key that is not declared, a dynamic-style answer, no answer, a throw: Forge cannot use them.
    for (const body of ['missing', 'dynamic', 'nothing', 'throw']) {
      const res = await run(body);
      expect(res.statusCode).toBe(500);
      expect(res.body).not.toContain('data a static webtrigger must not send');
    }
  });

  it('counts invocations and reports product calls per invocation', async () => {
    const { runtime } = makeRuntime();
    const calls: string[] = [];
    const ends: { productCalls: number; outcome: string }[] = [];
    runtime.onProductCall((e) => calls.push(`${e.method} ${e.path} ${e.principal.kind}`));
    runtime.onInvocationEnd((e) => ends.push({ productCalls: e.productCalls, outcome: e.outcome }));
    await runtime.invokeResolver({ moduleKey: 'admin-page', functionKey: 'principals', accountId: 'u' });
    expect(calls).toEqual(['GET /rest/api/3/myself user', 'GET /rest/api/3/myself app']);
    expect(ends).toEqual([{ productCalls: 2, outcome: 'ok' }]);
    expect(runtime.invocations).toMatchObject({
      started: 1,
      completed: 1,
      active: 0,
      byKind: { resolver: 1 },
    });
  });

  it('runs local code inside a synthetic invocation', async () => {
    const { runtime, kvs } = makeRuntime();
    const { kvs: client } = await import('@forge/kvs');
    await runtime.runInInvocation({}, () => client.set('seeded', true));
    expect(kvs.data.get('seeded')).toBe(true);
    await expect(client.get('seeded')).rejects.toThrow(/outside a Forge invocation/);
  });
});
