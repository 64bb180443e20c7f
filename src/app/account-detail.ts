import type { AccountDetail, JiraUserState } from '../contract/accounts';
import { peopleOf } from '../domain/account';
import { utcDate } from '../domain/dates';
import type { UserFacts } from '../domain/people';
import { maxWarningDays } from '../domain/settings';
import { toDto } from './account-views';
import type { RegistryDeps } from './context';
import { notFound } from './errors';
import { openFindingsOf } from './open-findings';

function stateOf(accountId: string, user: UserFacts | undefined): JiraUserState {
  if (!user) return { accountId, missing: true };
  return {
    accountId,
    missing: false,
    displayName: user.displayName,
    active: user.active,
    accountType: user.accountType,
    ...(user.emailAddress ? { emailAddress: user.emailAddress } : {}),
    ...(user.avatarUrl ? { avatarUrl: user.avatarUrl } : {}),
  };
}

/** The account page: the record, live Jira states (one bulk lookup), findings and audit history. */
export async function getAccount(
  input: { accountId: string; historyCursor?: string | undefined },
  deps: RegistryDeps,
): Promise<AccountDetail> {
  const record = await deps.accounts.get(input.accountId);
  if (!record) throw notFound('This account is not in the registry.');
  const ids = peopleOf(record);
  const [users, history, settings] = await Promise.all([
    deps.directory.lookup(ids),
    deps.audit.list({
      targetId: record.accountId,
      pageSize: 50,
      ...(input.historyCursor ? { cursor: input.historyCursor } : {}),
    }),
    deps.settings.get(),
  ]);
  return {
    account: toDto(record, utcDate(deps.clock.now()), maxWarningDays(settings)),
    jira: {
      account: stateOf(record.accountId, users.get(record.accountId)),
      owner: stateOf(record.ownerId, users.get(record.ownerId)),
      ...(record.backupOwnerId
        ? { backupOwner: stateOf(record.backupOwnerId, users.get(record.backupOwnerId)) }
        : {}),
    },
    // The record's own findings, as the registry list and the owner's page show them.
    findings: openFindingsOf(record),
    history,
  };
}
