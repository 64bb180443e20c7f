import type { AccountDto, TagAccount, UpdateAccount } from '../contract/accounts';
import type { AuditAction } from '../contract/audit';
import {
  type AccountRecord,
  type Registration,
  changedFields,
  normalizeRegistration,
  registrationOf,
} from '../domain/account';
import { utcDate } from '../domain/dates';
import type { UserFacts } from '../domain/people';
import {
  checkDuplicateIntegrations,
  checkIntegrationDates,
  checkRegistration,
  type FieldErrors,
} from '../domain/registration';
import { maxWarningDays, type Settings } from '../domain/settings';
import { toDto } from './account-views';
import type { Invocation, RegistryDeps } from './context';
import { conflict, invalid, notFound } from './errors';
import { resolveNow } from './open-findings';
import { type ExtraWrite, StaleWriteError } from './ports';

/** The registration an input describes, with the cadence defaulted (from the record being edited, else settings). */
export function registrationFrom(
  input: Omit<TagAccount, 'accountId'>,
  settings: Settings,
  current?: AccountRecord,
): Registration {
  return normalizeRegistration({
    purpose: input.purpose,
    ownerId: input.ownerId,
    ...(input.backupOwnerId ? { backupOwnerId: input.backupOwnerId } : {}),
    integrations: input.integrations,
    reviewCadenceDays:
      input.reviewCadenceDays ?? current?.reviewCadenceDays ?? settings.defaultReviewCadenceDays,
    ...(input.notes ? { notes: input.notes } : {}),
  });
}

export interface DirectoryFacts {
  users: Map<string, UserFacts>;
  /** Records (active or retired) of the owner and backup owner, to refuse integration accounts as owners. */
  records: Map<string, AccountRecord>;
}

/** One directory lookup and one registry read for the people a registration names. */
export async function gatherFacts(
  accountId: string,
  reg: Registration,
  deps: RegistryDeps,
): Promise<DirectoryFacts> {
  const ids = [...new Set([accountId, reg.ownerId, ...(reg.backupOwnerId ? [reg.backupOwnerId] : [])])];
  const [users, records] = await Promise.all([deps.directory.lookup(ids), deps.accounts.getMany(ids)]);
  return { users, records };
}

/** All rules of a registration; throws BAD_REQUEST with field errors. */
export function checkOrThrow(
  accountId: string,
  reg: Registration,
  facts: DirectoryFacts,
  today: string,
  opts: { accountOwnsCount: number; alsoTagged?: ReadonlySet<string> },
): void {
  const errors = registrationErrors(accountId, reg, facts, today, opts);
  if (Object.keys(errors).length) throw invalid(errors);
}

export function registrationErrors(
  accountId: string,
  reg: Registration,
  facts: DirectoryFacts,
  today: string,
  opts: { accountOwnsCount: number; alsoTagged?: ReadonlySet<string> },
): FieldErrors {
  const taggedIds = new Set<string>(opts.alsoTagged ?? []);
  for (const [id, r] of facts.records) if (r.status === 'active' && id !== accountId) taggedIds.add(id);
  return {
    ...checkIntegrationDates(reg.integrations, today),
    ...checkDuplicateIntegrations(reg.integrations),
    ...checkRegistration(
      { accountId, ownerId: reg.ownerId, backupOwnerId: reg.backupOwnerId },
      {
        account: facts.users.get(accountId),
        owner: facts.users.get(reg.ownerId),
        backupOwner: reg.backupOwnerId ? facts.users.get(reg.backupOwnerId) : undefined,
        taggedIds,
        accountOwnsCount: opts.accountOwnsCount,
      },
    ),
  };
}

