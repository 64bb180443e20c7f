import type { AccountsPage, ListAccounts, ListSort } from '../contract/accounts';
import { type AccountRecord, riskBounds } from '../domain/account';
import { summarize } from '../domain/counters';
import { epochDay, utcDate } from '../domain/dates';
import { maxWarningDays } from '../domain/settings';
import { nameKey } from '../domain/names';
import { toRow } from './account-views';
import type { RegistryDeps } from './context';
import type { AccountIndex, AccountListPlan, Condition, QueryField } from './ports';

/**
 * Records one storage query reads when some of them may be dropped (an index filter, a search, "no
 * backup owner"): the largest entity-query page Forge allows (FORGE-FACTS §4.3, 1–100).
 */
export const SCAN_PAGE = 100;
/**
 * Most storage queries one list call makes. Bounds what a search costs per call: at most
 * MAX_QUERIES × SCAN_PAGE = 1,000 records read; a search that has not filled its page by then answers
 * what it found with a cursor that continues where it stopped.
 */
export const MAX_QUERIES = 10;

const SORT_OF_INDEX: Record<AccountIndex, ListSort> = {
  name: 'name',
  owner: 'name',
  backupOwner: 'name',
  reviewDue: 'reviewDue',
  credentialExpiry: 'credentialExpiry',
  risk: 'risk',
  updated: 'updated',
};
const INDEX_OF_SORT: Record<ListSort, AccountIndex> = {
  name: 'name',
  reviewDue: 'reviewDue',
  credentialExpiry: 'credentialExpiry',
  risk: 'risk',
  updated: 'updated',
};

/** The words of a search, normalised as names are (`"  Jén  CI "` → `["jen", "ci"]`). */
export function searchTerms(search: string | undefined): string[] {
  return search ? nameKey(search).split(/\s+/).filter(Boolean) : [];
}

/**
 * Does the account match every word of a search, each anywhere in its name, its email, or its owner's
 * or backup owner's name (as recorded on the account)?
 */
export function matchesSearch(r: AccountRecord, terms: readonly string[]): boolean {
  if (terms.length === 0) return true;
  const haystack = [r.displayName, r.emailAddress ?? '', r.ownerName, r.backupOwnerName ?? '']
    .map(nameKey)
    .join('\n');
  return terms.every((t) => haystack.includes(t));
}

/** What the storage indexes cannot answer, checked on each record the query returns. */
export function listPredicate(input: ListAccounts): ((r: AccountRecord) => boolean) | undefined {
  const terms = searchTerms(input.search);
  const noBackup = input.noBackupOwner === true;
  if (terms.length === 0 && !noBackup) return undefined;
  return (r) => (!noBackup || !r.backupOwnerId) && matchesSearch(r, terms);
}

/**
 * Picks the index that answers the most selective filter (a person, then review overdue, credential,
 * risk), puts that filter in the index's range and the others in filters; without filters, the sort
 * picks the index. A search and "no backup owner" are not index-backed: `listPredicate` checks them.
 */
