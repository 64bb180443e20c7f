/** Batches and transactions (FORGE-FACTS §4.3): ≤ 25 items or operations each. */
import { type Filters, checkFilters, testFilters } from './conditions.js';
import { checkEntityValue } from './entities.js';
import { KvsError, badRequest, conditionFailed } from './errors.js';
import { MAX_BATCH_ITEMS, MAX_TRANSACTION_OPS, checkKey, checkValue, ttlMs } from './limits.js';
import { type KvsReply, NO_CONTENT, ok } from './reply.js';
import { type Body, KVS, type KvsStore, type Target, obj } from './store.js';

/** Bare-array batch: ≤ 25 items, empty or duplicate (key + entityName) → whole batch 400; else per-item results. */
export function batch(store: KvsStore, body: unknown, op: (t: Target, item: Body) => object): KvsReply {
  if (!Array.isArray(body) || body.length === 0)
    throw badRequest('BAD_REQUEST', 'A batch needs a non-empty array of items');
  if (body.length > MAX_BATCH_ITEMS)
    throw badRequest('BAD_REQUEST', `A batch takes at most ${MAX_BATCH_ITEMS} items`);
  const items = body.map(obj);
  const ids = new Set(items.map((i) => JSON.stringify([i.entityName ?? null, i.key])));
  if (ids.size !== items.length) throw badRequest('BAD_REQUEST', 'Duplicate key (key + entityName) in batch');
  const successfulKeys: object[] = [];
  const failedKeys: object[] = [];
  for (const item of items) {
    const id = { key: item.key, ...(item.entityName !== undefined && { entityName: item.entityName }) };
    try {
      const t = item.entityName === undefined ? { space: KVS } : store.entityTarget(item);
      const result = op(t, item);
      // batch/get answers the item (value + metadata); set/delete only the key.
      successfulKeys.push('value' in result ? { ...id, ...result } : id);
    } catch (e) {
      if (!(e instanceof KvsError)) throw e;
      failedKeys.push({ ...id, error: e.body });
    }
  }
  return ok({ successfulKeys, failedKeys });
}

/**
 * All-or-nothing transaction of ≤ 25 set/delete/check ops, each key once (FORGE-FACTS §4.3). Conditions apply
 * to entity items only and are evaluated on the current item (a missing item has no attributes, so
 * `NOT_EXISTS` holds); any failure cancels everything → 409 CONDITION_CHECK_FAILED (see errors.ts).
 */
export function transaction(store: KvsStore, b: Body): KvsReply {
  type Op = { kind: 'set' | 'delete' | 'check'; t: Target; key: string; item: Body; conditions?: Filters };
  const ops: Op[] = [];
  for (const kind of ['set', 'delete', 'check'] as const) {
    const list = b[kind] ?? [];
    if (!Array.isArray(list)) throw badRequest('BAD_REQUEST', `${kind} must be an array`);
    for (const raw of list) {
      const item = obj(raw);
      if (kind === 'check' && (item.entityName === undefined || item.conditions === undefined))
        throw badRequest('BAD_REQUEST', 'A check needs entityName and conditions');
      const t: Target = item.entityName === undefined ? { space: KVS } : store.entityTarget(item);
      if (!t.entity && item.conditions !== undefined)
        throw badRequest('BAD_REQUEST', 'Conditions apply to entity items only');
      const conditions =
        t.entity && item.conditions !== undefined ? checkFilters(t.entity, item.conditions) : undefined;
      if (kind === 'set') {
        checkValue(item.value);
        if (t.entity) checkEntityValue(t.entity, item.value);
        ttlMs((item.options as { ttl?: unknown } | undefined)?.ttl);
      }
      ops.push({ kind, t, key: checkKey(item.key, !!t.entity), item, conditions });
    }
  }
  if (ops.length === 0) throw badRequest('BAD_REQUEST', 'A transaction needs at least one operation');
  if (ops.length > MAX_TRANSACTION_OPS)
    throw badRequest('BAD_REQUEST', `A transaction takes at most ${MAX_TRANSACTION_OPS} operations`);
  if (new Set(ops.map((o) => JSON.stringify([o.t.space, o.key]))).size !== ops.length)
    throw badRequest('BAD_REQUEST', 'Each key may appear only once in a transaction');
  store.atomically(() => {
    const failed = ops.filter((o) => {
      if (!o.conditions) return false;
      const row = store.read(o.t.space, o.key);
      return !testFilters(o.conditions, row ? (JSON.parse(row.value) as Body) : {});
    });
    if (failed.length > 0) throw conditionFailed(failed.map((o) => o.key));
    for (const o of ops) {
      if (o.kind === 'set') store.setItem(o.t, o.item);
      else if (o.kind === 'delete') store.remove(o.t, o.key);
    }
  });
  return NO_CONTENT;
}
