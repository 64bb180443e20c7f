import type { AttestInput, MyAccount, NoticeDto } from '../contract/owner';
import type { AccountRecord } from '../domain/account';
import { utcDate } from '../domain/dates';
import { ADMINS, noticeKey } from '../domain/findings';
import { maxWarningDays } from '../domain/settings';
import type { Invocation } from './context';
import { invalid } from './errors';
import { myAccount } from './my-accounts';
import { resolveNow } from './open-findings';
import { roleOf } from './authorize';
import { commitOwnerChange, loadOwned, requireVersion } from './owner-access';
import type { ExtraWrite } from './ports';
import type { OversightDeps } from './oversight-ports';

/** "Still needed, purpose right": the review clock restarts today and REVIEW_OVERDUE resolves. */
export async function attest(input: AttestInput, inv: Invocation, deps: OversightDeps): Promise<MyAccount> {
  const r = await loadOwned(input.accountId, inv, deps);
  requireVersion(r, input.version);
  if (!input.purposeCorrect && !input.correctedPurpose)
    throw invalid({ correctedPurpose: 'Say what the account is for now.' });
  const now = deps.clock.now();
  const nowIso = now.toISOString();
  const today = utcDate(now);
  const role = roleOf(r, inv.actorId) ?? 'owner';
  const settings = await deps.settings.get();
  if (!input.stillNeeded) {
    // Nothing is reset: the admins are asked to retire the account.
    const notice: ExtraWrite = {
      kind: 'notice',
      key: noticeKey(ADMINS, r.accountId, 'NOT_NEEDED', today),
      value: {
        personId: ADMINS,
        accountId: r.accountId,
        code: 'NOT_NEEDED',
        createdAt: now.getTime(),
        record: {
          id: `${r.accountId}:NOT_NEEDED:${today}`,
          accountId: r.accountId,
          accountName: r.displayName,
          code: 'NOT_NEEDED',
          text: `The ${role} of ${r.displayName} says it is no longer needed: retire it.`,
          createdAt: nowIso,
          as: 'admin',
        } satisfies NoticeDto,
      },
    };
    const after = { ...r, version: r.version + 1 };
    await commitOwnerChange(
      'owner.attest',
      r,
      after,
      [notice],
      inv,
      deps,
      input.comment ?? 'No longer needed',
    );
    return myAccount(after, role, today, maxWarningDays(settings));
  }
  const resolved = resolveNow(r, ['REVIEW_OVERDUE'], nowIso);
  const after: AccountRecord = {
    ...r,
    ...(input.correctedPurpose && !input.purposeCorrect ? { purpose: input.correctedPurpose } : {}),
    lastReviewedOn: today,
    findings: resolved.findings,
    updatedAt: nowIso,
    updatedBy: inv.actorId ?? 'app',
    version: r.version + 1,
  };
  await commitOwnerChange('owner.attest', r, after, resolved.also, inv, deps, input.comment);
  return myAccount(after, role, today, maxWarningDays(settings));
}
