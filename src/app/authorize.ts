/**
 * Who may call what, decided on the server from the platform's identity of the caller (never the
 * payload). Three checks, each used by the resolver keys (src/entry) or the use cases that load what
 * they check against:
 *
 * 1. **Jira admin** (`jiraAdmin`): the global Administer Jira permission, asked of Jira as the caller.
 * 2. **Offboarding staff** (`offboardingStaff`, `departingPerson`, `requireDepartingForStaff`): Jira admins,
 *    or members of a group named in the settings' `offboardingGroups` — these only for a person who is
 *    really departing, and only on that person's accounts (docs/trust.md, "Offboarding staff").
 * 3. **The account's people** (`signedIn`, then `requireOwnerOrBackup`, `requireOwner`,
 *    `requireProposedOwner`, `requireProposedPerson`): any
 *    signed-in user reaches the owner surfaces; each use case then checks STORED ownership, or the
 *    stored proposal naming the caller.
 */
import type { ActorKind } from '../contract/audit';
import type { OwnerProposal } from '../contract/owner';
import type { AccountRecord } from '../domain/account';
import { AppError, forbidden } from './errors';
import type { OversightDeps } from './oversight-ports';
import type { CallerPermissions } from './ports';

/** The caller as the platform names it: `context.accountId`, and the offboarding ticket it acts from. */
export interface Caller {
  accountId: string | null;
  /** The call comes from the admin page (where the departing person is the one asked for). */
  adminPage: boolean;
  /** The work item of the issue panel the call comes from; absent on the admin and owner pages. */
  ticketKey?: string;
}

/** What a passed check grants: a Jira admin, offboarding staff by group only, or a signed-in user. */
export type Grant = 'admin' | 'staff' | 'user';

export type AuthorizeDeps = Pick<OversightDeps, 'settings' | 'staff' | 'directory' | 'accounts'> & {
  permissions: CallerPermissions;
};

/** A check run before the input is parsed; throws FORBIDDEN. `actorKind` is how the audit trail names the caller. */
export interface Policy {
  readonly actorKind: ActorKind;
  grant(caller: Caller, deps: AuthorizeDeps): Promise<Grant>;
}

const signIn = () => new AppError('FORBIDDEN', 'Sign in to Jira to use this app.');

/** 1. Jira admins only. */
export const jiraAdmin: Policy = {
  actorKind: 'admin',
  async grant(caller, deps) {
    if (!caller.accountId) throw signIn();
    if (!(await deps.permissions.isJiraAdmin())) throw forbidden();
    return 'admin';
  },
};

/** 2. Jira admins, or members of a group named in the settings' `offboardingGroups`. */
export const offboardingStaff: Policy = {
  actorKind: 'admin',
  async grant(caller, deps) {
    const me = caller.accountId;
    if (!me) throw signIn();
    if (await deps.permissions.isJiraAdmin()) return 'admin';
    const [settings, groups] = await Promise.all([deps.settings.get(), deps.staff.groupsOf(me)]);
    if (groups.some((g) => settings.offboardingGroups.includes(g))) return 'staff';
    throw forbidden('Only Jira admins and offboarding staff can run the offboarding check.');
  },
};

/** 3. Any signed-in user: the owner surfaces, whose use cases check stored ownership. */
export const signedIn: Policy = {
  actorKind: 'user',
  grant(caller) {
    return caller.accountId ? Promise.resolve('user') : Promise.reject(signIn());
  },
};

/**
 * The departing person: on the admin page, the one asked for; in the issue panel, the one the work
 * item's user field (settings) names — read as the caller, so only people who see the ticket learn it.
 */
export async function departingPerson(
  caller: Caller,
  asked: string | undefined,
  deps: Pick<OversightDeps, 'settings' | 'staff'>,
): Promise<string> {
  if (caller.ticketKey === undefined) {
    if (!asked)
      throw new AppError('BAD_REQUEST', 'Pick the person to check.', {
        fields: { personId: 'Pick a person.' },
      });
    return asked;
  }
  const settings = await deps.settings.get();
  const person = settings.offboardingUserField
    ? await deps.staff.issueUserField(caller.ticketKey, settings.offboardingUserField)
    : undefined;
  if (!person) throw new AppError('NOT_FOUND', 'This work item names no departing person.');
  if (asked && asked !== person) throw forbidden('This panel only checks the person its work item names.');
  return person;
}

