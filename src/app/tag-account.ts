import type { AccountDto, TagAccount } from '../contract/accounts';
import { commitAccount, startChange } from './account-change';
import { checkOrThrow, gatherTagFacts, newRecord, registrationFrom } from './account-registration';
import type { Invocation, RegistryDeps } from './context';
import { invalid } from './errors';

/** Tags a site user as an integration account. */
export async function tagAccount(
  input: TagAccount,
  inv: Invocation,
  deps: RegistryDeps,
): Promise<AccountDto> {
  const { now, today, settings, view } = await startChange(deps);
  const reg = registrationFrom(input, settings);
  const { facts, owns } = await gatherTagFacts(input.accountId, reg, deps);
  const existing = facts.records.get(input.accountId);
  if (existing?.status === 'active')
    throw invalid({ accountId: `${existing.displayName} is already tagged.` });
  if (existing?.status === 'retired')
    throw invalid({ accountId: `${existing.displayName} was retired; re-tag it to register it again.` });
  checkOrThrow(input.accountId, reg, facts, today, { accountOwnsCount: owns });
  const record = newRecord(input.accountId, reg, facts, inv, now);
  await commitAccount('account.tag', undefined, record, inv, now, deps);
  return view(record);
}