export function planAccountList(input: ListAccounts, today: string, windowDays: number): AccountListPlan {
  const day = epochDay(today);
  const conditions: { field: QueryField; condition: Condition; index: AccountIndex }[] = [];
  if (input.ownerId)
    conditions.push({ field: 'ownerId', condition: { op: 'eq', value: input.ownerId }, index: 'owner' });
  if (input.backupOwnerId)
    conditions.push({
      field: 'backupOwnerId',
      condition: { op: 'eq', value: input.backupOwnerId },
      index: 'backupOwner',
    });
  if (input.reviewOverdue)
    conditions.push({ field: 'reviewDueDay', condition: { op: 'lt', value: day }, index: 'reviewDue' });
  if (input.credential === 'expired')
    conditions.push({
      field: 'credentialExpiryDay',
      condition: { op: 'lt', value: day },
      index: 'credentialExpiry',
    });
  if (input.credential === 'expiring')
    conditions.push({
      field: 'credentialExpiryDay',
      condition: { op: 'between', value: [day, day + windowDays] },
      index: 'credentialExpiry',
    });
  if (input.risk)
    conditions.push({
      field: 'risk',
      condition: { op: 'between', value: riskBounds(input.risk) },
      index: 'risk',
    });

  const primary = conditions[0];
  const index: AccountIndex = primary?.index ?? INDEX_OF_SORT[input.sort];
  const filters: AccountListPlan['filters'] = [];
  let range: Condition | undefined;
  let personId: string | undefined;
  if (primary && (primary.index === 'owner' || primary.index === 'backupOwner')) {
    personId = primary.condition.value as string;
  } else if (primary) {
    range = primary.condition;
  }
  for (const c of conditions.slice(1)) filters.push({ field: c.field, condition: c.condition });
  const sortedBy = SORT_OF_INDEX[index];
  const defaultDirection = sortedBy === 'risk' || sortedBy === 'updated' ? 'desc' : 'asc';
  const direction = sortedBy === input.sort ? (input.direction ?? defaultDirection) : defaultDirection;
  return {
    status: input.status,
    index,
    ...(personId ? { personId } : {}),
    ...(range ? { range } : {}),
    filters,
    direction,
    limit: input.pageSize,
    ...(input.cursor ? { cursor: input.cursor } : {}),
  };
}

/**
 * Where a list call stopped: a storage cursor and how many records of the page it starts to skip
 * (a page of SCAN_PAGE records can hold more matches than the list page has room for).
 */
export interface ListPosition {
  cursor?: string;
  skip: number;
}

const POSITION = /^~p(\d{1,3})~([\s\S]*)$/;

/** The client's cursor (sealed by the entry layer, so only ever one this code wrote). */
export function encodePosition(p: ListPosition): string | undefined {
  if (p.skip === 0) return p.cursor;
  return `~p${p.skip}~${p.cursor ?? ''}`;
}

export function decodePosition(cursor: string | undefined): ListPosition {
  const m = cursor ? POSITION.exec(cursor) : null;
  if (!m) return { ...(cursor ? { cursor } : {}), skip: 0 };
  return { ...(m[2] ? { cursor: m[2] } : {}), skip: Number(m[1]) };
}

/**
 * One registry page and the header counts: one settings+counters read and, without filters, one query.
 * With filters the storage pages are read SCAN_PAGE records at a time, at most MAX_QUERIES of them.
 */
export async function listAccounts(input: ListAccounts, deps: RegistryDeps): Promise<AccountsPage> {
  const today = utcDate(deps.clock.now());
  const overview = await deps.accounts.overview();
  const windowDays = maxWarningDays(overview.settings.settings);
  const { cursor: clientCursor, ...plan } = planAccountList(input, today, windowDays);
  const predicate = listPredicate(input);
  // Without anything that drops records, a query returns exactly what the page needs.
  const thinned = predicate !== undefined || plan.filters.length > 0;
  const records: AccountRecord[] = [];
  let at: ListPosition | undefined = decodePosition(clientCursor);
  let examined = 0;
  for (let i = 0; i < MAX_QUERIES && at && records.length < plan.limit; i++) {
    const { cursor, skip } = at;
    const page = await deps.accounts.list({
      ...plan,
      limit: thinned ? SCAN_PAGE : plan.limit - records.length,
      ...(cursor ? { cursor } : {}),
    });
    at = page.nextCursor ? { cursor: page.nextCursor, skip: 0 } : undefined;
    for (let n = skip; n < page.records.length; n++) {
      const record = page.records[n] as AccountRecord;
      examined++;
      if (predicate && !predicate(record)) continue;
      records.push(record);
      if (records.length === plan.limit) {
        if (n + 1 < page.records.length) at = { ...(cursor ? { cursor } : {}), skip: n + 1 };
        break;
      }
    }
  }
  const next = at ? encodePosition(at) : undefined;
  return {
    rows: records.map((r) => toRow(r, today, windowDays)),
    counts: summarize(overview.counters, today, windowDays),
    sortedBy: { sort: SORT_OF_INDEX[plan.index], direction: plan.direction },
    ...(predicate ? { examined } : {}),
    ...(next ? { nextCursor: next } : {}),
  };
}
