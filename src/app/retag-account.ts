import type { AccountDto, UpdateAccount } from '../contract/accounts';
import { commitAccount, loadForChange, revised, type StatusRule } from './account-change';
import { checkOrThrow, gatherTagFacts, registrationFrom, withRegistration } from './account-registration';
import type { Invocation, RegistryDeps } from './context';

const MUST_BE_RETIRED: StatusRule = {
  status: 'retired',
  field: 'This account is already tagged.',
  message: 'The account is not retired.',
};

/** Tags a retired account again with a fresh registration; its review clock restarts. */
export async function retagAccount(
  input: UpdateAccount,
  inv: Invocation,
  deps: RegistryDeps,
): Promise<AccountDto> {
  const { now, nowIso, today, settings, view, current } = await loadForChange(input, MUST_BE_RETIRED, deps);
  const reg = registrationFrom(input, settings);
  const { facts, owns } = await gatherTagFacts(input.accountId, reg, deps);
  checkOrThrow(input.accountId, reg, facts, today, { accountOwnsCount: owns });
  const by = inv.actorId ?? 'app';
  const { retiredAt: _a, retiredBy: _b, retireReason: _c, ...rest } = revised(current, inv, nowIso);
  const after = withRegistration(
    { ...rest, status: 'active', ownerSince: nowIso, lastReviewedOn: today, taggedAt: nowIso, taggedBy: by },
    reg,
    facts,
    nowIso,
  );
  await commitAccount('account.retag', current, after, inv, now, deps);
  return view(after);
}
