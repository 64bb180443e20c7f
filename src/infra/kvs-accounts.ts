import { Filter, Sort, WhereConditions, kvs } from '@forge/kvs';
import type { FindingDto } from '../contract/accounts';
import type {
  AccountListPlan,
  AccountStore,
  Condition,
  DismissalRecord,
  QueryField,
  RegistryOverview,
  StoredSettings,
} from '../app/ports';
import { nameKey } from '../domain/names';
import { type AccountRecord, earliestCredentialExpiry, reviewDueOn, riskOf } from '../domain/account';
import { type RegistryCounters, emptyCounters } from '../domain/counters';
import { epochDay } from '../domain/dates';
import { ACCOUNT_INDEXES, ENTITIES, STORAGE_KEYS } from './storage-keys';
import { parseStoredSettings } from './kvs-settings';

/** The `integration-account` entity: indexed attributes beside the whole record. */
export interface AccountEntity {
  accountId: string;
  status: string;
  nameKey: string;
  ownerId: string;
  backupOwnerId?: string;
  reviewDueDay: number;
  credentialExpiryDay?: number;
  risk: number;
  version: number;
  updatedAt: number;
  record: AccountRecord;
}

export function toEntity(r: AccountRecord): AccountEntity {
  const expiry = earliestCredentialExpiry(r.integrations);
  return {
    accountId: r.accountId,
    status: r.status,
    nameKey: nameKey(r.displayName) || r.accountId,
    ownerId: r.ownerId,
    ...(r.backupOwnerId ? { backupOwnerId: r.backupOwnerId } : {}),
    reviewDueDay: epochDay(reviewDueOn(r)),
    ...(expiry ? { credentialExpiryDay: epochDay(expiry) } : {}),
    risk: riskOf(r).score,
    version: r.version,
    updatedAt: Date.parse(r.updatedAt),
    record: r,
  };
}

/** batchGet takes ≤ 25 items (FORGE-FACTS §4.3). */
const BATCH = 25;

type Item = { key: string; entityName?: string };

/** Reads items in batches of 25; a missing item (KEY_NOT_FOUND) is simply absent from the answer. */
export async function batchRead(items: readonly Item[]): Promise<Map<string, unknown>> {
  const out = new Map<string, unknown>();
  const unique = [...new Map(items.map((i) => [`${i.entityName ?? ''}\u0000${i.key}`, i])).values()];
  for (let i = 0; i < unique.length; i += BATCH) {
    const chunk = unique.slice(i, i + BATCH);
    const result = await kvs.batchGet<unknown>(chunk);
    for (const ok of result.successfulKeys) out.set(`${ok.entityName ?? ''}\u0000${ok.key}`, ok.value);
    const failed = result.failedKeys.find((f) => f.error.code !== 'KEY_NOT_FOUND');
    if (failed) throw new Error(`Storage could not read ${failed.key}: ${failed.error.code}`);
  }
  return out;
}
export const itemId = (key: string, entityName?: string) => `${entityName ?? ''}\u0000${key}`;

function where(c: Condition) {
  switch (c.op) {
    case 'beginsWith':
      return WhereConditions.beginsWith(c.value);
    case 'lt':
      return WhereConditions.lessThan(c.value);
    case 'lte':
      return WhereConditions.lessThanEqualTo(c.value);
    case 'gte':
      return WhereConditions.greaterThanEqualTo(c.value);
    case 'between':
      return WhereConditions.between(c.value[0], c.value[1]);
    case 'eq':
      return WhereConditions.equalTo(c.value);
  }
}

function filterOf(filters: { field: QueryField; condition: Condition }[]) {
  let f: ReturnType<Filter<AccountEntity>['and']> | undefined;
  for (const { field, condition } of filters) {
    f = f ? f.and(field, where(condition)) : new Filter<AccountEntity>().and(field, where(condition));
  }
  return f;
}

const countersOf = (raw: unknown): RegistryCounters =>
  raw && typeof raw === 'object'
    ? { ...emptyCounters(), ...(raw as Partial<RegistryCounters>) }
    : emptyCounters();