/** A record with `reg` and the Jira facts just looked up. */
export function withRegistration(
  base: Omit<AccountRecord, keyof Registration | 'backupOwnerId' | 'notes'> & Partial<AccountRecord>,
  reg: Registration,
  facts: DirectoryFacts,
  nowIso: string,
): AccountRecord {
  const account = facts.users.get(base.accountId);
  const owner = facts.users.get(reg.ownerId);
  const backup = reg.backupOwnerId ? facts.users.get(reg.backupOwnerId) : undefined;
  const {
    backupOwnerId: _b,
    backupOwnerName: _bn,
    backupOwnerActive: _ba,
    notes: _n,
    ...rest
  } = base as AccountRecord;
  // A new owner (or a fresh registration) starts the owner's tenure: proposals made before it die.
  const ownerChanged = (base as Partial<AccountRecord>).ownerId !== reg.ownerId;
  return {
    ...rest,
    ...(ownerChanged ? { ownerSince: nowIso } : {}),
    displayName: account?.displayName ?? base.displayName,
    ...(account?.emailAddress ? { emailAddress: account.emailAddress } : {}),
    accountType: account?.accountType ?? base.accountType,
    ...((account?.appType ?? base.appType) ? { appType: account?.appType ?? base.appType } : {}),
    accountActive: account?.active ?? false,
    jiraCheckedAt: nowIso,
    purpose: reg.purpose,
    ownerId: reg.ownerId,
    ownerName: owner?.displayName ?? reg.ownerId,
    ownerActive: owner?.active ?? false,
    ...(reg.backupOwnerId
      ? {
          backupOwnerId: reg.backupOwnerId,
          backupOwnerName: backup?.displayName ?? reg.backupOwnerId,
          backupOwnerActive: backup?.active ?? false,
        }
      : {}),
    integrations: reg.integrations,
    reviewCadenceDays: reg.reviewCadenceDays,
    ...(reg.notes ? { notes: reg.notes } : {}),
  };
}

export function newRecord(
  accountId: string,
  reg: Registration,
  facts: DirectoryFacts,
  inv: Invocation,
  now: Date,
): AccountRecord {
  const nowIso = now.toISOString();
  const by = inv.actorId ?? 'app';
  return withRegistration(
    {
      accountId,
      status: 'active',
      displayName: accountId,
      accountType: 'unknown',
      accountActive: false,
      jiraCheckedAt: nowIso,
      ownerName: '',
      ownerActive: false,
      lastReviewedOn: utcDate(now),
      taggedAt: nowIso,
      taggedBy: by,
      updatedAt: nowIso,
      updatedBy: by,
      version: 1,
    },
    reg,
    facts,
    nowIso,
  );
}

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

async function viewOf(record: AccountRecord, now: Date, deps: RegistryDeps): Promise<AccountDto> {
  return toDto(record, utcDate(now), maxWarningDays(await deps.settings.get()));
}

function requireVersion(current: AccountRecord, version: number, today: string, windowDays: number): void {
  if (current.version !== version)
    throw conflict(
      'Someone else saved this account after you opened it. Review their changes and save again.',
      toDto(current, today, windowDays),
    );
}

/** Tags a site user as an integration account. */
export async function tagAccount(
  input: TagAccount,
  inv: Invocation,
  deps: RegistryDeps,
): Promise<AccountDto> {
  const now = deps.clock.now();
  const today = utcDate(now);
  const settings = await deps.settings.get();
  const reg = registrationFrom(input, settings);
  const [facts, owns] = await Promise.all([
    gatherFacts(input.accountId, reg, deps),
    deps.accounts.countOwnedBy(input.accountId, 100),
  ]);
  const existing = facts.records.get(input.accountId);
  if (existing?.status === 'active')
    throw invalid({ accountId: `${existing.displayName} is already tagged.` });
  if (existing?.status === 'retired')
    throw invalid({ accountId: `${existing.displayName} was retired; re-tag it to register it again.` });
  checkOrThrow(input.accountId, reg, facts, today, { accountOwnsCount: owns });
  const record = newRecord(input.accountId, reg, facts, inv, now);
  await commitAccount('account.tag', undefined, record, inv, now, deps);
  return toDto(record, today, maxWarningDays(settings));
}

async function loadForChange(accountId: string, deps: RegistryDeps): Promise<AccountRecord> {
  const current = await deps.accounts.get(accountId);
  if (!current) throw notFound('This account is not in the registry.');
  return current;
}

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
