/**
 * Moving an integration off a personal account (PERSONAL_ACCOUNT) onto an Atlassian service account,
 * tracked in three audited steps: mark the service account that replaces it (`account.migration.mark`),
 * move its integrations over (`account.tag`/`account.update` of the replacement, then
 * `account.migration.move` of the old one), and retire the old account (`account.retire`, existing).
 */
import type { AccountDto } from '../contract/accounts';
import type { AccountRecord } from '../domain/account';
import { accountKind } from '../domain/account-kinds';
import type { Invocation, RegistryDeps } from './context';
import { invalid } from './errors';
import { commitAccount, loadForChange, MUST_BE_ACTIVE, revised } from './account-change';
import { tagAccount } from './tag-account';
import { updateAccount } from './update-account';

/** Migration steps move active accounts only. */
const MUST_BE_ACTIVE_HERE = { ...MUST_BE_ACTIVE, field: 'This account is retired.' };

/** Step 1: names the Atlassian service account that replaces this personal account. */
export async function markMigration(
  input: { accountId: string; version: number; replacementId: string },
  inv: Invocation,
  deps: RegistryDeps,
): Promise<AccountDto> {
  const { now, nowIso, view, current: record } = await loadForChange(input, MUST_BE_ACTIVE_HERE, deps);
  if (accountKind(record) !== 'personal')
    throw invalid({ accountId: 'Only a personal account needs moving to a service account.' });
  if (input.replacementId === record.accountId)
    throw invalid({ replacementId: 'Pick another account: the service account that takes over.' });
  const users = await deps.directory.lookup([input.replacementId]);
  const replacement = users.get(input.replacementId);
  if (!replacement) throw invalid({ replacementId: `Jira has no account ${input.replacementId}.` });
  if (accountKind(replacement) !== 'service-account')
    throw invalid({
      replacementId: `${replacement.displayName} is not an Atlassian service account. Create one in admin.atlassian.com → Directory → Service accounts.`,
    });
  if (!replacement.active) throw invalid({ replacementId: `${replacement.displayName} is deactivated.` });
  const after: AccountRecord = {
    ...revised(record, inv, nowIso),
    migration: {
      replacementId: replacement.accountId,
      replacementName: replacement.displayName,
      markedAt: nowIso,
      markedBy: inv.actorId ?? 'app',
    },
  };
  await commitAccount(
    'account.migration.mark',
    record,
    after,
    inv,
    now,
    deps,
    `replaced by ${replacement.displayName}`,
  );
  return view(after);
}

/**
 * Step 2: the replacement takes over the integrations (tagged with this account's purpose, owner, backup
 * and cadence if it is not in the registry yet), and this account keeps none. Its credentials must still
 * be issued to the service account in each tool: the app records metadata, never secrets.
 */
export async function moveMigration(
  input: { accountId: string; version: number },
  inv: Invocation,
  deps: RegistryDeps,
): Promise<AccountDto> {
  const { now, nowIso, view, current: record } = await loadForChange(input, MUST_BE_ACTIVE_HERE, deps);
  const m = record.migration;
  if (!m) throw invalid({ replacementId: 'First mark the service account that replaces this account.' });
  if (m.movedAt) throw invalid({ accountId: `The integrations already moved to ${m.replacementName}.` });
  const target = await deps.accounts.get(m.replacementId);
  const carried = record.integrations;
  if (target?.status === 'active') {
    const seen = new Set(target.integrations.map((i) => `${i.system}\u0000${i.environment}`));
    await updateAccount(
      {
        accountId: target.accountId,
        version: target.version,
        purpose: target.purpose,
        ownerId: target.ownerId,
        ...(target.backupOwnerId ? { backupOwnerId: target.backupOwnerId } : {}),
        integrations: [
          ...target.integrations,
          ...carried.filter((i) => !seen.has(`${i.system}\u0000${i.environment}`)),
        ],
        reviewCadenceDays: target.reviewCadenceDays,
        ...(target.notes ? { notes: target.notes } : {}),
      },
      inv,
      deps,
    );
  } else if (!target) {
    await tagAccount(
      {
        accountId: m.replacementId,
        purpose: record.purpose,
        ownerId: record.ownerId,
        ...(record.backupOwnerId ? { backupOwnerId: record.backupOwnerId } : {}),
        integrations: carried,
        reviewCadenceDays: record.reviewCadenceDays,
        notes: `Took over from ${record.displayName} (personal account).`,
      },
      inv,
      deps,
    );
  } else throw invalid({ replacementId: `${m.replacementName} was retired; re-tag it first.` });

  const after: AccountRecord = {
    ...revised(record, inv, nowIso),
    integrations: [],
    migration: { ...m, movedAt: nowIso, movedBy: inv.actorId ?? 'app' },
  };
  await commitAccount(
    'account.migration.move',
    record,
    after,
    inv,
    now,
    deps,
    `${carried.length} integration(s) to ${m.replacementName}`,
  );
  return view(after);
}