/**
 * The rule for offboarding staff who are not Jira admins: they act (hand over, retire, acknowledge)
 * only for a person who is really departing — named by the departing-person field of an offboarding
 * ticket they can see (the issue panel reads it as them), or already deactivated (or gone) in Jira —
 * and only on that person's accounts: the account they are, own or back up.
 */
export async function requireDepartingForStaff(
  grant: Grant,
  caller: Caller,
  personId: string | undefined,
  deps: Pick<OversightDeps, 'directory' | 'accounts'>,
  accountId?: string,
): Promise<void> {
  if (grant !== 'staff') return;
  if (!personId)
    throw forbidden(
      'Offboarding staff act for a departing person: open the offboarding ticket that names them and act from its panel.',
    );
  const fromTicket = caller.ticketKey !== undefined;
  const [users, record] = await Promise.all([
    fromTicket ? Promise.resolve(undefined) : deps.directory.lookup([personId]),
    accountId ? deps.accounts.get(accountId) : Promise.resolve(undefined),
  ]);
  const person = users?.get(personId);
  if (!fromTicket && person?.active !== false && person !== undefined)
    throw forbidden(
      `${person.displayName} is not departing: offboarding staff act only for a person named on an offboarding ticket they can see (act from the ticket's panel) or already deactivated. A Jira admin can act here.`,
    );
  if (
    accountId &&
    record &&
    record.accountId !== personId &&
    record.ownerId !== personId &&
    record.backupOwnerId !== personId
  )
    throw forbidden(
      `${record.displayName} is not an account of the departing person: offboarding staff act only on the accounts the departing person is, owns or backs up.`,
    );
}

/** The caller's relation to an account, from STORED ownership (never from the payload). */
export function roleOf(r: AccountRecord, callerId: string | null): 'owner' | 'backup' | undefined {
  if (!callerId || r.status !== 'active') return undefined;
  if (r.ownerId === callerId) return 'owner';
  if (r.backupOwnerId === callerId) return 'backup';
  return undefined;
}

/** The stored account, when the caller owns or backs it up; FORBIDDEN otherwise (also when it is gone). */
export function requireOwnerOrBackup(r: AccountRecord | undefined, callerId: string | null): AccountRecord {
  if (!r || !roleOf(r, callerId))
    throw forbidden('Only the owner or backup owner of this account can do this.');
  return r;
}

/** The stored proposal naming the caller as the new owner, when they may accept it themselves. */
export function requireProposedOwner(
  proposal: OwnerProposal | undefined,
  callerId: string | null,
): OwnerProposal {
  if (!proposal || !callerId) throw forbidden('Nobody proposed you as the owner of this account.');
  if (proposal.needsApproval || proposal.proposedBy.accountId === callerId)
    throw forbidden(
      'You cannot make yourself the owner: the owner can propose you, or a Jira admin can approve your request.',
    );
  return proposal;
}

/**
 * The stored account, when the caller is its owner (naming the backup owner). The backup owner does not
 * name their successor; a Jira admin changes it on the admin page, not here.
 */
export function requireOwner(r: AccountRecord | undefined, callerId: string | null): AccountRecord {
  if (!r || r.status !== 'active' || !callerId || r.ownerId !== callerId)
    throw forbidden(
      r && roleOf(r, callerId) === 'backup'
        ? 'Only the owner of this account can name its backup owner (or a Jira admin, on the admin page).'
        : 'Only the owner of this account can name its backup owner.',
    );
  return r;
}

/** The stored proposal naming the caller, when they may answer it (decline); their own request is an admin's to decide. */
export function requireProposedPerson(
  proposal: OwnerProposal | undefined,
  callerId: string | null,
): OwnerProposal {
  if (!proposal || !callerId) throw forbidden('Nobody proposed you as the owner of this account.');
  if (proposal.needsApproval)
    throw forbidden('You asked to become the owner yourself: a Jira admin approves or rejects that request.');
  return proposal;
}
