/** Ports of the oversight use cases: the sweep and its findings, the offboarding check and webtrigger, owners. */
import type { SweepCounts, SweepSummary } from '../contract/offboarding';
import type { NoticeDto, OwnerProposal } from '../contract/owner';
import type { FindingRow } from '../contract/offboarding';
import type { RegistryDeps } from './context';
import type { ActivitySource, DormancyCursor } from './dormancy';
import type { WorkItemStore, WorkItemTracker } from './owner-work-items';
import type { QuotaReading } from '../domain/jira-points';
import type { DirectoryUser } from './ports';

/** Offboarding staff: Jira admins or members of the settings' groups. */
export interface StaffDirectory {
  /** Names of the groups `accountId` belongs to (asked as the app). */
  groupsOf(accountId: string): Promise<string[]>;
  /** The account id in a user-picker field of an issue, read AS THE CALLER (who must see the issue). */
  issueUserField(issueKey: string, fieldId: string): Promise<string | undefined>;
}

/** One Jira answer to a user-state request of the sweep. */
export type UserStatesAnswer =
  | { kind: 'ok'; users: DirectoryUser[] }
  /**
   * 429/503: wait at least `retryAfterSeconds` when given. `quotaSpent`: a 429 for the hourly points
   * quota (`RateLimit-Reason: jira-quota-*`), which only the next window cures — not worth waiting for.
   */
  | { kind: 'busy'; status: number; retryAfterSeconds?: number; quotaSpent?: boolean }
  /** 414/400 on a long URL: ask for fewer ids. */
  | { kind: 'too-long' }
  | { kind: 'error'; status: number };

export interface UserStateSource {
  /** `/user/bulk` for these ids (pages inside when Jira clamps `maxResults`). */
  bulk(ids: readonly string[]): Promise<UserStatesAnswer>;
  /** One page of `/users/search` (every user, active or not). */
  page(startAt: number, maxResults: number): Promise<UserStatesAnswer>;
  /** The largest URL Jira is assumed to accept, and how long a `/user/bulk` URL for these ids is. */
  urlLength(ids: readonly string[]): number;
  /** Jira requests made so far (every page and retry). */
  readonly calls: number;
  /** Points those requests cost, by the app's estimate (src/domain/jira-points.ts). */
  readonly points: number;
  /** The quota as Jira's latest answer stated it (`Beta-RateLimit-Policy` / `Beta-RateLimit`). */
  readonly quota: QuotaReading | undefined;
}

export interface Lease {
  holder: string;
  expiresAt: number;
}

/** The checkpoint of a partial sweep: what it already checked, so the next run resumes after it. */
export interface SweepCheckpoint {
  runId: string;
  startedAt: string;
  /** Sort key (`nameKey\u0000accountId`) of the last account checked. */
  after: string;
  totals: SweepTotals;
  /** The `/user/bulk` URL length Jira accepted so far (learnt from 414s), kept across runs. */
  urlBudget?: number;
  /** How far today's dormancy pass has come (one query per account per day). */
  dormancy?: DormancyCursor;
  /** Accounts in the cycle when it started, and whether a points budget ever stopped it (rolling). */
  accountsTotal?: number;
  rolling?: boolean;
  /** Why the last run of this cycle stopped early. */
  stoppedFor?: 'time' | 'points' | 'quota';
  /** When Jira said its spent quota resets (a `jira-quota-*` 429), ISO-8601. */
  quotaResetsAt?: string;
  hourly?: HourlyPoints;
  quota?: QuotaReading;
}

/** Points the sweep spent in one UTC hour (its share of the hourly quota is counted per hour). */
export interface HourlyPoints {
  hour: string;
  points: number;
}

/** The running totals of a sweep cycle (its user-state requests' estimated points in `points`). */
export type SweepTotals = SweepCounts;

export interface StoredSummary extends SweepSummary {
  hourly?: HourlyPoints;
  quota?: QuotaReading;
  /** Site size learnt from paging `/users/search` (to choose paging vs bulk next time). */
  siteUsers?: number;
  urlBudget?: number;
  openFindings: Record<string, number>;
  dormancy?: DormancyCursor;
}

export interface SweepState {
  lease?: Lease;
  run?: SweepCheckpoint;
  last?: StoredSummary;
}

export interface SweepStateStore {
  /** Lease, checkpoint and last summary in one read. */
  read(): Promise<SweepState>;
  /** Takes the lease when free or expired (conditional write): false when someone else holds it. */
  acquire(holder: string, nowMs: number, ttlMs: number, seen: Lease | undefined): Promise<boolean>;
  /** Stops for now: writes the checkpoint (the lease stays until it expires or is released). */
  checkpoint(holder: string, run: SweepCheckpoint): Promise<void>;
  /** Frees the lease if `holder` still holds it (a run that failed). */
  release(holder: string): Promise<void>;
  /** Ends a run: one write that records the summary, clears the checkpoint and frees the lease. */
  finish(summary: StoredSummary | undefined, run: SweepCheckpoint | undefined): Promise<void>;
}

/** The invocation's time left (Forge: `getAppContext().invocationRemainingTimeInMillis()`). */
export interface TimeBudget {
  remainingMs(): number;
}

export interface Sleeper {
  sleep(ms: number): Promise<void>;
  random(): number;
}

export interface NoticeStore {
  /** The notices of these recipients (a person, and `#admins` for admins), newest first. */
  listFor(recipients: readonly string[]): Promise<NoticeDto[]>;
  /** The UTC day the flag was last shown to the person. */
  flagShownOn(personId: string): Promise<string | undefined>;
  markFlagShown(personId: string, day: string): Promise<void>;
}

export interface ProposalStore {
  get(proposedOwnerId: string, accountId: string): Promise<OwnerProposal | undefined>;
  forPerson(proposedOwnerId: string): Promise<OwnerProposal[]>;
  /** The proposals this person made that are still stored (whether they still stand is the caller's check). */
  byProposer(proposerId: string): Promise<OwnerProposal[]>;
  all(): Promise<OwnerProposal[]>;
  put(p: OwnerProposal): Promise<void>;
  remove(proposedOwnerId: string, accountId: string): Promise<void>;
}

export interface FindingStore {
  open(
    code: string | undefined,
    pageSize: number,
    cursor: string | undefined,
  ): Promise<{ findings: FindingRow[]; nextCursor?: string }>;
}

/** A webhook-id seen once (FAIL_IF_EXISTS with a TTL longer than the tolerance). */
export interface ReplayGuard {
  /** True the first time an id is claimed; false for a replay. */
  claim(id: string, ttlSeconds: number): Promise<boolean>;
}

export interface SigningSecret {
  /** `OFFBOARDING_WEBHOOK_SECRET` when set, else the stored secret; undefined when there is none. */
  current(): Promise<string | undefined>;
}

export interface OversightDeps extends RegistryDeps {
  staff: StaffDirectory;
  userStates: () => UserStateSource;
  sweepState: SweepStateStore;
  time: TimeBudget;
  sleeper: Sleeper;
  notices: NoticeStore;
  proposals: ProposalStore;
  findingStore: FindingStore;
  replay: ReplayGuard;
  signingSecret: SigningSecret;
  /** JQL `updatedBy` counts (the dormancy check). */
  activity: ActivitySource;
  /** Owners' Jira work items: the stored mapping, and Jira. */
  workItems: WorkItemStore;
  tracker: WorkItemTracker;
}
