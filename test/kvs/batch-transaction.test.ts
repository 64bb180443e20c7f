/** Batch and transaction conformance through the real @forge/kvs client. */
import { beforeAll, beforeEach, describe, expect, it } from 'vitest';
import type { KvsEmulator } from '../../local/kvs/kvs-emulator.js';
import { type ForgeKvs, apiError, clock, loadForgeKvs, newEmulator } from './harness.js';

let forge: ForgeKvs;
let kvs: ForgeKvs['kvs'];
let emu: KvsEmulator;
type Counter = { n: number; owner?: string };
const counters = () => kvs.entity<Counter>('counter');

beforeAll(async () => {
  forge = await loadForgeKvs();
  kvs = forge.kvs;
});
beforeEach(() => {
  clock.now = Date.UTC(2026, 0, 1, 12);
  emu = newEmulator();
});

describe('batch', () => {
  it('batchSet writes KVS and entity items and reports per-item failures', async () => {
    const r = await kvs.batchSet<unknown>([
      { key: 'a', value: 1 },
      { key: 'b', value: { x: 1 }, options: { ttl: { value: 1, unit: 'SECONDS' } } },
      { key: 'a', entityName: 'counter', value: { n: 1 } },
      { key: 'bad/key', value: 1 },
      { key: 'c', entityName: 'counter', value: { n: 'one' } },
      { key: 'd', entityName: 'no-such-entity', value: {} },
      { key: 'e', value: null },
    ]);
    expect(r.successfulKeys).toEqual([{ key: 'a' }, { key: 'b' }, { key: 'a', entityName: 'counter' }]);
    expect(r.failedKeys).toEqual([
      { key: 'bad/key', error: { code: 'INVALID_KEY', message: expect.any(String) as string } },
      {
        key: 'c',
        entityName: 'counter',
        error: { code: 'INVALID_ENTITY_VALUE', message: expect.any(String) as string },
      },
      {
        key: 'd',
        entityName: 'no-such-entity',
        error: { code: 'INVALID_ENTITY_TYPE', message: expect.any(String) as string },
      },
      { key: 'e', error: { code: 'BAD_REQUEST', message: expect.any(String) as string } },
    ]);
    expect(await kvs.get('a')).toBe(1);
    expect(await counters().get('a')).toEqual({ n: 1 });
    clock.now += 1000;
    expect(await kvs.get('b')).toBeUndefined(); // ttl applied
  });

  it('batchGet returns values (with metadata on request) and KEY_NOT_FOUND failures', async () => {
    await kvs.set('a', 'A');
    await counters().set('c1', { n: 5 });
    const r = await kvs.batchGet([
      { key: 'a', options: { metadataFields: [forge.MetadataField.CREATED_AT] } },
      { key: 'c1', entityName: 'counter' },
      { key: 'missing' },
      { key: 'a', entityName: 'counter' },
    ]);
    expect(r.successfulKeys).toEqual([
      { key: 'a', value: 'A', createdAt: clock.now / 1000 },
      { key: 'c1', entityName: 'counter', value: { n: 5 } },
    ]);
    expect(r.failedKeys.map((f) => [f.key, f.entityName, f.error.code])).toEqual([
      ['missing', undefined, 'KEY_NOT_FOUND'],
      ['a', 'counter', 'KEY_NOT_FOUND'],
    ]);
  });

  it('batchDelete deletes; a missing key counts as deleted', async () => {
    await kvs.set('a', 1);
    await counters().set('a', { n: 1 });
    const r = await kvs.batchDelete([
      { key: 'a' },
      { key: 'a', entityName: 'counter' },
      { key: 'never' },
      { key: '' },
    ]);
    expect(r.successfulKeys).toEqual([{ key: 'a' }, { key: 'a', entityName: 'counter' }, { key: 'never' }]);
    expect(r.failedKeys).toEqual([
      { key: '', error: { code: 'KEY_TOO_SHORT', message: expect.any(String) as string } },
    ]);
    expect(await kvs.get('a')).toBeUndefined();
    expect(await counters().get('a')).toBeUndefined();
  });

  it('an empty batch, a duplicate key+entityName or more than 25 items fail the whole batch (400)', async () => {
    expect(await apiError(kvs.batchSet([]))).toMatchObject({ status: 400 });
    expect(await apiError(kvs.batchGet([{ key: 'a' }, { key: 'a' }]))).toMatchObject({ status: 400 });
    expect(
      await apiError(
        kvs.batchSet([
          { key: 'a', value: 1 },
          { key: 'a', value: 2 },
        ]),
      ),
    ).toMatchObject({ status: 400 });
    expect(await kvs.get('a')).toBeUndefined();
    const dupAcrossEntities = await kvs.batchSet<unknown>([
      { key: 'a', value: 1 },
      { key: 'a', entityName: 'counter', value: { n: 2 } },
    ]);
    expect(dupAcrossEntities.failedKeys).toEqual([]);
    const items = Array.from({ length: 26 }, (_, i) => ({ key: `k${i}`, value: i }));
    expect(await apiError(kvs.batchSet(items))).toMatchObject({ code: 'BAD_REQUEST', status: 400 });
    expect((await kvs.batchSet(items.slice(0, 25))).successfulKeys).toHaveLength(25);
    expect(emu.handle('/api/v1/batch/set', { key: 'a', value: 1 }).status).toBe(400); // body must be a bare array
  });
});

