import { Filter, FilterConditions, Sort, WhereConditions, kvs } from '@forge/kvs';
import type { AuditList, AuditRecordDto } from '../contract/audit';
import type { AccountRecord } from '../domain/account';
import { invalid } from '../app/errors';
import { type AuditLog, type Change, type RefusalWindow, StaleWriteError } from '../app/ports';
import { GENESIS_HASH, seal } from '../domain/audit-chain';
import { applyChange } from '../domain/counters';
import { type AccountEntity, batchRead, countersOf, itemId, toEntity } from './kvs-accounts';
import { parseStoredSettings } from './kvs-settings';
import { isConditionFailure } from './kvs-errors';
import {
  ACCOUNT_INDEXES,
  AUDIT_HEAD_KEY,
  AUDIT_INDEXES,
  ENTITIES,
  STORAGE_KEYS,
  auditKey,
} from './storage-keys';

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
 * The people a change names whose roles must be checked against what is stored at commit time: the
 * owner and backup when they change (or the account becomes active), and the account itself when it
 * becomes active (it must own and back up nothing). Every registry write is one transaction conditional
 * on the audit head, so these reads — made after the head was read — see every change committed before,
 * and a change committed in between fails the head condition and makes this attempt run again.
 */
function ownerRuleChecks(change: Change): { people: string[]; tagging: boolean } | undefined {
  const a = change.account;
  if (!a || a.after.status !== 'active') return undefined;
  const { before, after } = a;
  const tagging = !before || before.status !== 'active';
  const peopleChanged =
    tagging || before.ownerId !== after.ownerId || before.backupOwnerId !== after.backupOwnerId;
  if (!peopleChanged) return undefined;
  const people = [after.ownerId, ...(after.backupOwnerId ? [after.backupOwnerId] : [])].filter(
    (id) => id !== after.accountId,
  );
  return { people, tagging };
}

async function holdsRoles(accountId: string): Promise<boolean> {
  const one = (index: string) =>
    kvs
      .entity<AccountEntity>(ENTITIES.account)
      .query()
      .index(index, { partition: [accountId, 'active'] })
      .limit(1)
      .getMany();
  const [owned, backed] = await Promise.all([one(ACCOUNT_INDEXES.owner), one(ACCOUNT_INDEXES.backupOwner)]);
  return owned.results.length + backed.results.length > 0;
}

/** The owner rules, checked against storage as of this attempt; BAD_REQUEST when a race broke them. */
async function checkOwnerRules(
  change: Change,
  found: Map<string, unknown>,
  rules: { people: string[]; tagging: boolean },
): Promise<void> {
  const after = (change.account as { after: AccountRecord }).after;
  for (const id of rules.people) {
    const stored = found.get(itemId(id, ENTITIES.account)) as AccountEntity | undefined;
    if (stored?.status === 'active') {
      const field = id === after.ownerId ? 'ownerId' : 'backupOwnerId';
      const role = field === 'ownerId' ? 'owner' : 'backup owner';
      throw invalid(
        {
          [field]: `${stored.record.displayName} was just tagged as an integration account and cannot be its ${role}.`,
        },
        'Someone changed the registry a moment ago: an integration account cannot own or back up another.',
      );
    }
  }
  if (rules.tagging && (await holdsRoles(after.accountId)))
    throw invalid(
      {
        accountId: `${after.displayName} was just named owner or backup owner of an integration account; hand that over before tagging it.`,
      },
      'Someone changed the registry a moment ago: an integration account cannot own or back up another.',
    );
}

/** The `refusal-window` entity. */
interface RefusalWindowEntity {
  window: string;
  count: number;
  firstSeq?: number;
}

const sameWindow = (a: RefusalWindow | undefined, b: RefusalWindowEntity | undefined) =>
  (a === undefined && b === undefined) || (!!a && !!b && a.window === b.window && a.count === b.count);

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
    ...(change.refusalWindow ? [{ key: change.refusalWindow.key, entityName: ENTITIES.refusalWindow }] : []),
  ];
  const rules = ownerRuleChecks(change);
  for (const id of rules?.people ?? []) reads.push({ key: id, entityName: ENTITIES.account });
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
  if (change.refusalWindow) {
    const stored = found.get(itemId(change.refusalWindow.key, ENTITIES.refusalWindow)) as
      RefusalWindowEntity | undefined;
    if (!sameWindow(change.refusalWindow.expected, stored)) throw new StaleWriteError('refusal');
  }
  if (rules) await checkOwnerRules(change, found, rules);

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
  if (change.refusalWindow) {
    const { key, expected, next } = change.refusalWindow;
    tx.set<RefusalWindowEntity>(
      key,
      { window: next.window, count: next.count, firstSeq: seq },
      {
        entityName: ENTITIES.refusalWindow,
        conditions: expected
          ? new Filter<RefusalWindowEntity>()
              .and('window', FilterConditions.equalTo(expected.window))
              .and('count', FilterConditions.equalTo(expected.count))
          : new Filter<RefusalWindowEntity>().and('window', FilterConditions.notExists()),
      },
    );
  }
  if (change.dismiss) {
    const { accountId, ...value } = change.dismiss;
    tx.set(`${STORAGE_KEYS.dismissedPrefix}${accountId}`, { accountId, ...value });
  }
  if (change.restore) tx.delete(`${STORAGE_KEYS.dismissedPrefix}${change.restore.accountId}`);
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

  async countRefusal(key, window) {
    const store = kvs.entity<RefusalWindowEntity>(ENTITIES.refusalWindow);
    for (let i = 1; ; i++) {
      const current = await store.get(key);
      if (!current || current.window !== window)
        return { counted: false, ...(current ? { current: { ...current } } : {}) };
      try {
        await kvs
          .transact()
          .set<RefusalWindowEntity>(
            key,
            { ...current, count: current.count + 1 },
            {
              entityName: ENTITIES.refusalWindow,
              conditions: new Filter<RefusalWindowEntity>()
                .and('window', FilterConditions.equalTo(window))
                .and('count', FilterConditions.equalTo(current.count)),
            },
          )
          .execute();
        return { counted: true };
      } catch (e) {
        if (!isConditionFailure(e)) throw e;
        // Several refusals of one kind at once: a lost race counts again, a few times at most.
        if (i >= MAX_ATTEMPTS * 2) return { counted: true };
        await pause(Math.floor(Math.random() * 10 * i));
      }
    }
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
