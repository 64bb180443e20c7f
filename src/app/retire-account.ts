import type { AccountDto } from '../contract/accounts';
import type { AccountRecord } from '../domain/account';
import { utcDate } from '../domain/dates';
import { maxWarningDays } from '../domain/settings';
import { commitAccount, loadForChange, requireVersion, viewOf } from './account-change';
import type { Invocation, RegistryDeps } from './context';
import { invalid } from './errors';
import { resolveNow } from './open-findings';
import type { ExtraWrite } from './ports';

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
        at: now.toISOString(),
        actor: { accountId: inv.actorId, kind: inv.actorKind },
        source: inv.source,
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

/** Untags an account with a reason; the record and its history stay. */
export async function retireAccount(
  input: { accountId: string; version: number; reason: string },
  inv: Invocation,
  deps: RegistryDeps,
): Promise<AccountDto> {
  const now = deps.clock.now();
  const current = await loadForChange(input.accountId, deps);
  const settings = await deps.settings.get();
  requireVersion(current, input.version, utcDate(now), maxWarningDays(settings));
  if (current.status === 'retired')
    throw invalid({ accountId: 'This account is already retired.' }, 'The account is already retired.');
  const nowIso = now.toISOString();
  const by = inv.actorId ?? 'app';
  // A retired account raises nothing: its open findings close now, with their notices, not at a sweep
  // (the sweep only looks at active accounts).
  const closed = resolveNow(current, undefined, nowIso);
  const fit = closed.also.slice(0, MAX_EXTRA_WRITES);
  const after: AccountRecord = {
    ...current,
    findings: [],
    status: 'retired',
    retiredAt: nowIso,
    retiredBy: by,
    retireReason: input.reason,
    updatedAt: nowIso,
    updatedBy: by,
    version: current.version + 1,
  };
  await commitAccount('account.retire', current, after, inv, now, deps, input.reason, fit);
  await withdrawNotices(closed.also.slice(MAX_EXTRA_WRITES), after, inv, now, deps);
  return viewOf(after, now, deps);
}
