/**
 * The procedure map: every resolver key with its input schema and the type it answers. The backend
 * defines each key against it (src/entry/define-key.ts: a `run` answering anything else is a compile
 * error) and the UI's client is typed from it (static/shared/api.ts) — the UI imports this file's TYPES
 * only, so the zod schemas stay out of the Custom UI bundles.
 */
import type { z } from 'zod';
import {
  type AccountDetail,
  type AccountDto,
  type AccountsPage,
  getAccountInput,
  listAccountsInput,
  markMigrationInput,
  moveMigrationInput,
  retagAccountInput,
  retireAccountInput,
  tagAccountInput,
  updateAccountInput,
} from './accounts';
import {
  type AuditPage,
  type AuditRecordDto,
  type AuditVerifyReport,
  auditExportInput,
  auditGetInput,
  auditListInput,
  auditVerifyInput,
} from './audit';
import {
  type CandidateRestored,
  type CandidatesPage,
  type DismissedPage,
  dismissCandidateInput,
  listCandidatesInput,
  listDismissedInput,
  restoreCandidateInput,
} from './candidates';
import type { ExportChunk } from './common';
import { type ImportReport, exportRegistryInput, importInput } from './import-export';
import {
  type FindingsPage,
  type OffboardingAcknowledged,
  type OffboardingActionResult,
  type OffboardingCheckResult,
  type SweepStatus,
  findingsListInput,
  offboardingAcknowledgeInput,
  offboardingCheckInput,
  offboardingRetireInput,
  offboardingTransferInput,
  sweepStatusInput,
} from './offboarding';
import {
  type OrgAuditWebhookStatus,
  type RotatedOrgAuditSecret,
  orgAuditRotateInput,
  orgAuditStatusInput,
} from './org-audit';
import {
  type MyAccount,
  type MyAccounts,
  type OwnerNotices,
  type OwnerProposal,
  acceptProposalInput,
  attestInput,
  choosablePeopleInput,
  decideProposalInput,
  declineProposalInput,
  listProposalsInput,
  myAccountsInput,
  nameBackupOwnerInput,
  ownerNoticesInput,
  proposeOwnerInput,
  recordRotationInput,
} from './owner';
import { ADMIN_KEYS, OFFBOARDING_KEYS, ORG_AUDIT_KEYS, OVERSIGHT_KEYS, OWNER_KEYS } from './resolver-keys';
import {
  type RotatedWebhookSecret,
  type SettingsView,
  getSettingsInput,
  rotateWebhookSecretInput,
  updateSettingsInput,
} from './settings';
import { type SiteUsersPage, siteUsersInput } from './site-users';
import { type UsersSearchResult, searchUsersInput } from './users';

/** What `candidates/dismiss` answers. */
export interface CandidateDismissed {
  accountId: string;
  dismissed: true;
}

/** What `proposals/list` answers: the hand-overs waiting for an admin. */
export interface ProposalsList {
  proposals: OwnerProposal[];
}

/** What `proposals/decide` answers. */
export interface ProposalDecided {
  accountId: string;
  approved: boolean;
}

/** What `owner/accept-proposal` answers. */
export interface ProposalAccepted {
  accountId: string;
  ownerId: string;
}

/** What `owner/decline-proposal` answers. */
export interface ProposalDeclined {
  declined: true;
}

/** What `owner/choosable-people` answers: the ids, of those asked, that may own or back up an account. */
export interface ChoosablePeople {
  choosable: string[];
}

/** The type a key answers, carried by the map as a type only (there is no value at run time). */
export interface Answers<O> {
  readonly __answers?: (answer: O) => O;
}

/** One procedure: its input schema and the type it answers. */
export interface Procedure<S extends z.ZodType, O> {
  readonly input: S;
  readonly output: Answers<O>;
}

const answers = <O>(): Answers<O> => ({});
const procedure = <S extends z.ZodType>(input: S) => ({
  answers: <O>(): Procedure<S, O> => ({ input, output: answers<O>() }),
});

const A = ADMIN_KEYS;
const F = OFFBOARDING_KEYS;
const S = OVERSIGHT_KEYS;
const O = OWNER_KEYS;

