import type { AccountsPage, ListAccounts, ListSort } from '../contract/accounts';
import { riskBounds } from '../domain/account';
import { summarize } from '../domain/counters';
import { epochDay, utcDate } from '../domain/dates';
import { maxWarningDays } from '../domain/settings';
import { toRow } from './account-views';
import type { RegistryDeps } from './context';
import type { AccountIndex, AccountListPlan, Condition, QueryField } from './ports';

/** Most storage queries one list call makes to fill a page that filters thin out. */
const MAX_QUERIES = 4;

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

/** Normalised name for the name indexes: lower-case, accents removed, ≤ 200 chars (range values ≤ 900 B). */
export function nameKey(displayName: string): string {
  return displayName
    .normalize('NFKD')
    .replace(/[\u0300-\u036f]/g, '')
    .toLowerCase()
    .trim()
    .slice(0, 200);
}

/**
 * Picks the index that answers the most selective filter (a person, then review overdue, credential,
 * risk), puts that filter in the index's range and the others in filters; without filters, the sort
 * picks the index.
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

  const search = input.search ? nameKey(input.search) : undefined;
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
  if (search) {
    if (index === 'name' || index === 'owner' || index === 'backupOwner')
      range = { op: 'beginsWith', value: search };
    else filters.push({ field: 'nameKey', condition: { op: 'beginsWith', value: search } });
  }
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

/** One registry page and the header counts: one settings+counters read and, without filters, one query. */
export async function listAccounts(input: ListAccounts, deps: RegistryDeps): Promise<AccountsPage> {
  const today = utcDate(deps.clock.now());
  const overview = await deps.accounts.overview();
  const windowDays = maxWarningDays(overview.settings.settings);
  const plan = planAccountList(input, today, windowDays);
  const records = [];
  let cursor = plan.cursor;
  for (let i = 0; i < MAX_QUERIES; i++) {
    const page = await deps.accounts.list({
      ...plan,
      limit: plan.limit - records.length,
      ...(cursor ? { cursor } : {}),
    });
    records.push(...page.records);
    cursor = page.nextCursor;
    if (!cursor || records.length >= plan.limit) break;
  }
  return {
    rows: records.map((r) => toRow(r, today, windowDays)),
    counts: summarize(overview.counters, today, windowDays),
    sortedBy: { sort: SORT_OF_INDEX[plan.index], direction: plan.direction },
    ...(cursor ? { nextCursor: cursor } : {}),
  };
}
