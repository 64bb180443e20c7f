/**
 * Issue 12, the local platform's part: a 413 on `/__local/invoke` does not wedge the next request on
 * the same connection; `/__local/reset` clears injected faults, and fails loudly when the app's seed fails.
 */
import { request, Agent } from 'node:http';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import type { LocalSite } from '../../local/host/site.js';
import { ADMIN_KEYS as A, ADMIN_MODULE_KEY } from '../../src/contract/resolver-keys';
import { people, releaseBotTag } from './payloads';
import { asAdmin, startSite } from './support';

let site: LocalSite;
beforeAll(async () => {
  site = await startSite();
});
afterAll(() => site.close());

/** One POST on `agent`; resolves with the status and body, or rejects after `timeoutMs`. */
function post(agent: Agent, url: string, body: string, timeoutMs = 5_000) {
  return new Promise<{ status: number; body: string; socket: unknown }>((resolve, reject) => {
    const req = request(
      url,
      { method: 'POST', agent, headers: { 'content-type': 'application/json' } },
      (res) => {
        const chunks: Buffer[] = [];
        res.on('data', (c: Buffer) => chunks.push(c));
        res.on('end', () =>
          resolve({
            status: res.statusCode ?? 0,
            body: Buffer.concat(chunks).toString(),
            socket: req.socket,
          }),
        );
        res.on('error', reject);
      },
    );
    req.setTimeout(timeoutMs, () => req.destroy(new Error(`no answer within ${timeoutMs} ms`)));
    req.on('error', reject);
    req.end(body);
  });
}

describe('/__local/invoke', () => {
  it('a 413 does not wedge the next request on the same keep-alive connection', async () => {
    const agent = new Agent({ keepAlive: true, maxSockets: 1 });
    try {
      const big = JSON.stringify({
        moduleKey: ADMIN_MODULE_KEY,
        functionKey: A.accountsList,
        payload: { filler: 'x'.repeat(600 * 1024) },
      });
      const tooLarge = await post(agent, `${site.url}/__local/invoke`, big);
      expect(tooLarge.status).toBe(413);
      const next = await post(
        agent,
        `${site.url}/__local/invoke`,
        JSON.stringify({
          moduleKey: ADMIN_MODULE_KEY,
          functionKey: A.accountsList,
          payload: {},
          as: 'admin@example.com',
        }),
      );
      expect(next.status).toBe(200);
      expect(JSON.parse(next.body)).toMatchObject({ ok: true });
    } finally {
      agent.destroy();
    }
  });
});

describe('/__local/reset', () => {
  it('clears injected Jira and KVS faults, and the points spent', async () => {
    site.jira.injectFault({ status: 503, count: 1000, path: /user\/bulk|users\/search/ });
    site.jira.points.setSpent({ global: 1e9, tenant: 1e9 }); // this hour's points quota spent
    site.kvs.injectFault({
      path: '/api/v1/entity/query',
      status: 500,
      code: 'INTERNAL_SERVER_ERROR',
      times: 1000,
    });
    const reset = await fetch(`${site.url}/__local/reset`, { method: 'POST' });
    expect(reset.status, await reset.clone().text()).toBe(200);
    const p = people(site);
    const tag = await asAdmin(site, A.accountsTag, releaseBotTag(p));
    expect(tag.ok, JSON.stringify(tag)).toBe(true);
    const list = await asAdmin(site, A.accountsList, {});
    expect(list.ok).toBe(true);
  });

  it('fails loudly when the app’s seed fails', async () => {
    let calls = 0;
    const failing = await startSite({
      seedApp: () => {
        calls++;
        return calls > 1
          ? Promise.reject(new Error('tagging Jenkins CI failed: RATE_LIMITED'))
          : Promise.resolve();
      },
    });
    try {
      const reset = await fetch(`${failing.url}/__local/reset`, { method: 'POST' });
      const text = await reset.text();
      expect(reset.status).toBe(500);
      expect(text).toMatch(/seed/i);
      expect(text).toMatch(/tagging Jenkins CI failed/);
    } finally {
      await failing.close();
    }
  });
});
