/**
 * The accounts list's view (search, filters, sort) as the query string of its app path, so the
 * browser's back and forward buttons restore it and a copied link reopens the same view:
 * `/accounts?q=ops&attention=nobackup&sort=risk`. Unknown or malformed values fall back to the default.
 */
import type { AccountStatus, ListAccountsInput, ListSort, RiskLevel } from '@contract/accounts';

// The contract's value lists would bring zod into the page's first bundle; `satisfies` keeps these in step.
const ACCOUNT_STATUSES = ['active', 'retired'] as const satisfies readonly AccountStatus[];
const LIST_SORTS = [
  'name',
  'reviewDue',
  'risk',
  'credentialExpiry',
  'updated',
] as const satisfies readonly ListSort[];
const RISK_LEVELS = ['low', 'medium', 'high'] as const satisfies readonly RiskLevel[];

export const ATTENTIONS = ['any', 'review', 'expiring', 'expired', 'nobackup'] as const;
export type Attention = (typeof ATTENTIONS)[number];

export interface ListView {
  search: string;
  status: AccountStatus;
  /** The owner filter; the name is only the picker's label (the id is what filters). */
  owner: { accountId: string; displayName: string } | null;
  attention: Attention;
  risk: RiskLevel | 'any';
  sort: ListSort;
}

export const DEFAULT_VIEW: ListView = {
  search: '',
  status: 'active',
  owner: null,
  attention: 'any',
  risk: 'any',
  sort: 'name',
};

/** Sorts that mean something for retired accounts (no review, no risk, no expiry to watch). */
export const RETIRED_SORTS: readonly ListSort[] = ['name', 'updated'];

const oneOf = <T extends string>(values: readonly T[], v: string | null, fallback: T): T =>
  v !== null && (values as readonly string[]).includes(v) ? (v as T) : fallback;

export function parseView(search: string): ListView {
  const p = new URLSearchParams(search);
  const status = oneOf(ACCOUNT_STATUSES, p.get('status'), DEFAULT_VIEW.status);
  const ownerId = p.get('owner');
  const sort = oneOf(LIST_SORTS, p.get('sort'), DEFAULT_VIEW.sort);
  return {
    search: (p.get('q') ?? '').slice(0, 100),
    status,
    owner: ownerId ? { accountId: ownerId, displayName: p.get('ownerName') ?? 'Selected owner' } : null,
    // Review, credential and backup filters watch tagged accounts only.
    attention: status === 'retired' ? 'any' : oneOf(ATTENTIONS, p.get('attention'), 'any'),
    risk: status === 'retired' ? 'any' : oneOf([...RISK_LEVELS, 'any'] as const, p.get('risk'), 'any'),
    sort: status === 'retired' && !RETIRED_SORTS.includes(sort) ? 'name' : sort,
  };
}

/** The query string of a view (`?…`, or '' for the default view); default values are left out. */
export function viewQuery(v: ListView): string {
  const p = new URLSearchParams();
  if (v.search.trim()) p.set('q', v.search.trim());
  if (v.status !== DEFAULT_VIEW.status) p.set('status', v.status);
  if (v.owner) {
    p.set('owner', v.owner.accountId);
    p.set('ownerName', v.owner.displayName);
  }
  if (v.attention !== 'any') p.set('attention', v.attention);
  if (v.risk !== 'any') p.set('risk', v.risk);
  if (v.sort !== DEFAULT_VIEW.sort) p.set('sort', v.sort);
  const s = p.toString();
  return s ? `?${s}` : '';
}

/** Is anything narrowing the list (beyond its status and sort)? */
export function isFiltered(v: ListView): boolean {
  return Boolean(v.search.trim()) || v.owner !== null || v.attention !== 'any' || v.risk !== 'any';
}

/** The resolver's input for a view. */
export function listInput(v: ListView, pageSize: number): ListAccountsInput {
  return {
    status: v.status,
    ...(v.search.trim() ? { search: v.search.trim() } : {}),
    ...(v.owner ? { ownerId: v.owner.accountId } : {}),
    ...(v.attention === 'review' ? { reviewOverdue: true as const } : {}),
    ...(v.attention === 'expiring' || v.attention === 'expired' ? { credential: v.attention } : {}),
    ...(v.attention === 'nobackup' ? { noBackupOwner: true as const } : {}),
    ...(v.risk !== 'any' ? { risk: v.risk } : {}),
    sort: v.sort,
    pageSize,
  };
}
