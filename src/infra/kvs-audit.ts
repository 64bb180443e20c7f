import { Filter, FilterConditions, Sort, WhereConditions, kvs } from '@forge/kvs';
import type { AuditList, AuditRecordDto } from '../contract/audit';
import { type AuditLog, type Change, StaleWriteError } from '../app/ports';
import { GENESIS_HASH, seal } from '../domain/audit-chain';
import { applyChange } from '../domain/counters';
import { type AccountEntity, batchRead, countersOf, itemId, toEntity } from './kvs-accounts';
import { parseStoredSettings } from './kvs-settings';
import { isConditionFailure } from './kvs-errors';
import { AUDIT_HEAD_KEY, AUDIT_INDEXES, ENTITIES, STORAGE_KEYS, auditKey } from './storage-keys';

/** The `audit-record` entity: indexed attributes beside the sealed record. */
export interface AuditEntity {
  seq: number;
  ts: number;
  actorId?: string;
  action: string;
  targetId?: string;
  outcome: string;
  hash: string;
  record: AuditRecordDto;
}

export interface AuditHeadEntity {
  seq: number;
  hash: string;
}

/** Appends are serialised by a condition on the head; a lost race re-reads and retries. */
const MAX_ATTEMPTS = 8;

const pause = (ms: number) => new Promise((resolve) => setTimeout(resolve, ms));

function toAuditEntity(r: AuditRecordDto): AuditEntity {
  return {
    seq: r.seq,
    ts: Date.parse(r.at),
    ...(r.actor.accountId ? { actorId: r.actor.accountId } : {}),
    action: r.action,
    ...(r.target.id ? { targetId: r.target.id } : {}),
    outcome: r.outcome,
    hash: r.hash,
    record: r,
  };
}

/**
 * One attempt: read the head, the counters and the current record/settings (one batchGet), then ONE
 * transaction that writes the audit record (NOT_EXISTS: write-once), moves the head (conditional on the
 * head read), writes the account (conditional on its version, or NOT_EXISTS when new), the counters,
 * settings or dismissal. Any failed condition cancels everything.
 */
async function attempt(change: Change): Promise<AuditRecordDto | 'retry'> {
  const reads = [
    { key: AUDIT_HEAD_KEY, entityName: ENTITIES.auditHead },
    ...(change.account
      ? [
          { key: STORAGE_KEYS.counters },
          { key: change.account.after.accountId, entityName: ENTITIES.account },
        ]
      : []),
    ...(change.settings ? [{ key: STORAGE_KEYS.settings }] : []),
  ];
  const found = await batchRead(reads);
  const head = found.get(itemId(AUDIT_HEAD_KEY, ENTITIES.auditHead)) as AuditHeadEntity | undefined;

  if (change.account) {
    const stored = found.get(itemId(change.account.after.accountId, ENTITIES.account)) as
      AccountEntity | undefined;
    const expected = change.account.before?.version;
    if ((stored?.version ?? undefined) !== expected) throw new StaleWriteError('account');
  }
  if (change.settings) {
    const stored = parseStoredSettings(found.get(itemId(STORAGE_KEYS.settings)));
    if (stored.version !== change.settings.expectedVersion) throw new StaleWriteError('settings');
  }

  const seq = (head?.seq ?? 0) + 1;
  const record = seal({ seq, ...change.entry }, head?.hash ?? GENESIS_HASH);
  const tx = kvs.transact();
  tx.set<AuditEntity>(auditKey(seq), toAuditEntity(record), {
    entityName: ENTITIES.audit,
    conditions: new Filter<AuditEntity>().and('seq', FilterConditions.notExists()),
  });
  tx.set<AuditHeadEntity>(
    AUDIT_HEAD_KEY,
    { seq, hash: record.hash },
    {
      entityName: ENTITIES.auditHead,
      conditions: head
        ? new Filter<AuditHeadEntity>().and('seq', FilterConditions.equalTo(head.seq))
        : new Filter<AuditHeadEntity>().and('seq', FilterConditions.notExists()),
    },
  );
  if (change.account) {
    const { before, after } = change.account;
    tx.set<AccountEntity>(after.accountId, toEntity(after), {
      entityName: ENTITIES.account,
      conditions: before
        ? new Filter<AccountEntity>().and('version', FilterConditions.equalTo(before.version))
        : new Filter<AccountEntity>().and('version', FilterConditions.notExists()),
    });
    const counters = countersOf(found.get(itemId(STORAGE_KEYS.counters)));
    // Counters need no condition of their own: the head condition serialises every registry change.
    tx.set(STORAGE_KEYS.counters, applyChange(counters, before, after));
  }
  if (change.settings) tx.set(STORAGE_KEYS.settings, change.settings.next);
  for (const extra of change.also ?? []) {
    const entityName = extra.kind === 'finding' ? ENTITIES.finding : ENTITIES.notice;
    if (extra.value === null) tx.delete(extra.key, { entityName });
    else tx.set(extra.key, extra.value, { entityName });
  }
  if (change.dismiss) {
    const { accountId, ...value } = change.dismiss;
    tx.set(`${STORAGE_KEYS.dismissedPrefix}${accountId}`, { accountId, ...value });
  }
  try {
    await tx.execute();
    return record;
  } catch (e) {
    if (isConditionFailure(e)) return 'retry';
    throw e;
  }
}

