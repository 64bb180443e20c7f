import { getAppContext } from '@forge/api';
import { Filter, FilterConditions, Sort, WhereConditions, kvs } from '@forge/kvs';
import type { FindingDto } from '../contract/accounts';
import type { FindingRow } from '../contract/offboarding';
import type { NoticeDto, OwnerProposal } from '../contract/owner';
import type {
  FindingStore,
  Lease,
  NoticeStore,
  ProposalStore,
  ReplayGuard,
  SigningSecret,
  StoredSummary,
  SweepCheckpoint,
  SweepStateStore,
  TimeBudget,
} from '../app/oversight-ports';
import { batchRead, itemId } from './kvs-accounts';
import { isConditionFailure } from './kvs-errors';
import { environmentSecret } from './kvs-secret';
import { ENTITIES, SECRET_KEYS, STORAGE_KEYS } from './storage-keys';

/** The `sweep-state` entity: `lease` carries `holder`/`expiresAt` (conditions need attributes). */
interface SweepStateEntity {
  holder?: string;
  expiresAt?: number;
  record?: unknown;
}

const LEASE = 'lease';
const RUN = 'run';
const LAST = 'last';

export const kvsSweepState: SweepStateStore = {
  async read() {
    const found = await batchRead(
      [LEASE, RUN, LAST].map((key) => ({ key, entityName: ENTITIES.sweepState })),
    );
    const get = (key: string) => found.get(itemId(key, ENTITIES.sweepState)) as SweepStateEntity | undefined;
    const lease = get(LEASE);
    return {
      ...(lease?.holder && typeof lease.expiresAt === 'number'
        ? { lease: { holder: lease.holder, expiresAt: lease.expiresAt } }
        : {}),
      ...(get(RUN)?.record ? { run: get(RUN)?.record as SweepCheckpoint } : {}),
      ...(get(LAST)?.record ? { last: get(LAST)?.record as StoredSummary } : {}),
    };
  },

  async acquire(holder, nowMs, ttlMs, seen?: Lease) {
    // Free: create it (NOT_EXISTS). Expired: take it over only if it is still the one we saw.
    const conditions = seen
      ? new Filter<SweepStateEntity>()
          .and('holder', FilterConditions.equalTo(seen.holder))
          .and('expiresAt', FilterConditions.equalTo(seen.expiresAt))
      : new Filter<SweepStateEntity>().and('holder', FilterConditions.notExists());
    try {
      await kvs
        .transact()
        .set<SweepStateEntity>(
          LEASE,
          { holder, expiresAt: nowMs + ttlMs },
          { entityName: ENTITIES.sweepState, conditions },
        )
        .execute();
      return true;
    } catch (e) {
      if (isConditionFailure(e)) return false;
      throw e;
    }
  },

  async checkpoint(holder, run) {
    await kvs
      .transact()
      .set<SweepStateEntity>(RUN, { record: run }, { entityName: ENTITIES.sweepState })
      .delete<SweepStateEntity>(LEASE, {
        entityName: ENTITIES.sweepState,
        conditions: new Filter<SweepStateEntity>().and('holder', FilterConditions.equalTo(holder)),
      })
      .execute();
  },

  async release(holder) {
    try {
      await kvs
        .transact()
        .delete<SweepStateEntity>(LEASE, {
          entityName: ENTITIES.sweepState,
          conditions: new Filter<SweepStateEntity>().and('holder', FilterConditions.equalTo(holder)),
        })
        .execute();
    } catch (e) {
      if (!isConditionFailure(e)) throw e;
    }
  },

  async finish(summary, run) {
    const tx = kvs.transact();
    if (summary) tx.set<SweepStateEntity>(LAST, { record: summary }, { entityName: ENTITIES.sweepState });
    if (run) tx.delete(RUN, { entityName: ENTITIES.sweepState });
    tx.delete(LEASE, { entityName: ENTITIES.sweepState });
    await tx.execute();
  },
};

interface NoticeEntity {
  personId: string;
  accountId: string;
  code: string;
  createdAt: number;
  record: NoticeDto;
}

export const kvsNotices: NoticeStore = {
  async listFor(recipients) {
    const pages = await Promise.all(
      recipients.map((personId) =>
        kvs
          .entity<NoticeEntity>(ENTITIES.notice)
          .query()
          .index('by-person', { partition: [personId] })
          .sort(Sort.DESC)
          .limit(100)
          .getMany(),
      ),
    );
    return pages
      .flatMap((p) => p.results.map((r) => r.value.record))
      .sort((a, b) => (a.createdAt < b.createdAt ? 1 : a.createdAt > b.createdAt ? -1 : 0));
  },
  async flagShownOn(personId) {
    return kvs.get<string>(`${STORAGE_KEYS.noticeFlagPrefix}${personId}`);
  },
  async markFlagShown(personId, day) {
    await kvs.set(`${STORAGE_KEYS.noticeFlagPrefix}${personId}`, day, { ttl: { value: 2, unit: 'DAYS' } });
  },
};

