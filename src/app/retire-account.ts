import type { AccountDto } from '../contract/accounts';
import type { AccountRecord } from '../domain/account';
import { commitAccount, loadForChange, MUST_BE_ACTIVE, revised } from './account-change';
import type { Invocation, RegistryDeps } from './context';
import { resolveNow } from './open-findings';
import type { ExtraWrite } from './ports';
import { actedBy } from './acted-by';

/** A Forge transaction holds ≤ 25 operations; an account change uses 4 (audit, head, account, counters). */
const MAX_EXTRA_WRITES = 21;

/** Notices that did not fit the change's transaction, withdrawn in their own (audited) transactions. */
async function withdrawNotices(
  rest: ExtraWrite[],
  account: AccountRecord,
  inv: Invocation,
  now: Date,
  deps: RegistryDeps,
): Promise<void> {
  for (let i = 0; i < rest.length; i += MAX_EXTRA_WRITES + 2) {
    const chunk = rest.slice(i, i + MAX_EXTRA_WRITES + 2);
    await deps.audit.commit({
      entry: {
        ...actedBy(inv, now),
        action: 'account.retire',
        target: { type: 'account', id: account.accountId },
        after: { noticesWithdrawn: chunk.length },
        outcome: 'allowed',
        reason: 'Notices about the retired account withdrawn',
      },
      also: chunk,
    });
  }
}

/** Retiring needs an active account; a retired one is told so in these words. */
const ALREADY_RETIRED = {
  ...MUST_BE_ACTIVE,
  field: 'This account is already retired.',
  message: 'The account is already retired.',
};

/** Untags an account with a reason; the record and its history stay. */
export async function retireAccount(
  input: { accountId: string; version: number; reason: string },
  inv: Invocation,
  deps: RegistryDeps,
): Promise<AccountDto> {
  const { now, nowIso, view, current } = await loadForChange(input, ALREADY_RETIRED, deps);
  // A retired account raises nothing: its open findings close now, with their notices, not at a sweep
  // (the sweep only looks at active accounts).
  const closed = resolveNow(current, undefined, nowIso);
  const fit = closed.also.slice(0, MAX_EXTRA_WRITES);
  const after: AccountRecord = {
    ...revised(current, inv, nowIso),
    findings: [],
    status: 'retired',
    retiredAt: nowIso,
    retiredBy: inv.actorId ?? 'app',
    retireReason: input.reason,
  };
  await commitAccount('account.retire', current, after, inv, now, deps, input.reason, fit);
  await withdrawNotices(closed.also.slice(MAX_EXTRA_WRITES), after, inv, now, deps);
  return view(after);
}