export const kvsAccounts: AccountStore = {
  async get(accountId) {
    return (await kvs.entity<AccountEntity>(ENTITIES.account).get(accountId))?.record;
  },

  async getMany(accountIds) {
    const found = await batchRead(accountIds.map((key) => ({ key, entityName: ENTITIES.account })));
    const out = new Map<string, AccountRecord>();
    for (const id of accountIds) {
      const e = found.get(itemId(id, ENTITIES.account)) as AccountEntity | undefined;
      if (e) out.set(id, e.record);
    }
    return out;
  },

  async list(plan: AccountListPlan) {
    const partition =
      plan.index === 'owner' || plan.index === 'backupOwner'
        ? [plan.personId ?? '', plan.status]
        : [plan.status];
    let q = kvs
      .entity<AccountEntity>(ENTITIES.account)
      .query()
      .index(ACCOUNT_INDEXES[plan.index], { partition })
      .sort(plan.direction === 'desc' ? Sort.DESC : Sort.ASC)
      .limit(Math.max(1, Math.min(100, plan.limit)));
    if (plan.range) q = q.where(where(plan.range));
    const filters = filterOf(plan.filters);
    if (filters) q = q.filters(filters);
    if (plan.cursor) q = q.cursor(plan.cursor);
    const page = await q.getMany();
    return {
      records: page.results.map((r) => r.value.record),
      ...(page.nextCursor ? { nextCursor: page.nextCursor } : {}),
    };
  },

  async scan(status, cursor, max) {
    const records: AccountRecord[] = [];
    let next = cursor;
    while (records.length < max) {
      let q = kvs
        .entity<AccountEntity>(ENTITIES.account)
        .query()
        .index(ACCOUNT_INDEXES.name, { partition: [status] })
        .limit(Math.min(100, max - records.length));
      if (next) q = q.cursor(next);
      const page = await q.getMany();
      records.push(...page.results.map((r) => r.value.record));
      next = page.nextCursor;
      if (!next) break;
    }
    return { records, ...(next ? { nextCursor: next } : {}) };
  },

  async countOwnedBy(personId, atMost) {
    const count = async (index: string) =>
      (
        await kvs
          .entity<AccountEntity>(ENTITIES.account)
          .query()
          .index(index, { partition: [personId, 'active'] })
          .limit(Math.max(1, Math.min(100, atMost)))
          .getMany()
      ).results.length;
    const [owned, backed] = await Promise.all([
      count(ACCOUNT_INDEXES.owner),
      count(ACCOUNT_INDEXES.backupOwner),
    ]);
    return owned + backed;
  },

  /** Settings and counters in ONE storage request. */
  async overview(): Promise<RegistryOverview> {
    const found = await batchRead([{ key: STORAGE_KEYS.settings }, { key: STORAGE_KEYS.counters }]);
    const settings: StoredSettings = parseStoredSettings(found.get(itemId(STORAGE_KEYS.settings)));
    return { settings, counters: countersOf(found.get(itemId(STORAGE_KEYS.counters))) };
  },

  async listDismissed(cursor, limit) {
    let q = kvs
      .query()
      .where('key', WhereConditions.beginsWith(STORAGE_KEYS.dismissedPrefix))
      .limit(Math.max(1, Math.min(100, limit)));
    if (cursor) q = q.cursor(cursor);
    const page = await q.getMany<DismissalRecord>();
    return {
      items: page.results.map((r) => r.value),
      ...(page.nextCursor ? { nextCursor: page.nextCursor } : {}),
    };
  },

  async dismissedAmong(accountIds) {
    const found = await batchRead(accountIds.map((id) => ({ key: `${STORAGE_KEYS.dismissedPrefix}${id}` })));
    return new Set(accountIds.filter((id) => found.has(itemId(`${STORAGE_KEYS.dismissedPrefix}${id}`))));
  },

  async findings(accountId): Promise<FindingDto[]> {
    const page = await kvs
      .entity<{ record?: FindingDto; code?: string; status?: string; severity?: number; openedAt?: number }>(
        ENTITIES.finding,
      )
      .query()
      .index('by-account', { partition: [accountId] })
      .limit(100)
      .getMany();
    return page.results.map(
      ({ value }) =>
        value.record ?? {
          code: value.code ?? 'UNKNOWN',
          status: value.status ?? 'open',
          severity: value.severity ?? 0,
          openedAt: new Date(value.openedAt ?? 0).toISOString(),
        },
    );
  },
};

export { countersOf };
