import type {
  OffboardingAcknowledged,
  OffboardingAcknowledgeInput,
  OffboardingCheckResult,
} from '../contract/offboarding';
import { utcDate } from '../domain/dates';
import { type PersonRoles, offboardingVerdict } from '../domain/offboarding';
import type { UserFacts } from '../domain/people';
import type { Invocation, RegistryDeps } from './context';
import { AppError, invalid, notFound } from './errors';
import { rolesOf } from './person-roles';
import { checkOrThrow, gatherFacts, withRegistration } from './account-registration';
import { commitAccount, revised } from './account-change';
import { retireAccount } from './retire-account';
import { registrationOf } from '../domain/account';
import { actedBy } from './acted-by';

function peopleOf(personId: string, roles: PersonRoles): string[] {
  const ids = new Set<string>([personId]);
  for (const r of [...(roles.is ? [roles.is] : []), ...roles.owns, ...roles.backs]) {
    ids.add(r.accountId);
    ids.add(r.ownerId);
    if (r.backupOwnerId) ids.add(r.backupOwnerId);
  }
  return [...ids];
}

function resultOf(
  personId: string,
  roles: PersonRoles,
  users: ReadonlyMap<string, UserFacts>,
  checkedAt: string,
): OffboardingCheckResult {
  const person = users.get(personId);
  return {
    person: person
      ? { accountId: personId, displayName: person.displayName, active: person.active, missing: false }
      : { accountId: personId, ...(roles.is ? { displayName: roles.is.displayName } : {}), missing: true },
    ...offboardingVerdict(personId, roles, users),
    checkedAt,
  };
}

/**
 * The offboarding check for one person: three storage reads (the record P may be, the owner and
 * backup-owner indexes; one more per further 100 accounts) and ONE directory lookup of P, the accounts
 * and their owners/backups — independent of the registry's size.
 */
export async function offboardingCheck(
  personId: string,
  deps: RegistryDeps,
): Promise<OffboardingCheckResult> {
  const roles = await rolesOf(personId, deps.accounts);
  const users = await deps.directory.lookup(peopleOf(personId, roles));
  return resultOf(personId, roles, users, deps.clock.now().toISOString());
}

/**
 * Hands an account over from the departing person (owner → new owner or the backup; backup → new
 * backup or none), checked by the registry's rules and committed with its audit record.
 */
export async function transferFromDeparting(
  input: {
    accountId: string;
    version: number;
    departingId: string;
    newOwnerId?: string | undefined;
    reason?: string | undefined;
  },
  inv: Invocation,
  deps: RegistryDeps,
): Promise<OffboardingCheckResult> {
  const now = deps.clock.now();
  const current = await deps.accounts.get(input.accountId);
  if (!current || current.status !== 'active') throw notFound('This account is not in the registry.');
  if (current.version !== input.version)
    throw new AppError('CONFLICT', 'Someone else changed this account after you checked. Check again.', {
      current: { version: current.version },
    });
  const reg = registrationOf(current);
  let backupNote = '';
  // People read the reason: the departing person by name (their id stays in the record's before/after).
  let departing: string;
  if (current.ownerId === input.departingId) {
    departing = current.ownerName;
    const next = input.newOwnerId ?? current.backupOwnerId;
    if (!next)
      throw invalid(
        { newOwnerId: 'This account has no backup owner: pick the new owner.' },
        'Pick the new owner.',
      );
    reg.ownerId = next;
    if (reg.backupOwnerId === next) {
      // The backup moves up and the departing owner cannot take the slot: said, never silent.
      delete reg.backupOwnerId;
      backupNote = `; ${current.displayName} has no backup owner now: name one`;
    }
  } else if (current.backupOwnerId === input.departingId) {
    departing = current.backupOwnerName ?? 'the backup owner';
    if (input.newOwnerId) reg.backupOwnerId = input.newOwnerId;
    else delete reg.backupOwnerId;
  } else {
    throw invalid(
      { departingId: 'This person neither owns nor backs up the account.' },
      'Nothing to hand over.',
    );
  }
  const facts = await gatherFacts(input.accountId, reg, deps);
  checkOrThrow(input.accountId, reg, facts, utcDate(now), { accountOwnsCount: 0 });
  const after = withRegistration(revised(current, inv, now.toISOString()), reg, facts, now.toISOString());
  await commitAccount(
    'offboarding.transfer',
    current,
    after,
    inv,
    now,
    deps,
    `${input.reason ?? `Hand-over from ${departing}`}${backupNote}`,
  );
  return offboardingCheck(input.departingId, deps);
}

/** Retires an account from the offboarding check (the registry's retire), then checks P again. */
export async function retireFromCheck(
  input: { accountId: string; version: number; reason: string },
  personId: string | undefined,
  inv: Invocation,
  deps: RegistryDeps,
): Promise<OffboardingCheckResult> {
  const retired = await retireAccount(input, inv, deps);
  return offboardingCheck(personId ?? retired.ownerId, deps);
}

/** Records "seen the warning, deactivating anyway" in the audit trail, with the verdict seen. */
export async function acknowledgeWarning(
  input: OffboardingAcknowledgeInput,
  inv: Invocation,
  deps: RegistryDeps,
): Promise<OffboardingAcknowledged> {
  const at = deps.clock.now().toISOString();
  const record = await deps.audit.commit({
    entry: {
      ...actedBy(inv, at),
      action: 'offboarding.acknowledge',
      target: { type: 'person', id: input.personId },
      after: { verdict: input.verdict, reason: input.reason, ...(input.note ? { note: input.note } : {}) },
      outcome: 'allowed',
      reason: input.reason,
    },
  });
  return { personId: input.personId, verdict: input.verdict, auditSeq: record.seq, at };
}
