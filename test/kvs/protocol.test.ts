/** Protocol-level checks on `handle`/`fetch`: the app's manifest entities, file-backed persistence, and speed at 10k items. */
import { mkdtempSync, readFileSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { afterAll, describe, expect, it } from 'vitest';
import { parse } from 'yaml';
import { type EntityDefinition, KvsEmulator } from '../../local/kvs/kvs-emulator.js';

const manifest = parse(readFileSync(new URL('../../manifest.yml', import.meta.url), 'utf8')) as {
  app: { storage: { entities: EntityDefinition[] } };
};
/** A fixed registry-like entity, so these checks don't move when the app's manifest evolves. */
const APP_ENTITIES: EntityDefinition[] = [
  {
    name: 'integration-account',
    attributes: {
      accountId: { type: 'string' },
      status: { type: 'string' },
      nameKey: { type: 'string' },
      ownerId: { type: 'string' },
      reviewDueAt: { type: 'integer' },
      risk: { type: 'integer' },
      version: { type: 'integer' },
      updatedAt: { type: 'integer' },
      record: { type: 'any' },
    },
    indexes: [
      { name: 'by-status-name', partition: ['status'], range: ['nameKey'] },
      { name: 'by-owner', partition: ['ownerId'], range: ['nameKey'] },
      { name: 'by-review-due', partition: ['status'], range: ['reviewDueAt'] },
      { name: 'by-risk', partition: ['status'], range: ['risk'] },
    ],
  },
];
const dir = mkdtempSync(join(tmpdir(), 'kvs-emu-'));
afterAll(() => rmSync(dir, { recursive: true, force: true }));

const account = (i: number) => ({
  accountId: `acc-${i}`,
  status: ['active', 'retired', 'pending'][i % 3],
  nameKey: `name-${String(i).padStart(5, '0')}`,
  ownerId: `owner-${i % 50}`,
  reviewDueAt: 1_700_000_000 + (i % 997) * 3600,
  risk: i % 10,
  version: 1,
  updatedAt: 1_700_000_000,
  record: { notes: `account ${i}`, labels: ['a', 'b'] },
});

describe('entity definitions', () => {
  it("the app's manifest.yml entities compile", () => {
    const emu = new KvsEmulator({ entities: manifest.app.storage.entities });
    for (const entity of manifest.app.storage.entities) {
      const r = emu.handle('/api/v1/entity/query', {
        entityName: entity.name,
        indexName: 'by-key',
        limit: 1,
      });
      expect(r.status).toBe(200);
    }
    emu.close();
  });

  it('compile and serve their indexes', () => {
    const emu = new KvsEmulator({ entities: APP_ENTITIES });
    for (let i = 0; i < 30; i++) {
      expect(
        emu.handle('/api/v1/entity/set', {
          entityName: 'integration-account',
          key: `acc-${i}`,
          value: account(i),
        }).status,
      ).toBe(204);
    }
    const r = emu.handle('/api/v1/entity/query', {
      entityName: 'integration-account',
      indexName: 'by-risk',
      partition: ['active'],
      range: { condition: 'GREATER_THAN_EQUAL_TO', values: [5] },
      sort: 'DESC',
      limit: 100,
    });
    const data = (r.body as { data: { value: { risk: number; status: string } }[] }).data;
    expect(data.map((d) => d.value.risk)).toEqual([9, 8, 7, 6, 5]);
    expect(data.every((d) => d.value.status === 'active')).toBe(true);
    emu.close();
  });

  it('refuses malformed definitions at construction', () => {
    const base = {
      name: 'thing',
      attributes: { a: { type: 'string' as const }, blob: { type: 'any' as const } },
    };
    expect(
      () => new KvsEmulator({ entities: [{ ...base, indexes: [{ name: 'by-blob', range: ['blob'] }] }] }),
    ).toThrow(/indexable/);
    expect(
      () => new KvsEmulator({ entities: [{ ...base, indexes: [{ name: 'by-x', range: ['x'] }] }] }),
    ).toThrow(/indexable/);
    expect(() => new KvsEmulator({ entities: [{ ...base, indexes: ['a', 'a'] }] })).toThrow(/duplicate/);
  });
});

describe('fetch', () => {
  it('answers WHATWG Responses: 204 empty, 200 JSON, faults by RegExp', async () => {
    const emu = new KvsEmulator({ entities: [] });
    const post = (path: string, body: unknown) =>
      emu.fetch(path, {
        method: 'POST',
        body: JSON.stringify(body),
        headers: { 'content-type': 'application/json' },
      });
    const set = await post('/api/v1/set', { key: 'k', value: [1] });
    expect([set.status, await set.text()]).toEqual([204, '']);
    const got = await post('/api/v1/get', { key: 'k' });
    expect(got.headers.get('content-type')).toBe('application/json');
    expect(await got.json()).toEqual({ key: 'k', value: [1] });
    emu.injectFault({ path: /^\/api\/v1\/(get|set)$/, status: 503, code: 'SERVICE_UNAVAILABLE', times: 1 });
    const failed = await post('/api/v1/get', { key: 'k' });
    expect([failed.status, await failed.json()]).toEqual([
      503,
      { code: 'SERVICE_UNAVAILABLE', message: 'Injected fault SERVICE_UNAVAILABLE' },
    ]);
    expect((await post('/api/v1/get', { key: 'k' })).status).toBe(200);
    emu.close();
  });
});

describe('file-backed store', () => {
  it('persists across instances and rebuilds indexes when the definitions change', () => {
    const file = join(dir, 'store.sqlite');
    const v1: EntityDefinition[] = [
      { name: 'note', attributes: { topic: { type: 'string' }, rank: { type: 'integer' } } },
    ];
    const a = new KvsEmulator({ file, entities: v1 });
    a.handle('/api/v1/set', { key: 'plain', value: 'kept' });
    a.handle('/api/v1/secret/set', { key: 's', value: 'secret' });
    for (let i = 0; i < 5; i++)
      a.handle('/api/v1/entity/set', {
        entityName: 'note',
        key: `n${i}`,
        value: { topic: i % 2 ? 'odd' : 'even', rank: i },
      });
    a.close();
    const v2: EntityDefinition[] = [
      {
        ...(v1[0] as EntityDefinition),
        indexes: [{ name: 'by-topic', partition: ['topic'], range: ['rank'] }],
      },
    ];
    const b = new KvsEmulator({ file, entities: v2 });
    expect(b.handle('/api/v1/get', { key: 'plain' }).body).toEqual({ key: 'plain', value: 'kept' });
    expect(b.handle('/api/v1/secret/get', { key: 's' }).body).toEqual({ key: 's', value: 'secret' });
    const q = b.handle('/api/v1/entity/query', {
      entityName: 'note',
      indexName: 'by-topic',
      partition: ['odd'],
    });
    expect((q.body as { data: { key: string }[] }).data.map((d) => d.key)).toEqual(['n1', 'n3']);
    b.clear();
    expect(b.handle('/api/v1/get', { key: 'plain' }).status).toBe(404);
    b.close();
  });
});

describe('entity queries at 10,000 records', () => {
  it('pages through the whole partition, also from a cursor deep into the result', () => {
    const emu = new KvsEmulator({ file: join(dir, 'perf.sqlite'), entities: APP_ENTITIES });
    for (let i = 0; i < 10_000; i++) {
      emu.handle('/api/v1/entity/set', {
        entityName: 'integration-account',
        key: `acc-${String(i).padStart(5, '0')}`,
        value: account(i),
      });
    }
    const page = (cursor?: string) =>
      emu.handle('/api/v1/entity/query', {
        entityName: 'integration-account',
        indexName: 'by-status-name',
        partition: ['active'],
        range: { condition: 'BEGINS_WITH', values: ['name-0'] },
        limit: 100,
        ...(cursor && { cursor }),
      }).body as { data: unknown[]; cursor?: string };
    // walk the whole partition once to get a deep cursor and check completeness
    let cursor: string | undefined;
    let seen = 0;
    let deep: string | undefined;
    do {
      const p = page(cursor);
      seen += p.data.length;
      cursor = p.cursor;
      if (seen === 3000) deep = cursor;
    } while (cursor);
    expect(seen).toBe(3334);
    // A page from the start and one from a deep cursor (their speed is the bench's business).
    expect(page(undefined).data).toHaveLength(100);
    expect(page(deep).data).toHaveLength(100);
    const one = emu.handle('/api/v1/entity/get', { entityName: 'integration-account', key: 'acc-09999' });
    expect(one.status).toBe(200);
    emu.close();
  });
});
