/** How every account change is loaded, checked against the version the caller saw, and committed. */
import type { AccountDto, AccountStatus } from '../contract/accounts';
import type { AuditAction } from '../contract/audit';
import type { AccountRecord } from '../domain/account';
import { utcDate } from '../domain/dates';
import { maxWarningDays, type Settings } from '../domain/settings';
import { toDto } from './account-views';
import type { Invocation, RegistryDeps } from './context';
import { conflict, invalid, notFound } from './errors';
import { type ExtraWrite, StaleWriteError } from './ports';
import { actedBy } from './acted-by';

/** What the caller is told when the account changed after they opened it. */
const STALE = 'Someone else saved this account after you opened it. Review their changes and save again.';

/** An account change's audit entry. */
function entryFor(
  action: AuditAction,
  inv: Invocation,
  now: Date,
  before: AccountRecord | undefined,
  after: AccountRecord,
  reason?: string,
) {
  return {
    ...actedBy(inv, now),
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
      before ? STALE : 'Someone else tagged this account a moment ago.',
      current ? toDto(current, utcDate(now), maxWarningDays(settings)) : null,
    );
  }
}

/** What every account change starts from: the time, today, the settings and how records are shown. */
export interface ChangeStart {
  now: Date;
  nowIso: string;
  today: string;
  settings: Settings;
  /** The record as the caller sees it, with the settings' warning window. */
  view: (record: AccountRecord) => AccountDto;
}

function changeStart(now: Date, settings: Settings): ChangeStart {
  const today = utcDate(now);
  const windowDays = maxWarningDays(settings);
  return { now, nowIso: now.toISOString(), today, settings, view: (r) => toDto(r, today, windowDays) };
}

/** The start of a change that loads no record (tagging a new account). */
export async function startChange(deps: RegistryDeps): Promise<ChangeStart> {
  return changeStart(deps.clock.now(), await deps.settings.get());
}

/** The status a change needs the account in, and what the caller is told when it is not. */
export interface StatusRule {
  status: AccountStatus;
  /** The `accountId` field's message. */
  field: string;
  message: string;
}

/** Updates and retiring change active accounts only. */
export const MUST_BE_ACTIVE: StatusRule = {
  status: 'active',
  field: 'This account is retired; re-tag it to register it again.',
  message: 'The account is retired.',
};

/**
 * The stored account to change, as the caller saw it: NOT_FOUND when it is not in the registry,
 * CONFLICT (with the current record) when its version moved on, BAD_REQUEST when it is not in the
 * status the change needs.
 */
export async function loadForChange(
  input: { accountId: string; version: number },
  rule: StatusRule,
  deps: RegistryDeps,
): Promise<ChangeStart & { current: AccountRecord }> {
  const now = deps.clock.now();
  const [current, settings] = await Promise.all([deps.accounts.get(input.accountId), deps.settings.get()]);
  if (!current) throw notFound('This account is not in the registry.');
  const start = changeStart(now, settings);
  if (current.version !== input.version) throw conflict(STALE, start.view(current));
  if (current.status !== rule.status) throw invalid({ accountId: rule.field }, rule.message);
  return { ...start, current };
}

/** The record's next version, stamped with who changed it and when. */
export function revised<R extends AccountRecord>(record: R, inv: Invocation, nowIso: string): R {
  return { ...record, updatedAt: nowIso, updatedBy: inv.actorId ?? 'app', version: record.version + 1 };
}
