/** KVS + secrets conformance through the real @forge/kvs client. */
import { beforeAll, beforeEach, describe, expect, it } from 'vitest';
import type { KvsEmulator } from '../../local/kvs/kvs-emulator.js';
import { type ForgeKvs, apiError, calls, clock, loadForgeKvs, newEmulator } from './harness.js';

let forge: ForgeKvs;
let kvs: ForgeKvs['kvs'];
let emu: KvsEmulator;

beforeAll(async () => {
  forge = await loadForgeKvs();
  kvs = forge.kvs;
});
beforeEach(() => {
  clock.now = Date.UTC(2026, 0, 1, 12);
  emu = newEmulator();
});

describe('get / set / delete', () => {
  it('round-trips JSON values and sends the documented target', async () => {
    await kvs.set('a', { x: [1, 'two', true], y: { z: 1.5 } });
    await kvs.set('n', 42);
    await kvs.set('s', 'text');
    await kvs.set('f', false);
    expect(await kvs.get('a')).toEqual({ x: [1, 'two', true], y: { z: 1.5 } });
    expect(await kvs.get('n')).toBe(42);
    expect(await kvs.get('s')).toBe('text');
    expect(await kvs.get('f')).toBe(false);
    expect(calls.at(-1)).toEqual({
      target: { type: 'kvs', provider: 'app', remote: 'kvs' },
      path: '/api/v1/get',
    });
  });

  it('get of a missing key is undefined (404 KEY_NOT_FOUND on the wire)', async () => {
    expect(await kvs.get('missing')).toBeUndefined();
    const r = emu.handle('/api/v1/get', { key: 'missing' });
    expect(r.status).toBe(404);
    expect(r.body).toMatchObject({ code: 'KEY_NOT_FOUND', message: 'Provided key does not exist' });
  });

  it('set answers 204 with an empty body; delete removes; delete of a missing key resolves', async () => {
    const res = await emu.fetch('/api/v1/set', {
      method: 'POST',
      body: JSON.stringify({ key: 'k', value: 1 }),
    });
    expect(res.status).toBe(204);
    expect(await res.text()).toBe('');
    await expect(kvs.set('k', 2)).resolves.toBeUndefined();
    await kvs.delete('k');
    expect(await kvs.get('k')).toBeUndefined();
    await expect(kvs.delete('k')).resolves.toBeUndefined();
  });

  it('get returns metadata on request: createdAt/updatedAt in epoch seconds, expireTime ISO', async () => {
    const t0 = clock.now;
    await kvs.set('m', 'v1', { ttl: { value: 2, unit: 'HOURS' } } as never);
    clock.now += 5000;
    await kvs.set('m', 'v2', { ttl: { value: 1, unit: 'DAYS' } } as never);
    const r = await kvs.get('m', {
      metadataFields: [
        forge.MetadataField.CREATED_AT,
        forge.MetadataField.UPDATED_AT,
        forge.MetadataField.EXPIRE_TIME,
      ],
    });
    expect(r).toEqual({
      key: 'm',
      value: 'v2',
      createdAt: t0 / 1000,
      updatedAt: t0 / 1000 + 5,
      expireTime: new Date(t0 + 5000 + 86_400_000).toISOString(),
    });
    const onlyCreated = await kvs.get('m', { metadataFields: [forge.MetadataField.CREATED_AT] });
    expect(onlyCreated).toEqual({ key: 'm', value: 'v2', createdAt: t0 / 1000 });
  });
});

