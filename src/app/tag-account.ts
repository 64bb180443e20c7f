import type { AccountDto, TagAccount } from '../contract/accounts';
import { utcDate } from '../domain/dates';
import { maxWarningDays } from '../domain/settings';
import { commitAccount } from './account-change';
import { checkOrThrow, gatherFacts, newRecord, registrationFrom } from './account-registration';
import { toDto } from './account-views';
import type { Invocation, RegistryDeps } from './context';
import { invalid } from './errors';

/** Tags a site user as an integration account. */
export async function tagAccount(
  input: TagAccount,
  inv: Invocation,
  deps: RegistryDeps,
): Promise<AccountDto> {
  const now = deps.clock.now();
  const today = utcDate(now);
  const settings = await deps.settings.get();
  const reg = registrationFrom(input, settings);
  const [facts, owns] = await Promise.all([
    gatherFacts(input.accountId, reg, deps),
    deps.accounts.countOwnedBy(input.accountId, 100),
  ]);
  const existing = facts.records.get(input.accountId);
  if (existing?.status === 'active')
    throw invalid({ accountId: `${existing.displayName} is already tagged.` });
  if (existing?.status === 'retired')
    throw invalid({ accountId: `${existing.displayName} was retired; re-tag it to register it again.` });
  checkOrThrow(input.accountId, reg, facts, today, { accountOwnsCount: owns });
  const record = newRecord(input.accountId, reg, facts, inv, now);
  await commitAccount('account.tag', undefined, record, inv, now, deps);
  return toDto(record, today, maxWarningDays(settings));
}
