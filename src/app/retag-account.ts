import type { AccountDto, UpdateAccount } from '../contract/accounts';
import { utcDate } from '../domain/dates';
import { maxWarningDays } from '../domain/settings';
import { commitAccount, loadForChange, requireVersion } from './account-change';
import { checkOrThrow, gatherFacts, registrationFrom, withRegistration } from './account-registration';
import { toDto } from './account-views';
import type { Invocation, RegistryDeps } from './context';
import { invalid } from './errors';

/** Tags a retired account again with a fresh registration; its review clock restarts. */
export async function retagAccount(
  input: UpdateAccount,
  inv: Invocation,
  deps: RegistryDeps,
): Promise<AccountDto> {
  const now = deps.clock.now();
  const today = utcDate(now);
  const settings = await deps.settings.get();
  const windowDays = maxWarningDays(settings);
  const current = await loadForChange(input.accountId, deps);
  requireVersion(current, input.version, today, windowDays);
  if (current.status !== 'retired')
    throw invalid({ accountId: 'This account is already tagged.' }, 'The account is not retired.');
  const reg = registrationFrom(input, settings);
  const [facts, owns] = await Promise.all([
    gatherFacts(input.accountId, reg, deps),
    deps.accounts.countOwnedBy(input.accountId, 100),
  ]);
  checkOrThrow(input.accountId, reg, facts, today, { accountOwnsCount: owns });
  const nowIso = now.toISOString();
  const by = inv.actorId ?? 'app';
  const { retiredAt: _a, retiredBy: _b, retireReason: _c, ...rest } = current;
  const after = withRegistration(
    {
      ...rest,
      status: 'active',
      ownerSince: nowIso,
      lastReviewedOn: today,
      taggedAt: nowIso,
      taggedBy: by,
      updatedAt: nowIso,
      updatedBy: by,
      version: current.version + 1,
    },
    reg,
    facts,
    nowIso,
  );
  await commitAccount('account.retag', current, after, inv, now, deps);
  return toDto(after, today, windowDays);
}