describe('set options', () => {
  it('FAIL_IF_EXISTS writes a new key and refuses an existing one with 409 KEY_CONFLICT', async () => {
    await kvs.set('once', 1, { keyPolicy: 'FAIL_IF_EXISTS' });
    expect(await apiError(kvs.set('once', 2, { keyPolicy: 'FAIL_IF_EXISTS' }))).toMatchObject({
      code: 'KEY_CONFLICT',
      status: 409,
    });
    expect(await kvs.get('once')).toBe(1);
  });

  it('returnValue PREVIOUS / LATEST with returnMetadataFields', async () => {
    const t0 = clock.now;
    expect(await kvs.set('r', 'first', { keyPolicy: 'OVERRIDE', returnValue: 'PREVIOUS' })).toBeUndefined();
    clock.now += 3000;
    const prev = await kvs.set('r', 'second', {
      keyPolicy: 'OVERRIDE',
      returnValue: 'PREVIOUS',
      returnMetadataFields: [forge.MetadataField.UPDATED_AT],
    });
    expect(prev).toEqual({ key: 'r', value: 'first', updatedAt: t0 / 1000 });
    const latest = await kvs.set('r', 'third', {
      keyPolicy: 'OVERRIDE',
      returnValue: 'LATEST',
      returnMetadataFields: [forge.MetadataField.CREATED_AT, forge.MetadataField.UPDATED_AT],
    });
    expect(latest).toEqual({ key: 'r', value: 'third', createdAt: t0 / 1000, updatedAt: t0 / 1000 + 3 });
  });

  it('returnValue with FAIL_IF_EXISTS and unknown keyPolicy are 400', () => {
    expect(
      emu.handle('/api/v1/set', {
        key: 'x',
        value: 1,
        options: { keyPolicy: 'FAIL_IF_EXISTS', returnValue: 'LATEST' },
      }).status,
    ).toBe(400);
    expect(emu.handle('/api/v1/set', { key: 'x', value: 1, options: { keyPolicy: 'MAYBE' } }).status).toBe(
      400,
    );
  });
});

describe('TTL', () => {
  it('an expired item is not returned by get, query or FAIL_IF_EXISTS (stricter than Forge 48 h lag)', async () => {
    await kvs.set('t:short', 'x', { ttl: { value: 30, unit: 'SECONDS' } } as never);
    await kvs.set('t:long', 'y', { ttl: { value: 10, unit: 'MINUTES' } } as never);
    await kvs.set('t:none', 'z');
    clock.now += 29_999;
    expect(await kvs.get('t:short')).toBe('x');
    clock.now += 1;
    expect(await kvs.get('t:short')).toBeUndefined();
    const { results } = await kvs.query().where('key', forge.WhereConditions.beginsWith('t:')).getMany();
    expect(results.map((r) => r.key)).toEqual(['t:long', 't:none']);
    await kvs.set('t:short', 'again', { keyPolicy: 'FAIL_IF_EXISTS' });
    expect(await kvs.get('t:short', { metadataFields: [forge.MetadataField.CREATED_AT] })).toEqual({
      key: 't:short',
      value: 'again',
      createdAt: clock.now / 1000,
    });
  });

  it('a set without ttl clears the previous expiry; invalid ttl is 400', async () => {
    await kvs.set('k', 1, { ttl: { value: 1, unit: 'SECONDS' } } as never);
    await kvs.set('k', 2);
    clock.now += 10_000;
    expect(await kvs.get('k')).toBe(2);
    for (const ttl of [
      { value: 0, unit: 'SECONDS' },
      { value: 1, unit: 'WEEKS' },
      { value: 400, unit: 'DAYS' },
      null,
    ]) {
      expect(emu.handle('/api/v1/set', { key: 'k', value: 1, options: { ttl } }).status).toBe(400);
    }
  });
});

