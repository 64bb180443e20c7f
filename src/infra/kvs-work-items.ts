import { Filter, FilterConditions, kvs } from '@forge/kvs';
import type { WorkItemRef, WorkItemStore } from '../app/owner-work-items';
import { isConditionFailure } from './kvs-errors';
import { ENTITIES } from './storage-keys';

/** The `owner-work-item` entity; key `<accountId>:<code>`. */
interface WorkItemEntity {
  accountId: string;
  code: string;
  status: string;
  version: number;
  record: WorkItemRef;
}

const keyOf = (accountId: string, code: string) => `${accountId}:${code}`;

export const kvsWorkItems: WorkItemStore = {
  async get(accountId, code) {
    const found = await kvs.entity<WorkItemEntity>(ENTITIES.workItem).get(keyOf(accountId, code));
    return found?.record;
  },

  async listActive() {
    const out: WorkItemRef[] = [];
    for (const status of ['creating', 'open']) {
      let cursor: string | undefined;
      do {
        let q = kvs
          .entity<WorkItemEntity>(ENTITIES.workItem)
          .query()
          .index('by-status', { partition: [status] })
          .limit(100);
        if (cursor) q = q.cursor(cursor);
        const page = await q.getMany();
        out.push(...page.results.map((r) => r.value.record));
        cursor = page.nextCursor;
      } while (cursor);
    }
    return out;
  },

  async put(next, expectedVersion) {
    const conditions =
      expectedVersion === undefined
        ? new Filter<WorkItemEntity>().and('version', FilterConditions.notExists())
        : new Filter<WorkItemEntity>().and('version', FilterConditions.equalTo(expectedVersion));
    try {
      await kvs
        .transact()
        .set<WorkItemEntity>(
          keyOf(next.accountId, next.code),
          {
            accountId: next.accountId,
            code: next.code,
            status: next.status,
            version: next.version,
            record: next,
          },
          { entityName: ENTITIES.workItem, conditions },
        )
        .execute();
      return true;
    } catch (e) {
      if (isConditionFailure(e)) return false;
      throw e;
    }
  },
};
