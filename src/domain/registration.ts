import type { Integration } from '../contract/accounts';
import { isHuman, type UserFacts } from './people';

/** Field path → message, as BAD_REQUEST details carry them (`{ fields }`). */
export type FieldErrors = Record<string, string>;

/** What the directory and the registry say about the people a registration names. */
export interface RegistrationFacts {
  /** undefined: Jira does not know the account. */
  account: UserFacts | undefined;
  owner: UserFacts | undefined;
  backupOwner: UserFacts | undefined;
  /** Ids among owner/backup that are tagged (active) integration accounts. */
  taggedIds: ReadonlySet<string>;
  /** How many active accounts the account to tag owns or backs up (0 unless tagging). */
  accountOwnsCount: number;
}

function checkPerson(
  role: 'owner' | 'backup owner',
  id: string,
  person: UserFacts | undefined,
  facts: RegistrationFacts,
): string | undefined {
  if (!person) return `Jira has no account ${id}.`;
  if (!isHuman(person))
    return `The ${role} must be a person (an atlassian account), not a${person.accountType === 'app' ? 'n app' : ` ${person.accountType}`} account.`;
  if (!person.active) return `${person.displayName} is deactivated; pick an active person as ${role}.`;
  if (facts.taggedIds.has(id))
    return `${person.displayName} is an integration account and cannot be its ${role}.`;
  return undefined;
}

/**
 * The rules of a registration against directory facts (the issue's "Rules"): the owner and backup are
 * active people, are not integration accounts themselves, differ from each other and from the account.
 */
export function checkRegistration(
  input: { accountId: string; ownerId: string; backupOwnerId?: string | null | undefined },
  facts: RegistrationFacts,
): FieldErrors {
  const errors: FieldErrors = {};
  if (!facts.account) errors.accountId = `Jira has no account ${input.accountId}.`;
  else if (facts.accountOwnsCount > 0)
    errors.accountId = `${facts.account.displayName} owns or backs up ${facts.accountOwnsCount} integration account(s); hand them over before tagging it.`;

  if (input.ownerId === input.accountId) errors.ownerId = 'An account cannot own itself.';
  else {
    const problem = checkPerson('owner', input.ownerId, facts.owner, facts);
    if (problem) errors.ownerId = problem;
  }
  const backupId = input.backupOwnerId ?? undefined;
  if (backupId !== undefined) {
    if (backupId === input.accountId) errors.backupOwnerId = 'An account cannot be its own backup owner.';
    else if (backupId === input.ownerId)
      errors.backupOwnerId = 'The backup owner must be someone other than the owner.';
    else {
      const problem = checkPerson('backup owner', backupId, facts.backupOwner, facts);
      if (problem) errors.backupOwnerId = problem;
    }
  }
  return errors;
}

/** What makes two integrations the same: system (any case and spacing), environment and credential label. */
export function integrationIdentity(
  i: Pick<Integration, 'system' | 'environment' | 'credentialLabel'>,
): string {
  const norm = (s: string | undefined) => (s ?? '').trim().replace(/\s+/g, ' ').toLowerCase();
  return `${norm(i.system)}\u0000${norm(i.environment)}\u0000${norm(i.credentialLabel)}`;
}

/** The same integration listed twice (same system, environment and credential label) is refused. */
export function checkDuplicateIntegrations(integrations: Integration[]): FieldErrors {
  const errors: FieldErrors = {};
  const first = new Map<string, number>();
  integrations.forEach((i, n) => {
    const id = integrationIdentity(i);
    const earlier = first.get(id);
    if (earlier === undefined) first.set(id, n);
    else
      errors[`integrations.${n}.system`] =
        `Same system, environment and credential label as integration ${earlier + 1}: remove one, or give them different labels.`;
  });
  return errors;
}

/** Date rules the schema cannot see: no rotation in the future, expiry not before the last rotation. */
export function checkIntegrationDates(integrations: Integration[], today: string): FieldErrors {
  const errors: FieldErrors = {};
  integrations.forEach((i, n) => {
    if (i.lastRotatedOn && i.lastRotatedOn > today)
      errors[`integrations.${n}.lastRotatedOn`] = 'The last rotation cannot be in the future.';
    if (i.lastRotatedOn && i.credentialExpiresOn && i.credentialExpiresOn < i.lastRotatedOn)
      errors[`integrations.${n}.credentialExpiresOn`] =
        'The credential cannot expire before it was last rotated.';
  });
  return errors;
}
