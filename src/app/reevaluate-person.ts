import { type AccountRecord, peopleOf } from '../domain/account';
import type { FindingFacts } from '../domain/findings';
import type { Settings } from '../domain/settings';
import type { Invocation } from './context';
import type { OversightDeps } from './oversight-ports';
import { rolesOf } from './person-roles';
import { reconcileAccount, sweepInvocation } from './reconcile';

/**
 * The fast path of `avi:jira:updated:user` / `avi:jira:deleted:user`: re-evaluates only the accounts
 * where that user is the account, the owner or the backup (the owner/backup indexes), with one
 * directory lookup. Idempotent: a redelivered event finds nothing to change.
 */
export async function reevaluatePerson(
  personId: string,
  deps: OversightDeps,
  inv: Invocation = sweepInvocation('trigger', 'user-event'),
): Promise<{ accounts: number; written: number; opened: number; notices: number }> {
  const { is: self, owns: owned, backs: backed } = await rolesOf(personId, deps.accounts);
  const records = new Map<string, AccountRecord>();
  for (const r of [...(self?.status === 'active' ? [self] : []), ...owned, ...backed])
    records.set(r.accountId, r);
  if (records.size === 0) return { accounts: 0, written: 0, opened: 0, notices: 0 };

  const owners = [...new Set([...records.values()].map((r) => r.ownerId))];
  const ownerRecords = await deps.accounts.getMany(owners);
  const tagged = new Set([
    ...records.keys(),
    ...[...ownerRecords.values()].filter((r) => r.status === 'active').map((r) => r.accountId),
  ]);
  const ids = [...new Set([...records.values()].flatMap(peopleOf))];
  const users = await deps.directory.lookup(ids);
  const settings: Settings = await deps.settings.get();
  const state = (id: string) => {
    const u = users.get(id);
    return u ? ({ kind: 'found', user: u } as const) : ({ kind: 'missing' } as const);
  };
  let written = 0;
  let opened = 0;
  let notices = 0;
  for (const r of records.values()) {
    const facts: FindingFacts = {
      account: state(r.accountId),
      owner: state(r.ownerId),
      ...(r.backupOwnerId ? { backupOwner: state(r.backupOwnerId) } : {}),
      tagged,
    };
    const outcome = await reconcileAccount(r, facts, settings, inv, deps);
    if (outcome.written) written++;
    opened += outcome.opened;
    notices += outcome.notices;
  }
  return { accounts: records.size, written, opened, notices };
}