function auditFilters(q: AuditList, skip: 'actorId' | 'targetId' | 'action' | 'outcome' | null) {
  const clauses: [
    keyof AuditEntity,
    ReturnType<typeof FilterConditions.equalTo> | ReturnType<typeof FilterConditions.between>,
  ][] = [];
  if (q.actorId && skip !== 'actorId') clauses.push(['actorId', FilterConditions.equalTo(q.actorId)]);
  if (q.targetId && skip !== 'targetId') clauses.push(['targetId', FilterConditions.equalTo(q.targetId)]);
  if (q.action && skip !== 'action') clauses.push(['action', FilterConditions.equalTo(q.action)]);
  if (q.outcome && skip !== 'outcome') clauses.push(['outcome', FilterConditions.equalTo(q.outcome)]);
  if (q.from || q.to) {
    const from = q.from ? Date.parse(`${q.from}T00:00:00.000Z`) : 0;
    const to = q.to ? Date.parse(`${q.to}T23:59:59.999Z`) : 8.64e15;
    clauses.push(['ts', FilterConditions.between(from, to)]);
  }
  let f: ReturnType<Filter<AuditEntity>['and']> | undefined;
  for (const [field, c] of clauses) f = f ? f.and(field, c) : new Filter<AuditEntity>().and(field, c);
  return f;
}

/** Queries per list call when filters thin pages out. */
const MAX_QUERIES = 4;

export const kvsAudit: AuditLog = {
  async commit(change) {
    for (let i = 1; ; i++) {
      const result = await attempt(change);
      if (result !== 'retry') return result;
      if (i >= MAX_ATTEMPTS) throw new Error('The audit trail is busy; try again.');
      await pause(Math.floor(Math.random() * 20 * i));
    }
  },

  async list(q) {
    const [index, partition, skip] = q.targetId
      ? [AUDIT_INDEXES.target, [q.targetId], 'targetId' as const]
      : q.actorId
        ? [AUDIT_INDEXES.actor, [q.actorId], 'actorId' as const]
        : q.action
          ? [AUDIT_INDEXES.action, [q.action], 'action' as const]
          : q.outcome
            ? [AUDIT_INDEXES.outcome, [q.outcome], 'outcome' as const]
            : [AUDIT_INDEXES.seq, [], null];
    const filters = auditFilters(q, skip);
    const records: AuditRecordDto[] = [];
    let cursor = q.cursor;
    for (let i = 0; i < MAX_QUERIES && records.length < q.pageSize; i++) {
      let query = kvs
        .entity<AuditEntity>(ENTITIES.audit)
        .query()
        .index(index, partition.length ? { partition } : undefined)
        .sort(Sort.DESC)
        .limit(q.pageSize - records.length);
      if (filters) query = query.filters(filters);
      if (cursor) query = query.cursor(cursor);
      const page = await query.getMany();
      records.push(...page.results.map((r) => r.value.record));
      cursor = page.nextCursor;
      if (!cursor) break;
    }
    return { records, ...(cursor ? { nextCursor: cursor } : {}) };
  },

  async head() {
    const head = await kvs.entity<AuditHeadEntity>(ENTITIES.auditHead).get(AUDIT_HEAD_KEY);
    return head ? { seq: head.seq, hash: head.hash } : { seq: 0, hash: GENESIS_HASH };
  },

  async readFrom(fromSeq, max) {
    const page = await kvs
      .entity<AuditEntity>(ENTITIES.audit)
      .query()
      .index('by-key')
      .where(WhereConditions.greaterThanEqualTo(auditKey(fromSeq)))
      .limit(Math.min(100, max))
      .getMany();
    return page.results.map((r) => ({ keySeq: Number(r.key), record: r.value.record }));
  },
};