describe('query', () => {
  it('lists keys lexicographically with BEGINS_WITH, default page 10 and cursors over all pages', async () => {
    const keys = Array.from({ length: 23 }, (_, i) => `p:${String(i).padStart(2, '0')}`);
    for (const k of [...keys].reverse()) await kvs.set(k, k.length);
    await kvs.set('other', 1);
    await kvs.set('p', 1); // shorter than the prefix: not matched
    const first = await kvs.query().where('key', forge.WhereConditions.beginsWith('p:')).getMany();
    expect(first.results).toHaveLength(10);
    expect(first.nextCursor).toEqual(expect.any(String));
    const seen: string[] = [];
    let cursor: string | undefined;
    let pages = 0;
    do {
      let q = kvs.query().where('key', forge.WhereConditions.beginsWith('p:')).limit(7);
      if (cursor) q = q.cursor(cursor);
      const page = await q.getMany();
      seen.push(...page.results.map((r) => r.key));
      cursor = page.nextCursor;
      pages++;
    } while (cursor);
    expect(seen).toEqual(keys);
    expect(pages).toBe(4);
    const all = await kvs.query().limit(100).getMany();
    expect(all.results.map((r) => r.key)).toEqual(['other', 'p', ...keys]);
    expect(all.nextCursor).toBeUndefined();
    expect(await kvs.query().where('key', forge.WhereConditions.beginsWith('zz')).getOne()).toBeUndefined();
    expect((await kvs.query().getOne())?.key).toBe('other');
  });

  it('query returns metadata when asked, and refuses a limit above 100', async () => {
    await kvs.set('k1', 'v', { ttl: { value: 1, unit: 'HOURS' } } as never);
    const { results } = await kvs.query({ metadataFields: [forge.MetadataField.EXPIRE_TIME] }).getMany();
    expect(results).toEqual([
      { key: 'k1', value: 'v', expireTime: new Date(clock.now + 3_600_000).toISOString() },
    ]);
    expect(await apiError(kvs.query().limit(101).getMany())).toMatchObject({
      code: 'LIST_QUERY_LIMIT_EXCEEDED',
      status: 400,
    });
    expect((await kvs.query().limit(100).getMany()).results).toHaveLength(1);
  });

  it('where on another property or condition is refused; a foreign cursor is refused', () => {
    expect(
      emu.handle('/api/v1/query', { where: [{ property: 'value', condition: 'BEGINS_WITH', values: ['a'] }] })
        .body,
    ).toMatchObject({
      code: 'QUERY_WHERE_FIELD_INVALID',
    });
    expect(
      emu.handle('/api/v1/query', { where: [{ property: 'key', condition: 'EQUAL_TO', values: ['a'] }] })
        .body,
    ).toMatchObject({
      code: 'QUERY_WHERE_INVALID',
    });
    expect(emu.handle('/api/v1/query', { after: 'not-a-cursor' }).status).toBe(400);
  });
});

describe('secrets', () => {
  it('live in their own namespace and are never returned by query', async () => {
    await kvs.setSecret('token', { apiKey: 's3cret' });
    await kvs.set('plain', 1);
    expect(await kvs.getSecret('token')).toEqual({ apiKey: 's3cret' });
    expect(await kvs.get('token')).toBeUndefined();
    expect((await kvs.query().getMany()).results.map((r) => r.key)).toEqual(['plain']);
    await kvs.set('token', 'a plain value with the same key');
    expect(await kvs.getSecret('token')).toEqual({ apiKey: 's3cret' });
    await kvs.deleteSecret('token');
    expect(await kvs.getSecret('token')).toBeUndefined();
    expect(await kvs.get('token')).toBe('a plain value with the same key');
    expect(calls.some((c) => c.path === '/api/v1/secret/set')).toBe(true);
  });
});

