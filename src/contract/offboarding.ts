import { z } from 'zod';
import { type FindingDto, retireReasonSchema } from './accounts';
import { accountIdSchema, type PersonRef } from './common';
import { visibleText } from './text-rules';

/** Verdicts of the offboarding check for one person P (DESIGN.md §2). */
export const VERDICTS = ['block', 'warn', 'safe'] as const;
export type Verdict = (typeof VERDICTS)[number];

/**
 * Machine codes of the reasons behind a verdict:
 * - IS_INTEGRATION_ACCOUNT (block): P is a tagged, active integration account.
 * - OWNS_WITHOUT_ACTIVE_BACKUP (block): P owns an active integration account with no active backup owner.
 * - OWNS_WITH_ACTIVE_BACKUP (warn): P owns an account whose backup owner is active.
 * - IS_BACKUP_OWNER (warn): P is the backup owner of an account.
 * - IS_INACTIVE_INTEGRATION_ACCOUNT (safe, informative): P is tagged but Jira already has it deactivated.
 */
export const REASON_CODES = [
  'IS_INTEGRATION_ACCOUNT',
  'OWNS_WITHOUT_ACTIVE_BACKUP',
  'OWNS_WITH_ACTIVE_BACKUP',
  'IS_BACKUP_OWNER',
  'IS_INACTIVE_INTEGRATION_ACCOUNT',
] as const;
export type ReasonCode = (typeof REASON_CODES)[number];

export interface OffboardingReason {
  code: ReasonCode;
  /** A sentence for people, e.g. "Olivia Owner owns Jenkins CI, which has no backup owner." */
  text: string;
  /** The integration account the reason is about. */
  accountId: string;
}

/** P's relation to the account: P *is* it, *owns* it, or is its *backup* owner. */
export type OffboardingRole = 'is' | 'owner' | 'backup';
export type SuggestedAction = 'transfer-to-backup' | 'pick-new-owner' | 'retire';

export interface OffboardingAccount {
  accountId: string;
  displayName: string;
  role: OffboardingRole;
  suggestedAction: SuggestedAction;
  /** The account's Jira state now (one bulk lookup); false when Jira no longer knows it. */
  accountActive: boolean;
  owner: PersonRef;
  backupOwner?: PersonRef;
  /** What would break: the integrations recorded on the account. */
  integrations: { system: string; environment: string }[];
  /** The record's version, for the transfer/retire actions (optimistic concurrency). */
  version: number;
}

export interface OffboardingCheckResult {
  person: { accountId: string; displayName?: string; active?: boolean; missing: boolean };
  verdict: Verdict;
  reasons: OffboardingReason[];
  accounts: OffboardingAccount[];
  /** UTC, ISO-8601. */
  checkedAt: string;
}

/**
 * The admin page passes `personId`; the issue panel passes nothing and the server reads the departing
 * person from the user field named in settings (the issue comes from the platform context).
 */
export const offboardingCheckInput = z.object({ personId: accountIdSchema.optional() }).strict();
export type OffboardingCheckInput = z.input<typeof offboardingCheckInput>;

/**
 * Hands an account over from the departing person. When `departingId` is the owner: the new owner is
 * `newOwnerId`, else the backup owner (who then leaves the backup slot). When `departingId` is the backup
 * owner: the new backup is `newOwnerId`, else the slot is emptied. Validated by the registry's rules.
 */
export const offboardingTransferInput = z
  .object({
    accountId: accountIdSchema,
    version: z.number().int().min(1),
    departingId: accountIdSchema,
    newOwnerId: accountIdSchema.optional(),
    reason: visibleText({ max: 500, maxMessage: 'At most 500 characters.', multiline: true }).optional(),
  })
  .strict();
export type OffboardingTransferInput = z.input<typeof offboardingTransferInput>;

/** Retires the account (the registry's retire use case); for offboarding staff who are not admins too. */
export const offboardingRetireInput = z
  .object({
    accountId: accountIdSchema,
    version: z.number().int().min(1),
    /** The person being checked (the answer is their check again); the issue panel's comes from the issue. */
    departingId: accountIdSchema.optional(),
    reason: retireReasonSchema,
  })
  .strict();
export type OffboardingRetireInput = z.input<typeof offboardingRetireInput>;

/**
 * "I have seen the warning": recorded in the audit trail with the verdict seen and the reason why the
 * person may still be deactivated. It deactivates nobody (deactivating is done in Atlassian Administration
 * or the identity provider). `note` is kept for older clients; `reason` is required.
 */
