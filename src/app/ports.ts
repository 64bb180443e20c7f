import type { FindingDto } from '../contract/accounts';
import type { AuditPage, AuditList, AuditRecordDto } from '../contract/audit';
import type { RotatedWebhookSecret, WebhookSecretStatus } from '../contract/settings';
import type { AccountRecord } from '../domain/account';
import type { AuditEntry, StoredAuditRecord } from '../domain/audit-chain';
import type { RegistryCounters } from '../domain/counters';
import type { UserFacts } from '../domain/people';
import type { Settings } from '../domain/settings';

/** A Jira user as the app needs it, whatever the source. */
export type DirectoryUser = UserFacts;

/** The site's user directory, read as the app. */
export interface Directory {
  /** One page of every user of the site, active or not, in Jira's order. */
  listUsers(startAt: number, maxResults: number): Promise<DirectoryUser[]>;
  /** The users with these ids, in as few bulk calls as the URL limit allows (one for a page); unknown ids are absent. */
  lookup(accountIds: readonly string[]): Promise<Map<string, DirectoryUser>>;
  /** Active users whose name or email starts with `query`. */
  search(query: string, maxResults: number): Promise<DirectoryUser[]>;
}

/** What the invoking user may do, asked of Jira as that user. */
export interface CallerPermissions {
  isJiraAdmin(): Promise<boolean>;
}

export interface Clock {
  now(): Date;
}

export interface StoredSettings {
  settings: Settings;
  /** 0 until first saved. */
  version: number;
}

export interface SettingsStore {
  get(): Promise<Settings>;
  getStored(): Promise<StoredSettings>;
}

/** What the list header and the rules need, in one storage read. */
export interface RegistryOverview {
  settings: StoredSettings;
  counters: RegistryCounters;
}

export type AccountIndex =
  'name' | 'owner' | 'backupOwner' | 'reviewDue' | 'credentialExpiry' | 'risk' | 'updated';
export type QueryField =
  'nameKey' | 'reviewDueDay' | 'credentialExpiryDay' | 'risk' | 'ownerId' | 'backupOwnerId';
export type Condition =
  | { op: 'beginsWith'; value: string }
  | { op: 'lt' | 'lte' | 'gte'; value: number }
  | { op: 'between'; value: [number, number] }
  | { op: 'eq'; value: string };

/** A storage-neutral plan for one registry page: one index, an optional range on it, filters on the rest. */
export interface AccountListPlan {
  status: 'active' | 'retired';
  index: AccountIndex;
  /** The person for the owner / backup-owner indexes. */
  personId?: string;
  range?: Condition;
  filters: { field: QueryField; condition: Condition }[];
  direction: 'asc' | 'desc';
  limit: number;
  cursor?: string;
}

export interface AccountStore {
  get(accountId: string): Promise<AccountRecord | undefined>;
  getMany(accountIds: readonly string[]): Promise<Map<string, AccountRecord>>;
  /** One storage query (filters may leave a short page; `nextCursor` continues). */
  list(plan: AccountListPlan): Promise<{ records: AccountRecord[]; nextCursor?: string }>;
  /** Every record of a status, a chunk at a time, in name order. */
  scan(
    status: 'active' | 'retired',
    cursor: string | undefined,
    max: number,
  ): Promise<{ records: AccountRecord[]; nextCursor?: string }>;
  /** How many active accounts `personId` owns or backs up (stops counting at `atMost`). */
  countOwnedBy(personId: string, atMost: number): Promise<number>;
  overview(): Promise<RegistryOverview>;
  dismissedAmong(accountIds: readonly string[]): Promise<Set<string>>;
  /** Dismissed candidates, a page at a time in key order. */
  listDismissed(
    cursor: string | undefined,
    limit: number,
  ): Promise<{ items: DismissalRecord[]; nextCursor?: string }>;
  findings(accountId: string): Promise<FindingDto[]>;
}

/** An admin's dismissal of a candidate, as stored. */
export interface DismissalRecord {
  accountId: string;
  at: string;
  by: string;
  reason?: string;
}

/** A registry change, committed with its audit record in ONE transaction (all or nothing). */
export interface Change {
  entry: Omit<AuditEntry, 'seq'>;
  /** `before` absent: the record must not exist yet; present: its version must still be stored. */
  account?: { before?: AccountRecord; after: AccountRecord };
  settings?: { expectedVersion: number; next: StoredSettings };
  dismiss?: DismissalRecord;
  /** Puts a dismissed candidate back: its dismissal is deleted. */
  restore?: { accountId: string };
  /** More records written in the same transaction (the sweep's findings and notices); `null` deletes. */
  also?: ExtraWrite[];
  /** A refusal that opens a new minute of its kind: the window must still be `expected` when written. */
  refusalWindow?: { key: string; expected?: RefusalWindow; next: RefusalWindow };
}

/** The minute of one kind of refusal that is open now, and how many refusals it counted. */
export interface RefusalWindow {
  /** `YYYY-MM-DDTHH:MM` (UTC). */
  window: string;
  count: number;
  /** The audit record written for the first refusal of the window. */
  firstSeq?: number;
}

/** A record of another kind written with a change; the store maps `kind` to its entity. */
export interface ExtraWrite {
  kind: 'finding' | 'notice';
  key: string;
  value: Record<string, unknown> | null;
}

/** Thrown by `commit` when what the change was based on is no longer what is stored. */
export class StaleWriteError extends Error {
  constructor(readonly what: 'account' | 'settings' | 'refusal') {
    super(`The ${what} changed since it was read.`);
    this.name = 'StaleWriteError';
  }
}

export interface AuditLog {
  /** Appends `change.entry` (and writes the change) atomically; returns the sealed record. */
  commit(change: Change): Promise<AuditRecordDto>;
  list(query: AuditList): Promise<AuditPage>;
  head(): Promise<{ seq: number; hash: string }>;
  /** Records in sequence order from `fromSeq`, with the sequence number each storage key names. */
  readFrom(fromSeq: number, max: number): Promise<StoredAuditRecord[]>;
  /**
   * Counts one more refusal of a kind in `window` when that window is the one open for the kind; otherwise
   * answers the window open now (if any) so the caller can close it and open a new one with `commit`.
   */
  countRefusal(
    key: string,
    window: string,
  ): Promise<{ counted: true } | { counted: false; current?: RefusalWindow }>;
}

export interface WebhookSecretStore {
  status(): Promise<WebhookSecretStatus>;
  /** Generates, stores and returns a new secret (the only time it is returned). */
  rotate(now: Date): Promise<RotatedWebhookSecret>;
}
