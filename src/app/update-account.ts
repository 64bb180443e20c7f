import type { AccountDto, UpdateAccount } from '../contract/accounts';
import { changedFields, registrationOf } from '../domain/account';
import { utcDate } from '../domain/dates';
import { maxWarningDays } from '../domain/settings';
import { commitAccount, loadForChange, requireVersion } from './account-change';
import { checkOrThrow, gatherFacts, registrationFrom, withRegistration } from './account-registration';
import { toDto } from './account-views';
import type { Invocation, RegistryDeps } from './context';
import { invalid } from './errors';

/** Saves an edited registration; nothing is written when nothing changed. */
export async function updateAccount(
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
  if (current.status !== 'active')
    throw invalid(
      { accountId: 'This account is retired; re-tag it to register it again.' },
      'The account is retired.',
    );
  const reg = registrationFrom(input, settings, current);
  if (changedFields(registrationOf(current), reg).length === 0) return toDto(current, today, windowDays);
  const facts = await gatherFacts(input.accountId, reg, deps);
  checkOrThrow(input.accountId, reg, facts, today, { accountOwnsCount: 0 });
  const after = withRegistration(
    {
      ...current,
      updatedAt: now.toISOString(),
      updatedBy: inv.actorId ?? 'app',
      version: current.version + 1,
    },
    reg,
    facts,
    now.toISOString(),
  );
  await commitAccount('account.update', current, after, inv, now, deps);
  return toDto(after, today, windowDays);
}
