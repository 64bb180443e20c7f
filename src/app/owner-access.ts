import { actedBy } from './acted-by';
import type { NoticeDto } from '../contract/owner';
import type { AccountRecord } from '../domain/account';
import { noticeKey } from '../domain/findings';
import type { Invocation } from './context';
import { requireOwnerOrBackup } from './authorize';
import { conflict } from './errors';
import { type ExtraWrite, StaleWriteError } from './ports';
import type { OversightDeps } from './oversight-ports';

/** What the owner surfaces' use cases share: the owned account, versions, audited commits, notices. */

/** The account, when the caller owns or backs it up; FORBIDDEN otherwise (also when it is not there). */
export async function loadOwned(
  accountId: string,
  inv: Invocation,
  deps: OversightDeps,
): Promise<AccountRecord> {
  return requireOwnerOrBackup(await deps.accounts.get(accountId), inv.actorId);
}

export function requireVersion(r: AccountRecord, version: number): void {
  if (r.version !== version)
    throw conflict('Someone else changed this account after you opened it. Reload and try again.', {
      version: r.version,
    });
}

export type OwnerChangeAction =
  'owner.attest' | 'owner.rotation' | 'owner.accept' | 'owner.decide' | 'owner.backup';

/** One audited, conditional write of the account (CONFLICT when it changed since it was read). */
export async function commitOwnerChange(
  action: OwnerChangeAction,
  before: AccountRecord,
  after: AccountRecord,
  also: ExtraWrite[],
  inv: Invocation,
  deps: OversightDeps,
  reason?: string,
): Promise<void> {
  try {
    await deps.audit.commit({
      entry: {
        ...actedBy(inv, deps.clock),
        action,
        target: { type: 'account', id: after.accountId },
        before,
        after,
        outcome: 'allowed',
        ...(reason ? { reason } : {}),
      },
      account: { before, after },
      also,
    });
  } catch (e) {
    if (e instanceof StaleWriteError)
      throw conflict('Someone else changed this account a moment ago. Reload and try again.', {
        version: (await deps.accounts.get(after.accountId))?.version,
      });
    throw e;
  }
}

/** How long news that asks nothing (a backup named, a hand-over declined) stays in the person's notices. */
export const NEWS_DAYS = 7;

/** When news written now stops being told. */
export const newsExpiry = (now: Date): string =>
  new Date(now.getTime() + NEWS_DAYS * 86_400_000).toISOString();

/** The write of one notice to `to` (`record: null` withdraws it). */
export function noticeWrite(
  to: string,
  accountId: string,
  code: NoticeDto['code'],
  period: string,
  record: NoticeDto | null,
): ExtraWrite {
  return {
    kind: 'notice',
    key: noticeKey(to, accountId, code, period),
    value: record
      ? {
          personId: to,
          accountId,
          code,
          createdAt: Date.parse(record.createdAt),
          record,
        }
      : null,
  };
}