export const offboardingAcknowledgeInput = z
  .object({
    personId: accountIdSchema,
    verdict: z.enum(VERDICTS),
    reason: visibleText({
      min: 'Say why this person may be deactivated despite the warning.',
      max: 1000,
      maxMessage: 'At most 1,000 characters.',
      multiline: true,
    }),
    note: visibleText({ max: 1000, maxMessage: 'At most 1,000 characters.', multiline: true }).optional(),
  })
  .strict();
export type OffboardingAcknowledgeInput = z.input<typeof offboardingAcknowledgeInput>;

export interface OffboardingAcknowledged {
  personId: string;
  verdict: Verdict;
  /** The audit record's sequence number. */
  auditSeq: number;
  at: string;
}

/** Answer of `offboarding/transfer` and `offboarding/retire`: the check again, after the change. */
export type OffboardingActionResult = OffboardingCheckResult;

// ---------------------------------------------------------------------------------------------------
// The sweep and its findings (admin page)

export const FINDING_CODES = [
  'ACCOUNT_INACTIVE',
  'ACCOUNT_MISSING',
  'OWNER_INACTIVE',
  'OWNER_MISSING',
  'NO_BACKUP_OWNER',
  'OWNER_IS_INTEGRATION_ACCOUNT',
  'REVIEW_OVERDUE',
  'CREDENTIAL_EXPIRING',
  'CREDENTIAL_EXPIRED',
  'PERSONAL_ACCOUNT',
  'DORMANT',
] as const;
export type FindingCode = (typeof FINDING_CODES)[number];

/** What one sweep run counted (the app's running totals have this shape too). */
export interface SweepCounts {
  /** Accounts whose people's Jira states were read and whose findings are up to date. */
  accountsChecked: number;
  /** Accounts looked at but left unresolved this run (listed in `unresolvedAccounts`, up to 500). */
  accountsUnresolved: number;
  findingsOpened: number;
  findingsResolved: number;
  recordsWritten: number;
  noticesCreated: number;
  jiraCalls: number;
  /** Jira points the cycle's directory reads cost (app's estimate from Jira's published model). */
  points?: number;
  /** Accounts whose people Jira could not tell us about this run (retried next run). */
  unresolvedAccounts: string[];
  /** Dormancy queries (JQL `updatedBy` counts) this run made; at most one per account per day. */
  dormancyQueries?: number;
}

/** One sweep run as recorded (the last one is what `sweep/status` answers). */
export interface SweepSummary extends SweepCounts {
  runId: string;
  trigger: 'scheduled' | 'event' | 'manual';
  startedAt: string;
  finishedAt: string;
  /** complete: every account was checked; partial: stopped (time or points budget), resumes next run. */
  state: 'complete' | 'partial';
  /**
   * full: one run checked every account; rolling: the cycle was spread over several hourly runs to stay
   * within the sweep's share of Jira's hourly points quota (each account still checked within 24 h).
   */
  mode?: 'full' | 'rolling';
  /** Accounts in the cycle, and those not yet checked in it. */
  accountsTotal?: number;
  accountsLeft?: number;
  /** Why the run stopped early: time, the sweep's points budget, or Jira's quota spent (429). */
  stoppedFor?: 'time' | 'points' | 'quota';
  /** For `quota`: when Jira's hourly window resets (UTC, ISO-8601). */
  quotaResetsAt?: string;
  /** Owners' Jira work items this run created, commented on and moved to done. */
  workItems?: { created: number; commented: number; resolved: number; failed: number };
}

export interface SweepStatus {
  /** The run in progress (partial, resuming next tick), if any. */
  running?: Pick<
    SweepSummary,
    | 'runId'
    | 'startedAt'
    | 'accountsChecked'
    | 'mode'
    | 'accountsTotal'
    | 'accountsLeft'
    | 'points'
    | 'stoppedFor'
    | 'quotaResetsAt'
  >;
  /** The sweep's budget: its share of Jira's hourly points quota (settings) and the quota Jira stated. */
  budget?: { sharePercent: number; hourlyQuota?: number; quotaPolicy?: string };
  last?: SweepSummary;
  /** Open findings by code. */
  openFindings: Partial<Record<FindingCode, number>>;
}

export const sweepStatusInput = z.object({}).strict();

/** Open findings, most severe first, one page. */
export const findingsListInput = z
  .object({
    code: z.enum(FINDING_CODES).optional(),
    pageSize: z.number().int().min(1).max(100).default(50),
    cursor: z.string().min(1).max(4000).optional(),
  })
  .strict();
export type FindingsListInput = z.input<typeof findingsListInput>;

export interface FindingRow extends FindingDto {
  accountId: string;
  accountName: string;
  /** The finding in words; `{date}` marks where `date` goes (src/contract/dated-text.ts). */
  text: string;
  date?: string;
}

export interface FindingsPage {
  findings: FindingRow[];
  nextCursor?: string;
}