describe('transactions', () => {
  const F = () => new forge.Filter<Counter>();

  it('applies set, delete and check together', async () => {
    await kvs.set('gone', 1);
    await counters().set('c1', { n: 1, owner: 'ann' });
    await kvs
      .transact()
      .set('plain', { v: 1 }, undefined, { ttl: { value: 1, unit: 'MINUTES' } })
      .set('c2', { n: 2 }, { entityName: 'counter' })
      .delete('gone')
      .check('c1', {
        entityName: 'counter',
        conditions: F().and('owner', forge.FilterConditions.equalTo('ann')),
      })
      .execute();
    expect(await kvs.get('plain')).toEqual({ v: 1 });
    expect(await counters().get('c2')).toEqual({ n: 2 });
    expect(await kvs.get('gone')).toBeUndefined();
    clock.now += 60_000;
    expect(await kvs.get('plain')).toBeUndefined();
  });

  it('compare-and-set: a failed condition writes nothing (409 CONDITION_CHECK_FAILED)', async () => {
    await counters().set('c1', { n: 1 });
    await kvs.set('keep', 'me');
    const bump = (from: number) =>
      kvs
        .transact()
        .set<Counter>(
          'c1',
          { n: from + 1 },
          { entityName: 'counter', conditions: F().and('n', forge.FilterConditions.equalTo(from)) },
        )
        .set('audit', { bumpedFrom: from })
        .delete('keep')
        .execute();
    await bump(1);
    expect(await counters().get('c1')).toEqual({ n: 2 });
    await kvs.set('keep', 'me');
    await kvs.delete('audit');
    expect(await apiError(bump(1))).toMatchObject({ code: 'CONDITION_CHECK_FAILED', status: 409 });
    expect(await counters().get('c1')).toEqual({ n: 2 });
    expect(await kvs.get('audit')).toBeUndefined();
    expect(await kvs.get('keep')).toBe('me');
  });

  it('a failing check alone rolls back every write; NOT_EXISTS on a missing item creates it once', async () => {
    const failing = kvs
      .transact()
      .set('x', 1)
      .set('c9', { n: 9 }, { entityName: 'counter' })
      .check('absent', { entityName: 'counter', conditions: F().and('n', forge.FilterConditions.exists()) });
    expect(await apiError(failing.execute())).toMatchObject({ code: 'CONDITION_CHECK_FAILED' });
    expect(await kvs.get('x')).toBeUndefined();
    expect(await counters().get('c9')).toBeUndefined();
    const create = () =>
      kvs
        .transact()
        .set<Counter>(
          'new',
          { n: 0 },
          { entityName: 'counter', conditions: F().and('n', forge.FilterConditions.notExists()) },
        )
        .execute();
    await create();
    expect(await counters().get('new')).toEqual({ n: 0 });
    expect(await apiError(create())).toMatchObject({ status: 409 });
    // conditional delete
    await kvs
      .transact()
      .delete('new', {
        entityName: 'counter',
        conditions: F()
          .or('n', forge.FilterConditions.equalTo(0))
          .or('owner', forge.FilterConditions.exists()),
      })
      .execute();
    expect(await counters().get('new')).toBeUndefined();
  });

  it('refuses more than 25 ops, repeated keys, conditions on KVS items and invalid values — writing nothing', async () => {
    let big = kvs.transact();
    for (let i = 0; i < 26; i++) big = big.set(`k${i}`, i);
    expect(await apiError(big.execute())).toMatchObject({ status: 400 });
    expect(await kvs.get('k0')).toBeUndefined();
    let ok = kvs.transact();
    for (let i = 0; i < 25; i++) ok = ok.set(`k${i}`, i);
    await ok.execute();
    expect(await kvs.get('k24')).toBe(24);
    expect(await apiError(kvs.transact().set('a', 1).delete('a').execute())).toMatchObject({ status: 400 });
    await kvs.transact().set('a', 1).delete('a', { entityName: 'counter' }).execute(); // different namespaces
    expect(
      await apiError(
        kvs
          .transact()
          .set('z', 1)
          .set('c', { n: 'x' } as never, { entityName: 'counter' })
          .execute(),
      ),
    ).toMatchObject({
      code: 'INVALID_ENTITY_VALUE',
    });
    expect(await kvs.get('z')).toBeUndefined();
    const cond = { and: [{ property: 'n', condition: 'EXISTS', values: [true] }] };
    expect(
      emu.handle('/api/v1/transaction', { set: [{ key: 'p', value: 1, conditions: cond }] }).status,
    ).toBe(400);
    expect(emu.handle('/api/v1/transaction', {}).status).toBe(400);
    await expect(
      kvs.transact().check('c', { entityName: 'counter', conditions: F() }).execute(),
    ).rejects.toThrow('Builder must have at least one condition set');
  });

  it('FAIL_IF_EXISTS is atomic: of 12 concurrent writers exactly one wins', async () => {
    const results = await Promise.allSettled(
      Array.from({ length: 12 }, (_, i) => kvs.set('lock', i, { keyPolicy: 'FAIL_IF_EXISTS' })),
    );
    expect(results.filter((r) => r.status === 'fulfilled')).toHaveLength(1);
    expect(results.filter((r) => r.status === 'rejected')).toHaveLength(11);
  });
});