describe('limits and errors the SDK surfaces', () => {
  it('key rules: KEY_TOO_SHORT, KEY_TOO_LONG, INVALID_KEY', async () => {
    expect(await apiError(kvs.set('', 1))).toMatchObject({
      code: 'KEY_TOO_SHORT',
      status: 400,
      name: 'ForgeKvsError',
    });
    expect(await apiError(kvs.set('k'.repeat(501), 1))).toMatchObject({ code: 'KEY_TOO_LONG', status: 400 });
    await kvs.set('k'.repeat(500), 1);
    expect(await apiError(kvs.set('a/b', 1))).toMatchObject({ code: 'INVALID_KEY' });
    expect(await apiError(kvs.set('   ', 1))).toMatchObject({ code: 'INVALID_KEY' });
    expect(await apiError(kvs.get('ü'))).toMatchObject({ code: 'INVALID_KEY' });
    await kvs.set('ok: a-b_c.d#1', 1);
    expect(await kvs.get('ok: a-b_c.d#1')).toBe(1);
  });

  it('value rules: null refused, 240 KiB MAX_SIZE, depth 31 MAX_DEPTH', async () => {
    expect(await apiError(kvs.set('v', null))).toMatchObject({ status: 400 });
    const big = 'x'.repeat(240 * 1024); // JSON adds two quotes → over the limit
    expect(await apiError(kvs.set('v', big))).toMatchObject({ code: 'MAX_SIZE', status: 400 });
    await kvs.set('v', 'x'.repeat(240 * 1024 - 2));
    const nest = (d: number): unknown => (d === 0 ? 1 : { a: nest(d - 1) });
    await kvs.set('deep', nest(31));
    expect(await apiError(kvs.set('deep', nest(32)))).toMatchObject({ code: 'MAX_DEPTH', status: 400 });
    expect(await kvs.get('deep')).toEqual(nest(31));
  });

  it('non-POST, unknown paths and invalid JSON', async () => {
    expect((await emu.fetch('/api/v1/get', { method: 'GET' })).status).toBe(405);
    expect((await emu.fetch('/api/v1/nope', { method: 'POST', body: '{}' })).status).toBe(404);
    const bad = await emu.fetch('/api/v1/get', { method: 'POST', body: '{not json' });
    expect(bad.status).toBe(400);
    expect(await bad.json()).toMatchObject({ code: 'BAD_REQUEST' });
  });
});

describe('injectFault and stats', () => {
  it('the next matching request(s) answer the injected error; others are untouched', async () => {
    emu.injectFault({ path: '/api/v1/set', status: 429, code: 'RATE_LIMIT_EXCEEDED', times: 2 });
    emu.injectFault({ path: /entity/, status: 500, code: 'INTERNAL_SERVER_ERROR', message: 'boom' });
    expect(await kvs.get('k')).toBeUndefined(); // get does not match
    expect(await apiError(kvs.set('k', 1))).toMatchObject({ code: 'RATE_LIMIT_EXCEEDED', status: 429 });
    expect(await apiError(kvs.set('k', 1))).toMatchObject({ code: 'RATE_LIMIT_EXCEEDED', status: 429 });
    await kvs.set('k', 1);
    expect(await kvs.get('k')).toBe(1);
    const e = await kvs
      .entity('counter')
      .get('c')
      .catch((err: unknown) => err);
    expect(e).toBeInstanceOf(forge.ForgeKvsAPIError);
    expect((e as { message: string; code: string }).message).toBe('boom');
    expect(await kvs.entity('counter').get('c')).toBeUndefined();
  });

  it('counts requests, reads, writes and per-path calls; resetStats zeroes them', async () => {
    await kvs.set('a', 1);
    await kvs.get('a');
    await kvs.query().getMany();
    await kvs.delete('a');
    await kvs.entity('counter').set('c', { n: 1 });
    expect(emu.stats).toEqual({
      requests: 5,
      reads: 2,
      writes: 3,
      byPath: {
        '/api/v1/set': 1,
        '/api/v1/get': 1,
        '/api/v1/query': 1,
        '/api/v1/delete': 1,
        '/api/v1/entity/set': 1,
      },
    });
    emu.resetStats();
    expect(emu.stats).toEqual({ requests: 0, reads: 0, writes: 0, byPath: {} });
  });

  it('clear deletes every key, secret and entity', async () => {
    await kvs.set('a', 1);
    await kvs.setSecret('s', 1);
    await kvs.entity('counter').set('c', { n: 1 });
    emu.clear();
    expect(await kvs.get('a')).toBeUndefined();
    expect(await kvs.getSecret('s')).toBeUndefined();
    expect(await kvs.entity('counter').get('c')).toBeUndefined();
  });
});
