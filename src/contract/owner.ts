import { z } from 'zod';
import type { CredentialState, FindingDto, Integration } from './accounts';
import { accountIdSchema, isoDateSchema, type PersonRef } from './common';
import { visibleText } from './text-rules';
import type { FindingCode } from './offboarding';

/** What the owner (or backup owner) of an account is asked to do. */
export type PendingActionKind =
  'attest' | 'rotate-credential' | 'add-backup-owner' | 'replace-owner' | 'account-inactive';

export interface PendingAction {
  kind: PendingActionKind;
  /** The ask in words; `{date}` marks where `date` goes (src/contract/dated-text.ts: the UI writes it). */
  text: string;
  /** `YYYY-MM-DD`: the date the ask speaks of (review due, credential expiry), if any. */
  date?: string;
  /** For rotate-credential: which integration (index in `integrations`). */
  integrationIndex?: number;
}

export interface OwnerProposal {
  /** `<proposedOwnerId>:<accountId>`. */
  id: string;
  accountId: string;
  accountName: string;
  proposedOwner: PersonRef;
  proposedBy: PersonRef;
  proposedAt: string;
  message?: string;
  /**
   * The owner when it was proposed: the proposal dies as soon as the account's owner is someone else, or
   * changed since `proposedAt` (by any path). Absent on proposals stored before this rule: they are dead.
   */
  fromOwnerId?: string;
  /** Someone proposed themselves (a backup owner): only a Jira admin can approve it, never they. */
  needsApproval?: boolean;
}

export interface MyAccount {
  accountId: string;
  displayName: string;
  /** The caller's relation, from stored ownership. */
  role: 'owner' | 'backup';
  purpose: string;
  accountActive: boolean;
  owner: PersonRef;
  backupOwner?: PersonRef;
  integrations: Integration[];
  reviewDueOn: string;
  reviewOverdue: boolean;
  lastReviewedOn: string;
  credentialExpiresOn?: string;
  credentialState: CredentialState;
  findings: FindingDto[];
  pendingActions: PendingAction[];
  /**
   * The hand-over of this account the caller proposed and that still stands (after a reload too), if any.
   * A proposal the other owner or backup made is not shown here.
   */
  proposal?: OwnerProposal;
  version: number;
}

/** A hand-over proposed to the caller, with what they are asked to take (read from the stored account). */
export interface ProposalForMe extends OwnerProposal {
  purpose: string;
  integrations: Integration[];
  owner: PersonRef;
  backupOwner?: PersonRef;
}

export interface MyAccounts {
  accounts: MyAccount[];
  /** Hand-overs proposed to the caller, waiting for them to accept or decline. */
  proposalsForMe: ProposalForMe[];
  /** News for the caller that asks nothing (a hand-over declined, named backup owner), newest first. */
  news: NoticeDto[];
}

/** Notices that are news, not asks: told for a few days (`expiresAt`), never a pending action. */
export const NEWS_CODES: readonly NoticeDto['code'][] = ['BACKUP_OWNER_NAMED', 'PROPOSAL_DECLINED'];

export const myAccountsInput = z.object({}).strict();

/**
 * "Still needed, and the purpose is right": resets the review clock. With `stillNeeded: false` nothing is
 * reset; the answer is recorded in the audit trail and an admin notice asks to retire the account.
 */
export const attestInput = z
  .object({
    accountId: accountIdSchema,
    version: z.number().int().min(1),
    stillNeeded: z.boolean(),
    purposeCorrect: z.boolean(),
    /** Required when `purposeCorrect` is false: the purpose as it really is. */
    correctedPurpose: visibleText({
      min: 'Say what the account is for now.',
      max: 500,
      maxMessage: 'At most 500 characters.',
    }).optional(),
    comment: visibleText({ max: 1000, maxMessage: 'At most 1,000 characters.', multiline: true }).optional(),
  })
  .strict();
export type AttestInput = z.input<typeof attestInput>;

