/** The tag / edit form's values, and their conversion to and from the contract's shapes. */
import {
  MAX_INTEGRATIONS,
  tagAccountInput,
  updateAccountInput,
  type AccountDetail,
  type AccountDto,
  type CredentialKind,
  type Integration,
} from '@contract/accounts';
import { issuesByField } from '@contract/words';
import type { FieldErrors } from '../../shared/field';
import { maxLengthOf } from '../../shared/limits';
import type { PickedUser } from '../ui/UserPicker';

export type FormMode = 'tag' | 'edit' | 'retag';

/** The contract's character limits of the form's free text (src/contract/accounts.ts). */
export const LIMITS = {
  purpose: maxLengthOf(tagAccountInput.shape.purpose),
  notes: maxLengthOf(tagAccountInput.shape.notes),
} as const;

export interface IntegrationRow {
  /** Stable React key. */
  key: string;
  system: string;
  environment: string;
  credentialKind: CredentialKind;
  credentialLabel: string;
  credentialExpiresOn: string;
  lastRotatedOn: string;
}

export interface RegistrationValues {
  account: PickedUser | null;
  purpose: string;
  owner: PickedUser | null;
  backupOwner: PickedUser | null;
  integrations: IntegrationRow[];
  reviewCadenceDays: string;
  notes: string;
}

let rowSeq = 0;
export const newRowKey = () => `integration-${++rowSeq}`;

export function emptyIntegration(): IntegrationRow {
  return {
    key: newRowKey(),
    system: '',
    environment: 'prod',
    credentialKind: 'api-token',
    credentialLabel: '',
    credentialExpiresOn: '',
    lastRotatedOn: '',
  };
}

export function emptyValues(defaultCadence: number, account: PickedUser | null): RegistrationValues {
  return {
    account,
    purpose: '',
    owner: null,
    backupOwner: null,
    integrations: [],
    reviewCadenceDays: String(defaultCadence),
    notes: '',
  };
}

/** The form prefilled with what is recorded (edit), or with the people only (re-tag keeps them as a start). */
export function valuesOf(detail: AccountDetail): RegistrationValues {
  const a = detail.account;
  const person = (
    id: string,
    name: string,
    state: AccountDetail['jira']['owner'] | undefined,
  ): PickedUser => ({
    accountId: id,
    displayName: state && !state.missing ? state.displayName : name,
    avatarUrl: state && !state.missing ? state.avatarUrl : undefined,
  });
  return {
    account: {
      accountId: a.accountId,
      displayName: a.displayName,
      avatarUrl: detail.jira.account.missing ? undefined : detail.jira.account.avatarUrl,
    },
    purpose: a.purpose,
    owner: person(a.ownerId, a.owner.displayName, detail.jira.owner),
    backupOwner: a.backupOwnerId
      ? person(a.backupOwnerId, a.backupOwner?.displayName ?? a.backupOwnerId, detail.jira.backupOwner)
      : null,
    integrations: a.integrations.map((i: Integration) => ({
      key: newRowKey(),
      system: i.system,
      environment: i.environment,
      credentialKind: i.credentialKind,
      credentialLabel: i.credentialLabel ?? '',
      credentialExpiresOn: i.credentialExpiresOn ?? '',
      lastRotatedOn: i.lastRotatedOn ?? '',
    })),
    reviewCadenceDays: String(a.reviewCadenceDays),
    notes: a.notes ?? '',
  };
}

/** The registration fields of the contract's tag / update inputs (ids instead of people). */
export function registrationPayload(v: RegistrationValues) {
  const cadence = v.reviewCadenceDays.trim();
  return {
    purpose: v.purpose,
    ownerId: v.owner?.accountId ?? '',
    backupOwnerId: v.backupOwner ? v.backupOwner.accountId : null,
    integrations: v.integrations.map((i) => ({
      system: i.system,
      environment: i.environment,
      credentialKind: i.credentialKind,
      ...(i.credentialLabel.trim() ? { credentialLabel: i.credentialLabel } : {}),
      ...(i.credentialExpiresOn ? { credentialExpiresOn: i.credentialExpiresOn } : {}),
      ...(i.lastRotatedOn ? { lastRotatedOn: i.lastRotatedOn } : {}),
    })),
    reviewCadenceDays: cadence === '' ? Number.NaN : Number(cadence),
    ...(v.notes.trim() ? { notes: v.notes } : {}),
  };
}

export const canAddIntegration = (v: RegistrationValues) => v.integrations.length < MAX_INTEGRATIONS;

export type { FieldErrors };

/** Zod issues as field path → message, in people's words (src/contract/words.ts). */
export const issuesToFields = issuesByField;

/**
 * The contract's own check of the form, before the round trip: the same schema the resolver parses,
 * in people's words, plus the two pickers' "pick someone" (an empty id reads "Pick an account").
 */
export function checkRegistration(
  mode: FormMode,
  v: RegistrationValues,
  version: number,
): FieldErrors | undefined {
  const input = { accountId: v.account?.accountId ?? '', ...registrationPayload(v) };
  const check =
    mode === 'tag' ? tagAccountInput.safeParse(input) : updateAccountInput.safeParse({ ...input, version });
  if (check.success) return undefined;
  const fields = issuesByField(check.error.issues);
  if (!v.account) fields.accountId = 'Pick the account your integration signs in as.';
  if (!v.owner) fields.ownerId = 'Pick the person who owns this account.';
  if (v.reviewCadenceDays.trim() === '')
    fields.reviewCadenceDays = 'Give the days between reviews: 30 to 365.';
  return fields;
}

/** Which registration fields differ between two records, in words (for the conflict message). */
export function changedBetween(a: AccountDto, b: AccountDto): string[] {
  const out: string[] = [];
  if (a.purpose !== b.purpose) out.push('purpose');
  if (a.ownerId !== b.ownerId) out.push('owner');
  if ((a.backupOwnerId ?? '') !== (b.backupOwnerId ?? '')) out.push('backup owner');
  if (JSON.stringify(a.integrations) !== JSON.stringify(b.integrations)) out.push('integrations');
  if (a.reviewCadenceDays !== b.reviewCadenceDays) out.push('review cadence');
  if ((a.notes ?? '') !== (b.notes ?? '')) out.push('notes');
  if (a.status !== b.status) out.push('status');
  return out;
}
