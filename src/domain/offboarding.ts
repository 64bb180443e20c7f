import type { PersonRef } from '../contract/common';
import type {
  OffboardingAccount,
  OffboardingReason,
  SuggestedAction,
  Verdict,
} from '../contract/offboarding';
import type { AccountRecord } from './account';
import type { UserFacts } from './people';

/** What the registry says about person P: the record P is (if tagged), the accounts P owns and backs up. */
export interface PersonRoles {
  is?: AccountRecord;
  owns: readonly AccountRecord[];
  backs: readonly AccountRecord[];
}

export interface OffboardingVerdict {
  verdict: Verdict;
  reasons: OffboardingReason[];
  accounts: OffboardingAccount[];
}

const RANK: Record<Verdict, number> = { safe: 0, warn: 1, block: 2 };

/** A user's state from the lookup; unknown to Jira = not active. Falls back to the record's last known. */
function activeOf(id: string, users: ReadonlyMap<string, UserFacts>, lastKnown: boolean): boolean {
  const u = users.get(id);
  return u ? u.active : users.size > 0 ? false : lastKnown;
}

function ref(
  id: string,
  name: string | undefined,
  users: ReadonlyMap<string, UserFacts>,
  lastKnown: boolean,
): PersonRef {
  return {
    accountId: id,
    displayName: users.get(id)?.displayName ?? name ?? id,
    active: activeOf(id, users, lastKnown),
  };
}

function view(
  r: AccountRecord,
  role: OffboardingAccount['role'],
  suggestedAction: SuggestedAction,
  users: ReadonlyMap<string, UserFacts>,
): OffboardingAccount {
  return {
    accountId: r.accountId,
    displayName: users.get(r.accountId)?.displayName ?? r.displayName,
    role,
    suggestedAction,
    accountActive: activeOf(r.accountId, users, r.accountActive),
    owner: ref(r.ownerId, r.ownerName, users, r.ownerActive),
    ...(r.backupOwnerId
      ? { backupOwner: ref(r.backupOwnerId, r.backupOwnerName, users, r.backupOwnerActive ?? false) }
      : {}),
    integrations: r.integrations.map((i) => ({ system: i.system, environment: i.environment })),
    version: r.version,
  };
}

/**
 * The offboarding verdict for P (DESIGN.md §2), from the registry and the people's Jira states now:
 * - block: P is a tagged, active integration account; or P owns an active integration account whose
 *   backup owner is missing or not active (deactivating P orphans it);
 * - warn: P owns accounts with an active backup owner, or P is a backup owner;
 * - safe: none of the above.
 * Retired records are ignored. `users` holds the lookup of P, the accounts and their owners/backups.
 */
export function offboardingVerdict(
  personId: string,
  roles: PersonRoles,
  users: ReadonlyMap<string, UserFacts>,
): OffboardingVerdict {
  let verdict: Verdict = 'safe';
  const raise = (v: Verdict) => {
    if (RANK[v] > RANK[verdict]) verdict = v;
  };
  const reasons: OffboardingReason[] = [];
  const accounts: OffboardingAccount[] = [];
  const personName = users.get(personId)?.displayName ?? roles.is?.displayName ?? 'This person';

  const is = roles.is?.status === 'active' ? roles.is : undefined;
  if (is) {
    const active = activeOf(is.accountId, users, is.accountActive);
    accounts.push(view(is, 'is', 'retire', users));
    if (active) {
      raise('block');
      reasons.push({
        code: 'IS_INTEGRATION_ACCOUNT',
        accountId: is.accountId,
        text: `${personName} is a tagged integration account${is.integrations.length ? ` used by ${is.integrations.map((i) => i.system).join(', ')}` : ''}: deactivating it breaks those integrations. Retire it in the registry first, or keep it.`,
      });
    } else {
      reasons.push({
        code: 'IS_INACTIVE_INTEGRATION_ACCOUNT',
        accountId: is.accountId,
        text: `${personName} is a tagged integration account that Jira already has deactivated; retire it in the registry.`,
      });
    }
  }

  for (const r of roles.owns) {
    if (r.status !== 'active' || r.accountId === personId) continue;
    const backupActive =
      !!r.backupOwnerId &&
      r.backupOwnerId !== personId &&
      activeOf(r.backupOwnerId, users, r.backupOwnerActive ?? false);
    const accountActive = activeOf(r.accountId, users, r.accountActive);
    const name = users.get(r.accountId)?.displayName ?? r.displayName;
    if (backupActive) {
      raise('warn');
      const backupName =
        users.get(r.backupOwnerId ?? '')?.displayName ?? r.backupOwnerName ?? 'the backup owner';
      accounts.push(view(r, 'owner', 'transfer-to-backup', users));
      reasons.push({
        code: 'OWNS_WITH_ACTIVE_BACKUP',
        accountId: r.accountId,
        text: `${personName} owns ${name}; its backup owner ${backupName} can take over.`,
      });
    } else {
      if (accountActive) raise('block');
      else raise('warn');
      accounts.push(view(r, 'owner', accountActive ? 'pick-new-owner' : 'retire', users));
      reasons.push({
        code: 'OWNS_WITHOUT_ACTIVE_BACKUP',
        accountId: r.accountId,
        text: accountActive
          ? `${personName} owns ${name}, which has no active backup owner: deactivating ${personName} leaves it without an owner. Pick a new owner first.`
          : `${personName} owns ${name}, which has no active backup owner; Jira has it deactivated already, so retire it or pick a new owner.`,
      });
    }
  }

  for (const r of roles.backs) {
    if (r.status !== 'active' || r.accountId === personId || r.ownerId === personId) continue;
    raise('warn');
    const name = users.get(r.accountId)?.displayName ?? r.displayName;
    accounts.push(view(r, 'backup', 'pick-new-owner', users));
    reasons.push({
      code: 'IS_BACKUP_OWNER',
      accountId: r.accountId,
      text: `${personName} is the backup owner of ${name}; name another backup owner.`,
    });
  }
  return { verdict, reasons, accounts };
}