/** Records that a credential was rotated (metadata only: never a credential value). */
export const recordRotationInput = z
  .object({
    accountId: accountIdSchema,
    version: z.number().int().min(1),
    integrationIndex: z.number().int().min(0).max(19),
    rotatedOn: isoDateSchema,
    /** The new credential's expiry, if it has one. */
    newExpiresOn: isoDateSchema.optional(),
  })
  .strict();
export type RecordRotationInput = z.input<typeof recordRotationInput>;

/** Proposes a new owner; they accept with `owner/accept-proposal`, or an admin approves it. */
export const proposeOwnerInput = z
  .object({
    accountId: accountIdSchema,
    proposedOwnerId: accountIdSchema,
    message: visibleText({ max: 500, maxMessage: 'At most 500 characters.', multiline: true }).optional(),
  })
  .strict();
export type ProposeOwnerInput = z.input<typeof proposeOwnerInput>;

/** The owner names (or replaces) the backup owner: an active person, not the owner, not an integration account. */
export const nameBackupOwnerInput = z
  .object({
    accountId: accountIdSchema,
    version: z.number().int().min(1),
    backupOwnerId: accountIdSchema,
  })
  .strict();
export type NameBackupOwnerInput = z.input<typeof nameBackupOwnerInput>;

/** The proposed person turns a hand-over down; the proposer is told (with the reason, if given). */
export const declineProposalInput = z
  .object({
    accountId: accountIdSchema,
    reason: visibleText({ max: 500, maxMessage: 'At most 500 characters.', multiline: true }).optional(),
  })
  .strict();
export type DeclineProposalInput = z.input<typeof declineProposalInput>;

/**
 * The owner pages' pickers: which of these people (found by Jira's user search) can be named owner or
 * backup owner — not the integration accounts the registry holds. Answers `{ choosable: string[] }`.
 */
export const choosablePeopleInput = z
  .object({ accountIds: z.array(accountIdSchema).max(50, 'At most 50 people at a time.') })
  .strict();
export type ChoosablePeopleInput = z.input<typeof choosablePeopleInput>;

export const acceptProposalInput = z.object({ accountId: accountIdSchema }).strict();
export type AcceptProposalInput = z.input<typeof acceptProposalInput>;

/** Admin key: approves (or rejects) a pending proposal on an account. */
export const decideProposalInput = z
  .object({
    accountId: accountIdSchema,
    proposedOwnerId: accountIdSchema,
    approve: z.boolean(),
  })
  .strict();
export type DecideProposalInput = z.input<typeof decideProposalInput>;

export const listProposalsInput = z.object({}).strict();

export interface NoticeDto {
  /** Stable id: `<accountId>:<code>:<period>`. */
  id: string;
  accountId: string;
  accountName: string;
  code: FindingCode | 'OWNER_PROPOSAL' | 'NOT_NEEDED' | 'BACKUP_OWNER_NAMED' | 'PROPOSAL_DECLINED';
  /**
   * The notice in words; `{date}` marks where `date` goes (src/contract/dated-text.ts). Notices stored
   * before dates became data carry an ISO date in the text instead (the UI formats those too).
   */
  text: string;
  /** `YYYY-MM-DD`: the date the notice speaks of, if any. */
  date?: string;
  createdAt: string;
  /** News that asks nothing (a backup named, a hand-over declined) is told until then, then dropped. */
  expiresAt?: string;
  /** Why the caller is told: owner, backup owner, admin, or proposed owner. */
  as: 'owner' | 'backup' | 'admin' | 'proposed-owner';
}

/**
 * The background script's call: `showFlag` is true at most once a UTC day, when something needs the
 * caller (asking records the day). `peek: true` reads without using up the day's flag (the owner page).
 */
export const ownerNoticesInput = z.object({ peek: z.boolean().optional() }).strict();
export type OwnerNoticesInput = z.input<typeof ownerNoticesInput>;

export interface OwnerNotices {
  showFlag: boolean;
  count: number;
  notices: NoticeDto[];
}
