import type { MyAccount, NameBackupOwnerInput, NoticeDto } from '../contract/owner';
import { type AccountRecord, registrationOf } from '../domain/account';
import { utcDate } from '../domain/dates';
import { maxWarningDays } from '../domain/settings';
import type { Invocation } from './context';
import { requireOwner } from './authorize';
import { invalid } from './errors';
import { myAccount } from './my-accounts';
import { resolveNow } from './open-findings';
import { commitOwnerChange, newsExpiry, noticeWrite, requireVersion } from './owner-access';
import { gatherFacts, registrationErrors, withRegistration } from './account-registration';
import type { OversightDeps } from './oversight-ports';

/** The period of the "you are the backup owner now" notice: one per person and account. */
const NAMED = 'named';

/**
 * The owner names (or replaces) the backup owner of an account they own. A Jira admin changes it on the
 * admin page (accounts/update); the backup owner cannot name their own successor. The registration's rules
 * hold (an active person, not the owner, not an integration account); the write is conditional on the
 * version the owner saw; the new backup is told, and NO_BACKUP_OWNER resolves now.
 */
export async function nameBackupOwner(
  input: NameBackupOwnerInput,
  inv: Invocation,
  deps: OversightDeps,
): Promise<MyAccount> {
  const r = requireOwner(await deps.accounts.get(input.accountId), inv.actorId);
  requireVersion(r, input.version);
  if (input.backupOwnerId === r.backupOwnerId && r.backupOwnerActive)
    throw invalid({ backupOwnerId: `${r.backupOwnerName ?? 'This person'} is the backup owner already.` });
  const reg = { ...registrationOf(r), backupOwnerId: input.backupOwnerId };
  const facts = await gatherFacts(r.accountId, reg, deps);
  const now = deps.clock.now();
  const nowIso = now.toISOString();
  const today = utcDate(now);
  // Only the backup's rule decides here: other problems of the record are not the owner's to fix now.
  const problem = registrationErrors(r.accountId, reg, facts, today, { accountOwnsCount: 0 }).backupOwnerId;
  if (problem) throw invalid({ backupOwnerId: problem });
  const after: AccountRecord = withRegistration(
    { ...r, updatedAt: nowIso, updatedBy: inv.actorId ?? r.ownerId, version: r.version + 1 },
    reg,
    facts,
    nowIso,
  );
  const resolved = resolveNow(after, ['NO_BACKUP_OWNER'], nowIso);
  after.findings = resolved.findings;
  const backupName = after.backupOwnerName ?? input.backupOwnerId;
  const notice: NoticeDto = {
    id: `${r.accountId}:BACKUP_OWNER_NAMED:${today}`,
    accountId: r.accountId,
    accountName: r.displayName,
    code: 'BACKUP_OWNER_NAMED',
    text: `${r.ownerName} named you the backup owner of ${r.displayName}: you stand in for the owner, and it is on your My integration accounts page.`,
    createdAt: nowIso,
    expiresAt: newsExpiry(now),
    as: 'backup',
  };
  const replaced = r.backupOwnerId && r.backupOwnerId !== input.backupOwnerId ? r.backupOwnerId : undefined;
  await commitOwnerChange(
    'owner.backup',
    r,
    after,
    [
      ...resolved.also,
      noticeWrite(input.backupOwnerId, r.accountId, 'BACKUP_OWNER_NAMED', NAMED, notice),
      // The person replaced is no longer told they are the backup.
      ...(replaced ? [noticeWrite(replaced, r.accountId, 'BACKUP_OWNER_NAMED', NAMED, null)] : []),
    ],
    inv,
    deps,
    replaced
      ? `Backup owner ${backupName} (replacing ${r.backupOwnerName ?? replaced})`
      : `Backup owner ${backupName}`,
  );
  const settings = await deps.settings.get();
  return myAccount(after, 'owner', today, maxWarningDays(settings));
}
