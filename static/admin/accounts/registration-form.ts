/** The tag / edit form's values, and their conversion to and from the contract's shapes. */
import {
  MAX_INTEGRATIONS,
  type AccountDetail,
  type CredentialKind,
  type Integration,
} from '@contract/accounts';
import type { PickedUser } from '../ui/UserPicker';

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

/** Field path → message, as the server's BAD_REQUEST details name them. */
export type FieldErrors = Record<string, string>;

/** Zod issues as the resolver reports them (first message per path). */
export function issuesToFields(
  issues: readonly { path: readonly PropertyKey[]; message: string }[],
): FieldErrors {
  const fields: FieldErrors = {};
  for (const issue of issues) {
    const path = issue.path.map(String).join('.') || '_';
    fields[path] ??= issue.message;
  }
  return fields;
}