export const procedures = {
  // The registry (admin page)
  [A.siteUsers]: procedure(siteUsersInput).answers<SiteUsersPage>(),
  [A.usersSearch]: procedure(searchUsersInput).answers<UsersSearchResult>(),
  [A.accountsList]: procedure(listAccountsInput).answers<AccountsPage>(),
  [A.accountsGet]: procedure(getAccountInput).answers<AccountDetail>(),
  [A.accountsTag]: procedure(tagAccountInput).answers<AccountDto>(),
  [A.accountsUpdate]: procedure(updateAccountInput).answers<AccountDto>(),
  [A.accountsRetire]: procedure(retireAccountInput).answers<AccountDto>(),
  [A.accountsRetag]: procedure(retagAccountInput).answers<AccountDto>(),
  [A.migrationMark]: procedure(markMigrationInput).answers<AccountDto>(),
  [A.migrationMove]: procedure(moveMigrationInput).answers<AccountDto>(),
  [A.candidatesList]: procedure(listCandidatesInput).answers<CandidatesPage>(),
  [A.candidatesDismiss]: procedure(dismissCandidateInput).answers<CandidateDismissed>(),
  [A.candidatesDismissed]: procedure(listDismissedInput).answers<DismissedPage>(),
  [A.candidatesRestore]: procedure(restoreCandidateInput).answers<CandidateRestored>(),
  [A.importPreview]: procedure(importInput).answers<ImportReport>(),
  [A.importApply]: procedure(importInput).answers<ImportReport>(),
  [A.exportRegistry]: procedure(exportRegistryInput).answers<ExportChunk>(),
  [A.auditList]: procedure(auditListInput).answers<AuditPage>(),
  [A.auditExport]: procedure(auditExportInput).answers<ExportChunk>(),
  [A.auditVerify]: procedure(auditVerifyInput).answers<AuditVerifyReport>(),
  [A.auditGet]: procedure(auditGetInput).answers<AuditRecordDto>(),
  [A.settingsGet]: procedure(getSettingsInput).answers<SettingsView>(),
  [A.settingsUpdate]: procedure(updateSettingsInput).answers<SettingsView>(),
  [A.settingsRotateWebhookSecret]: procedure(rotateWebhookSecretInput).answers<RotatedWebhookSecret>(),
  [ORG_AUDIT_KEYS.status]: procedure(orgAuditStatusInput).answers<OrgAuditWebhookStatus>(),
  [ORG_AUDIT_KEYS.rotate]: procedure(orgAuditRotateInput).answers<RotatedOrgAuditSecret>(),

  // Oversight (admin page): the sweep, its findings, hand-overs waiting for approval
  [S.sweepStatus]: procedure(sweepStatusInput).answers<SweepStatus>(),
  [S.findingsList]: procedure(findingsListInput).answers<FindingsPage>(),
  [S.proposalsList]: procedure(listProposalsInput).answers<ProposalsList>(),
  [S.proposalsDecide]: procedure(decideProposalInput).answers<ProposalDecided>(),

  // The offboarding check (admin page and the offboarding tickets' panel)
  [F.check]: procedure(offboardingCheckInput).answers<OffboardingCheckResult>(),
  [F.transfer]: procedure(offboardingTransferInput).answers<OffboardingActionResult>(),
  [F.retire]: procedure(offboardingRetireInput).answers<OffboardingActionResult>(),
  [F.acknowledge]: procedure(offboardingAcknowledgeInput).answers<OffboardingAcknowledged>(),

  // The owner surfaces ("My integration accounts", the flag)
  [O.myAccounts]: procedure(myAccountsInput).answers<MyAccounts>(),
  [O.attest]: procedure(attestInput).answers<MyAccount>(),
  [O.recordRotation]: procedure(recordRotationInput).answers<MyAccount>(),
  [O.proposeOwner]: procedure(proposeOwnerInput).answers<OwnerProposal>(),
  [O.acceptProposal]: procedure(acceptProposalInput).answers<ProposalAccepted>(),
  [O.declineProposal]: procedure(declineProposalInput).answers<ProposalDeclined>(),
  [O.nameBackupOwner]: procedure(nameBackupOwnerInput).answers<MyAccount>(),
  [O.choosablePeople]: procedure(choosablePeopleInput).answers<ChoosablePeople>(),
  [O.notices]: procedure(ownerNoticesInput).answers<OwnerNotices>(),
} as const;

export type Procedures = typeof procedures;
export type ProcedureKey = keyof Procedures;
/** The input schema of a key. */
export type InputSchemaOf<K extends ProcedureKey> = Procedures[K]['input'];
/** What the UI sends for a key (before the schema's defaults and transforms). */
export type InputOf<K extends ProcedureKey> = z.input<InputSchemaOf<K>>;
/** What the use case receives for a key (after parsing). */
export type ParsedInputOf<K extends ProcedureKey> = z.output<InputSchemaOf<K>>;
/** What a key answers. */
export type OutputOf<K extends ProcedureKey> = Procedures[K]['output'] extends Answers<infer R> ? R : never;