const proposalKey = (to: string, accountId: string) => `${STORAGE_KEYS.proposalPrefix}${to}:${accountId}`;

async function proposalsWithPrefix(prefix: string): Promise<OwnerProposal[]> {
  const out: OwnerProposal[] = [];
  let cursor: string | undefined;
  do {
    let q = kvs.query().where('key', WhereConditions.beginsWith(prefix)).limit(100);
    if (cursor) q = q.cursor(cursor);
    const page = await q.getMany<OwnerProposal>();
    out.push(...page.results.map((r) => r.value));
    cursor = page.nextCursor;
  } while (cursor && out.length < 1000);
  return out;
}

const proposalByKey = (p: OwnerProposal) =>
  `${STORAGE_KEYS.proposalByPrefix}${p.proposedBy.accountId}:${p.accountId}:${p.proposedOwner.accountId}`;
const PROPOSAL_TTL = { ttl: { value: 30, unit: 'DAYS' } } as const;

export const kvsProposals: ProposalStore = {
  async get(to, accountId) {
    return kvs.get<OwnerProposal>(proposalKey(to, accountId));
  },
  forPerson: (to) => proposalsWithPrefix(`${STORAGE_KEYS.proposalPrefix}${to}:`),
  async byProposer(by) {
    const copies = await proposalsWithPrefix(`${STORAGE_KEYS.proposalByPrefix}${by}:`);
    // A copy counts while the proposal it copies is stored, unchanged (not replaced by a newer one).
    const stored = await Promise.all(
      copies.map((c) => kvsProposals.get(c.proposedOwner.accountId, c.accountId)),
    );
    return stored.filter(
      (p, i): p is OwnerProposal =>
        p !== undefined && p.proposedBy.accountId === by && p.proposedAt === copies[i]?.proposedAt,
    );
  },
  all: () => proposalsWithPrefix(STORAGE_KEYS.proposalPrefix),
  async put(p) {
    await kvs.set(proposalKey(p.proposedOwner.accountId, p.accountId), p, PROPOSAL_TTL);
    await kvs.set(proposalByKey(p), p, PROPOSAL_TTL);
  },
  async remove(to, accountId) {
    const stored = await kvs.get<OwnerProposal>(proposalKey(to, accountId));
    await kvs.delete(proposalKey(to, accountId));
    if (stored) await kvs.delete(proposalByKey(stored));
  },
};

interface FindingEntity {
  accountId: string;
  code: string;
  status: string;
  severity: number;
  openedAt: number;
  record: FindingDto & { details?: { accountName?: string; text?: string; date?: string } };
}

export const kvsFindings: FindingStore = {
  async open(code, pageSize, cursor) {
    let q = kvs
      .entity<FindingEntity>(ENTITIES.finding)
      .query()
      .index('by-status', { partition: ['open'] })
      .sort(Sort.DESC)
      .limit(pageSize);
    if (code) q = q.filters(new Filter<FindingEntity>().and('code', FilterConditions.equalTo(code)));
    if (cursor) q = q.cursor(cursor);
    const page = await q.getMany();
    const findings: FindingRow[] = page.results
      .map(({ value }) => ({
        ...value.record,
        accountId: value.accountId,
        accountName: value.record.details?.accountName ?? value.accountId,
        text: value.record.details?.text ?? value.code,
        ...(value.record.details?.date ? { date: value.record.details.date } : {}),
      }))
      .sort((a, b) => b.severity - a.severity);
    return { findings, ...(page.nextCursor ? { nextCursor: page.nextCursor } : {}) };
  },
};

export const kvsReplayGuard: ReplayGuard = {
  async claim(id, ttlSeconds) {
    try {
      await kvs.set(
        `${STORAGE_KEYS.webhookReplayPrefix}${id}`,
        { seenAt: new Date().toISOString() },
        {
          ttl: { value: ttlSeconds, unit: 'SECONDS' },
          keyPolicy: 'FAIL_IF_EXISTS',
        },
      );
      return true;
    } catch (e) {
      if (isConditionFailure(e)) return false;
      throw e;
    }
  },
};

export const signingSecret: SigningSecret = {
  async current() {
    const fromEnv = environmentSecret();
    if (fromEnv) return fromEnv;
    const stored = await kvs.getSecret<{ secret?: string }>(SECRET_KEYS.offboardingWebhook);
    return typeof stored?.secret === 'string' ? stored.secret : undefined;
  },
};

/** Forge's honest remaining time of this invocation (FORGE-FACTS §3, `lambdaContext`). */
export const forgeTime: TimeBudget = {
  remainingMs() {
    try {
      const ms = getAppContext().invocationRemainingTimeInMillis();
      return Number.isFinite(ms) ? ms : 900_000;
    } catch {
      return 25_000;
    }
  },
};
