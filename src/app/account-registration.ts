import type { TagAccount } from '../contract/accounts';
import { type AccountRecord, type Registration, normalizeRegistration } from '../domain/account';
import { utcDate } from '../domain/dates';
import type { UserFacts } from '../domain/people';
import {
  checkDuplicateIntegrations,
  checkIntegrationDates,
  checkRegistration,
  type FieldErrors,
} from '../domain/registration';
import type { Settings } from '../domain/settings';
import type { Invocation, RegistryDeps } from './context';
import { invalid } from './errors';

/**
 * The registration rules every account change shares (tag, edit, re-tag, import, hand-over): the
 * registration an input describes, the Jira facts it is checked against, and the record it makes.
 */
/** The registration an input describes, with the cadence defaulted (from the record being edited, else settings). */
export function registrationFrom(
  input: Omit<TagAccount, 'accountId'>,
  settings: Settings,
  current?: AccountRecord,
): Registration {
  return normalizeRegistration({
    purpose: input.purpose,
    ownerId: input.ownerId,
    ...(input.backupOwnerId ? { backupOwnerId: input.backupOwnerId } : {}),
    integrations: input.integrations,
    reviewCadenceDays:
      input.reviewCadenceDays ?? current?.reviewCadenceDays ?? settings.defaultReviewCadenceDays,
    ...(input.notes ? { notes: input.notes } : {}),
  });
}

export interface DirectoryFacts {
  users: Map<string, UserFacts>;
  /** Records (active or retired) of the owner and backup owner, to refuse integration accounts as owners. */
  records: Map<string, AccountRecord>;
}

/** One directory lookup and one registry read for the people a registration names. */
export async function gatherFacts(
  accountId: string,
  reg: Registration,
  deps: RegistryDeps,
): Promise<DirectoryFacts> {
  const ids = [...new Set([accountId, reg.ownerId, ...(reg.backupOwnerId ? [reg.backupOwnerId] : [])])];
  const [users, records] = await Promise.all([deps.directory.lookup(ids), deps.accounts.getMany(ids)]);
  return { users, records };
}

/**
 * The facts for registering an account anew (tag, re-tag): `gatherFacts`, and how many accounts it
 * owns (an account that owns others is a person, not an integration account; counted up to 100).
 */
export async function gatherTagFacts(
  accountId: string,
  reg: Registration,
  deps: RegistryDeps,
): Promise<{ facts: DirectoryFacts; owns: number }> {
  const [facts, owns] = await Promise.all([
    gatherFacts(accountId, reg, deps),
    deps.accounts.countOwnedBy(accountId, 100),
  ]);
  return { facts, owns };
}

/** All rules of a registration; throws BAD_REQUEST with field errors. */
export function checkOrThrow(
  accountId: string,
  reg: Registration,
  facts: DirectoryFacts,
  today: string,
  opts: { accountOwnsCount: number; alsoTagged?: ReadonlySet<string> },
): void {
  const errors = registrationErrors(accountId, reg, facts, today, opts);
  if (Object.keys(errors).length) throw invalid(errors);
}

export function registrationErrors(
  accountId: string,
  reg: Registration,
  facts: DirectoryFacts,
  today: string,
  opts: { accountOwnsCount: number; alsoTagged?: ReadonlySet<string> },
): FieldErrors {
  const taggedIds = new Set<string>(opts.alsoTagged ?? []);
  for (const [id, r] of facts.records) if (r.status === 'active' && id !== accountId) taggedIds.add(id);
  return {
    ...checkIntegrationDates(reg.integrations, today),
    ...checkDuplicateIntegrations(reg.integrations),
    ...checkRegistration(
      { accountId, ownerId: reg.ownerId, backupOwnerId: reg.backupOwnerId },
      {
        account: facts.users.get(accountId),
        owner: facts.users.get(reg.ownerId),
        backupOwner: reg.backupOwnerId ? facts.users.get(reg.backupOwnerId) : undefined,
        taggedIds,
        accountOwnsCount: opts.accountOwnsCount,
      },
    ),
  };
}

/** A record with `reg` and the Jira facts just looked up. */
export function withRegistration(
  base: Omit<AccountRecord, keyof Registration | 'backupOwnerId' | 'notes'> & Partial<AccountRecord>,
  reg: Registration,
  facts: DirectoryFacts,
  nowIso: string,
): AccountRecord {
  const account = facts.users.get(base.accountId);
  const owner = facts.users.get(reg.ownerId);
  const backup = reg.backupOwnerId ? facts.users.get(reg.backupOwnerId) : undefined;
  const {
    backupOwnerId: _b,
    backupOwnerName: _bn,
    backupOwnerActive: _ba,
    notes: _n,
    ...rest
  } = base as AccountRecord;
  // A new owner (or a fresh registration) starts the owner's tenure: proposals made before it die.
  const ownerChanged = (base as Partial<AccountRecord>).ownerId !== reg.ownerId;
  return {
    ...rest,
    ...(ownerChanged ? { ownerSince: nowIso } : {}),
    displayName: account?.displayName ?? base.displayName,
    ...(account?.emailAddress ? { emailAddress: account.emailAddress } : {}),
    accountType: account?.accountType ?? base.accountType,
    ...((account?.appType ?? base.appType) ? { appType: account?.appType ?? base.appType } : {}),
    accountActive: account?.active ?? false,
    jiraCheckedAt: nowIso,
    purpose: reg.purpose,
    ownerId: reg.ownerId,
    ownerName: owner?.displayName ?? reg.ownerId,
    ownerActive: owner?.active ?? false,
    ...(reg.backupOwnerId
      ? {
          backupOwnerId: reg.backupOwnerId,
          backupOwnerName: backup?.displayName ?? reg.backupOwnerId,
          backupOwnerActive: backup?.active ?? false,
        }
      : {}),
    integrations: reg.integrations,
    reviewCadenceDays: reg.reviewCadenceDays,
    ...(reg.notes ? { notes: reg.notes } : {}),
  };
}

export function newRecord(
  accountId: string,
  reg: Registration,
  facts: DirectoryFacts,
  inv: Invocation,
  now: Date,
): AccountRecord {
  const nowIso = now.toISOString();
  const by = inv.actorId ?? 'app';
  return withRegistration(
    {
      accountId,
      status: 'active',
      displayName: accountId,
      accountType: 'unknown',
      accountActive: false,
      jiraCheckedAt: nowIso,
      ownerName: '',
      ownerActive: false,
      lastReviewedOn: utcDate(now),
      taggedAt: nowIso,
      taggedBy: by,
      updatedAt: nowIso,
      updatedBy: by,
      version: 1,
    },
    reg,
    facts,
    nowIso,
  );
}
