import type { AccountDto } from '../contract/accounts';
import type { AuditAction } from '../contract/audit';
import type { AccountRecord } from '../domain/account';
import { utcDate } from '../domain/dates';
import { maxWarningDays } from '../domain/settings';
import { toDto } from './account-views';
import type { Invocation, RegistryDeps } from './context';
import { conflict, notFound } from './errors';
import { type ExtraWrite, StaleWriteError } from './ports';

/** How every account change is loaded, checked against the version the caller saw, and committed. */
function entryFor(
  action: AuditAction,
  inv: Invocation,
  now: Date,
  before: AccountRecord | undefined,
  after: AccountRecord,
  reason?: string,
) {
  return {
    at: now.toISOString(),
    actor: { accountId: inv.actorId, kind: inv.actorKind },
    source: inv.source,
    action,
    target: { type: 'account' as const, id: after.accountId },
    ...(before ? { before } : {}),
    after,
    outcome: 'allowed' as const,
    ...(reason ? { reason } : {}),
  };
}

/** Commits an account change with its audit record; a stale base becomes CONFLICT with the current record. */
export async function commitAccount(
  action: AuditAction,
  before: AccountRecord | undefined,
  after: AccountRecord,
  inv: Invocation,
  now: Date,
  deps: RegistryDeps,
  reason?: string,
  also?: ExtraWrite[],
): Promise<void> {
  try {
    await deps.audit.commit({
      entry: entryFor(action, inv, now, before, after, reason),
      account: { ...(before ? { before } : {}), after },
      ...(also?.length ? { also } : {}),
    });
  } catch (e) {
    if (!(e instanceof StaleWriteError)) throw e;
    const current = await deps.accounts.get(after.accountId);
    const settings = await deps.settings.get();
    throw conflict(
      before
        ? 'Someone else saved this account after you opened it. Review their changes and save again.'
        : 'Someone else tagged this account a moment ago.',
      current ? toDto(current, utcDate(now), maxWarningDays(settings)) : null,
    );
  }
}

export async function viewOf(record: AccountRecord, now: Date, deps: RegistryDeps): Promise<AccountDto> {
  return toDto(record, utcDate(now), maxWarningDays(await deps.settings.get()));
}

export function requireVersion(
  current: AccountRecord,
  version: number,
  today: string,
  windowDays: number,
): void {
  if (current.version !== version)
    throw conflict(
      'Someone else saved this account after you opened it. Review their changes and save again.',
      toDto(current, today, windowDays),
    );
}

/** The stored account to change; NOT_FOUND when it is not in the registry. */
export async function loadForChange(accountId: string, deps: RegistryDeps): Promise<AccountRecord> {
  const current = await deps.accounts.get(accountId);
  if (!current) throw notFound('This account is not in the registry.');
  return current;
}
