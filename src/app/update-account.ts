import type { AccountDto, UpdateAccount } from '../contract/accounts';
import { changedFields, registrationOf } from '../domain/account';
import { commitAccount, loadForChange, MUST_BE_ACTIVE, revised } from './account-change';
import { checkOrThrow, gatherFacts, registrationFrom, withRegistration } from './account-registration';
import type { Invocation, RegistryDeps } from './context';

/** Saves an edited registration; nothing is written when nothing changed. */
export async function updateAccount(
  input: UpdateAccount,
  inv: Invocation,
  deps: RegistryDeps,
): Promise<AccountDto> {
  const { now, nowIso, today, settings, view, current } = await loadForChange(input, MUST_BE_ACTIVE, deps);
  const reg = registrationFrom(input, settings, current);
  if (changedFields(registrationOf(current), reg).length === 0) return view(current);
  const facts = await gatherFacts(input.accountId, reg, deps);
  checkOrThrow(input.accountId, reg, facts, today, { accountOwnsCount: 0 });
  const after = withRegistration(revised(current, inv, nowIso), reg, facts, nowIso);
  await commitAccount('account.update', current, after, inv, now, deps);
  return view(after);
}
