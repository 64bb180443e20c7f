import type { FindingCode } from '../contract/offboarding';
import type {
  AttestInput,
  MyAccount,
  MyAccounts,
  NoticeDto,
  OwnerNotices,
  OwnerProposal,
  PendingAction,
  RecordRotationInput,
} from '../contract/owner';
import {
  type AccountRecord,
  credentialState,
  earliestCredentialExpiry,
  isReviewOverdue,
  registrationOf,
  reviewDueOn,
} from '../domain/account';
import { addDays, utcDate } from '../domain/dates';
import { ADMINS, noticeKey } from '../domain/findings';
import { maxWarningDays } from '../domain/settings';
import { requireOwnerOrBackup, requireProposedOwner, roleOf } from './authorize';
import type { Invocation } from './context';
import { AppError, conflict, forbidden, invalid, notFound } from './errors';
import { openFindingsOf, resolveNow } from './open-findings';
import { type ExtraWrite, StaleWriteError } from './ports';
import { checkOrThrow, gatherFacts, registrationErrors, withRegistration } from './registry';
import type { OversightDeps } from './oversight-ports';

async function loadOwned(accountId: string, inv: Invocation, deps: OversightDeps): Promise<AccountRecord> {
  return requireOwnerOrBackup(await deps.accounts.get(accountId), inv.actorId);
}

export function pendingActions(r: AccountRecord, today: string, windowDays: number): PendingAction[] {
  const out: PendingAction[] = [];
  const codes = new Set((r.findings ?? []).map((f) => f.code));
  if (codes.has('ACCOUNT_INACTIVE') || codes.has('ACCOUNT_MISSING') || !r.accountActive)
    out.push({
      kind: 'account-inactive',
      text: `${r.displayName} is deactivated: retire it or have it reactivated.`,
    });
  if (codes.has('OWNER_INACTIVE') || codes.has('OWNER_MISSING') || !r.ownerActive)
    out.push({ kind: 'replace-owner', text: `The owner of ${r.displayName} left: propose a new owner.` });
  if (!r.backupOwnerId || r.backupOwnerActive === false)
    out.push({ kind: 'add-backup-owner', text: `Name an active backup owner for ${r.displayName}.` });
  if (isReviewOverdue(r, today) || reviewDueOn(r) <= addDays(today, 14))
    out.push({
      kind: 'attest',
      text: `Confirm ${r.displayName} is still needed (review due ${reviewDueOn(r)}).`,
    });
  r.integrations.forEach((i, n) => {
    const state = credentialState(i.credentialExpiresOn, today, windowDays);
    if (state === 'expiring' || state === 'expired')
      out.push({
        kind: 'rotate-credential',
        integrationIndex: n,
        text: `${i.system} (${i.environment}): the credential ${state === 'expired' ? 'expired' : 'expires'} on ${i.credentialExpiresOn ?? ''}.`,
      });
  });
  return out;
}

function myAccount(r: AccountRecord, role: 'owner' | 'backup', today: string, windowDays: number): MyAccount {
  const expiry = earliestCredentialExpiry(r.integrations);
  return {
    accountId: r.accountId,
    displayName: r.displayName,
    role,
    purpose: r.purpose,
    accountActive: r.accountActive,
    owner: { accountId: r.ownerId, displayName: r.ownerName, active: r.ownerActive },
    ...(r.backupOwnerId
      ? {
          backupOwner: {
            accountId: r.backupOwnerId,
            displayName: r.backupOwnerName ?? '',
            active: r.backupOwnerActive ?? false,
          },
        }
      : {}),
    integrations: r.integrations,
    reviewDueOn: reviewDueOn(r),
    reviewOverdue: isReviewOverdue(r, today),
    lastReviewedOn: r.lastReviewedOn,
    ...(expiry ? { credentialExpiresOn: expiry } : {}),
    credentialState: credentialState(expiry, today, windowDays),
    findings: openFindingsOf(r),
    pendingActions: pendingActions(r, today, windowDays),
    version: r.version,
  };
}

/** The caller's accounts (owner and backup indexes: two reads), proposals to them (one read). */
export async function myAccounts(inv: Invocation, deps: OversightDeps): Promise<MyAccounts> {
  const me = inv.actorId;
  if (!me) throw forbidden('Sign in to Jira to use this app.');
  const page = (index: 'owner' | 'backupOwner') =>
    deps.accounts.list({ status: 'active', index, personId: me, filters: [], direction: 'asc', limit: 100 });
  const [owned, backed, proposals, settings] = await Promise.all([
    page('owner'),
    page('backupOwner'),
    deps.proposals.forPerson(me).then((all) =>
      standingProposals(
        all.filter((p) => !p.needsApproval),
        deps,
      ),
    ),
    deps.settings.get(),
  ]);
  const today = utcDate(deps.clock.now());
  const w = maxWarningDays(settings);
  return {
    accounts: [
      ...owned.records.map((r) => myAccount(r, 'owner', today, w)),
      ...backed.records.map((r) => myAccount(r, 'backup', today, w)),
    ],
    proposalsForMe: proposals,
  };
}

async function commitOwnerChange(
  action: 'owner.attest' | 'owner.rotation' | 'owner.accept' | 'owner.decide',
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
        at: deps.clock.now().toISOString(),
        actor: { accountId: inv.actorId, kind: inv.actorKind },
        source: inv.source,
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

function requireVersion(r: AccountRecord, version: number): void {
  if (r.version !== version)
    throw conflict('Someone else changed this account after you opened it. Reload and try again.', {
      version: r.version,
    });
}

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

/** Records a rotation (dates only, never a credential); credential findings that no longer hold resolve. */
export async function recordRotation(
  input: RecordRotationInput,
  inv: Invocation,
  deps: OversightDeps,
): Promise<MyAccount> {
  const r = await loadOwned(input.accountId, inv, deps);
  requireVersion(r, input.version);
  const now = deps.clock.now();
  const today = utcDate(now);
  const integration = r.integrations[input.integrationIndex];
  if (!integration) throw invalid({ integrationIndex: 'No such integration on this account.' });
  if (input.rotatedOn > today) throw invalid({ rotatedOn: 'The rotation cannot be in the future.' });
  if (input.newExpiresOn && input.newExpiresOn < input.rotatedOn)
    throw invalid({ newExpiresOn: 'The new credential cannot expire before it was rotated.' });
  const integrations = r.integrations.map((i, n) => {
    if (n !== input.integrationIndex) return i;
    const { credentialExpiresOn: _old, ...rest } = i;
    return {
      ...rest,
      lastRotatedOn: input.rotatedOn,
      ...(input.newExpiresOn ? { credentialExpiresOn: input.newExpiresOn } : {}),
    };
  });
  const settings = await deps.settings.get();
  const w = maxWarningDays(settings);
  const state = credentialState(
    earliestCredentialExpiry(
      integrations.filter((i) => !i.credentialExpiresOn || i.credentialExpiresOn >= today),
    ),
    today,
    w,
  );
  const stillExpired = integrations.some((i) => i.credentialExpiresOn && i.credentialExpiresOn < today);
  const codes: FindingCode[] = [
    ...(state !== 'expiring' ? (['CREDENTIAL_EXPIRING'] as const) : []),
    ...(!stillExpired ? (['CREDENTIAL_EXPIRED'] as const) : []),
  ];
  const nowIso = now.toISOString();
  const resolved = resolveNow(r, codes, nowIso);
  const after: AccountRecord = {
    ...r,
    integrations,
    findings: resolved.findings,
    updatedAt: nowIso,
    updatedBy: inv.actorId ?? 'app',
    version: r.version + 1,
  };
  await commitOwnerChange(
    'owner.rotation',
    r,
    after,
    resolved.also,
    inv,
    deps,
    `${integration.system} (${integration.environment})`,
  );
  return myAccount(after, roleOf(r, inv.actorId) ?? 'owner', today, w);
}

/**
 * Why a proposal no longer stands, or undefined while it does. It dies with the owner it was made
 * under: the account retired, its owner replaced by any path (admin edit, import, offboarding transfer,
 * another accepted proposal, a re-tag), even if the same person is owner again since.
 */
export function deadProposal(p: OwnerProposal, r: AccountRecord | undefined): string | undefined {
  if (!r || r.status !== 'active') return 'This account is not in the registry any more.';
  if (r.ownerId === p.proposedOwner.accountId) return `${p.proposedOwner.displayName} owns it already.`;
  if (
    !p.fromOwnerId ||
    r.ownerId !== p.fromOwnerId ||
    (r.ownerSince !== undefined && r.ownerSince > p.proposedAt)
  )
    return `The owner of ${r.displayName} changed after this hand-over was proposed, so the proposal was withdrawn.`;
  return undefined;
}

/** Accepting also needs the proposer to still own or back up the account (an admin's approval does not). */
function proposerGone(p: OwnerProposal, r: AccountRecord): string | undefined {
  return roleOf(r, p.proposedBy.accountId)
    ? undefined
    : `${p.proposedBy.displayName}, who proposed this hand-over, no longer owns or backs up ${r.displayName}, so the proposal was withdrawn.`;
}

/** Removes a proposal that no longer stands, with its notice, and refuses with why. */
async function withdraw(p: OwnerProposal, why: string, inv: Invocation, deps: OversightDeps): Promise<never> {
  await deps.proposals.remove(p.proposedOwner.accountId, p.accountId);
  await deps.audit.commit({
    entry: {
      at: deps.clock.now().toISOString(),
      actor: { accountId: inv.actorId, kind: inv.actorKind },
      source: inv.source,
      action: 'owner.decide',
      target: { type: 'account', id: p.accountId },
      after: { proposedOwnerId: p.proposedOwner.accountId, withdrawn: true },
      outcome: 'allowed',
      reason: why,
    },
    also: proposalNotices(p),
  });
  throw conflict(why, null);
}

/** Deletes of a proposal's notice (to the proposed person, or to the admins for a request). */
function proposalNotices(p: OwnerProposal): ExtraWrite[] {
  return [p.proposedOwner.accountId, ...(p.needsApproval ? [ADMINS] : [])].map((to) => ({
    kind: 'notice' as const,
    key: noticeKey(to, p.accountId, 'OWNER_PROPOSAL', 'pending'),
    value: null,
  }));
}

/** The proposals that still stand (one batch read of their accounts). */
export async function standingProposals(all: OwnerProposal[], deps: OversightDeps): Promise<OwnerProposal[]> {
  if (all.length === 0) return all;
  const records = await deps.accounts.getMany([...new Set(all.map((p) => p.accountId))]);
  return all.filter((p) => !deadProposal(p, records.get(p.accountId)));
}

/** Proposes a new owner (checked by the registry's rules); they accept, or an admin approves. */
export async function proposeOwner(
  input: { accountId: string; proposedOwnerId: string; message?: string | undefined },
  inv: Invocation,
  deps: OversightDeps,
): Promise<OwnerProposal> {
  const r = await loadOwned(input.accountId, inv, deps);
  if (input.proposedOwnerId === r.ownerId)
    throw invalid({ proposedOwnerId: 'This person already owns the account.' });
  const reg = { ...registrationOf(r), ownerId: input.proposedOwnerId };
  if (reg.backupOwnerId === input.proposedOwnerId) delete reg.backupOwnerId;
  const facts = await gatherFacts(r.accountId, reg, deps);
  const now = deps.clock.now();
  checkOrThrow(r.accountId, reg, facts, utcDate(now), { accountOwnsCount: 0 });
  const proposed = facts.users.get(input.proposedOwnerId);
  const me = inv.actorId ?? '';
  // Nobody promotes themselves: a backup owner's own request waits for a Jira admin.
  const self = input.proposedOwnerId === me;
  const proposal: OwnerProposal = {
    id: `${input.proposedOwnerId}:${r.accountId}`,
    accountId: r.accountId,
    accountName: r.displayName,
    proposedOwner: {
      accountId: input.proposedOwnerId,
      displayName: proposed?.displayName ?? input.proposedOwnerId,
    },
    proposedBy: { accountId: me, displayName: me === r.ownerId ? r.ownerName : (r.backupOwnerName ?? me) },
    proposedAt: now.toISOString(),
    ...(input.message ? { message: input.message } : {}),
    fromOwnerId: r.ownerId,
    ...(self ? { needsApproval: true } : {}),
  };
  await deps.proposals.put(proposal);
  const recipient = self ? ADMINS : input.proposedOwnerId;
  const notice: NoticeDto = {
    id: `${r.accountId}:OWNER_PROPOSAL:${utcDate(now)}`,
    accountId: r.accountId,
    accountName: r.displayName,
    code: 'OWNER_PROPOSAL',
    text: self
      ? `${proposal.proposedBy.displayName}, backup owner of ${r.displayName}, asks to become its owner: approve or reject it.`
      : `${proposal.proposedBy.displayName} proposes you as the owner of ${r.displayName}.`,
    createdAt: now.toISOString(),
    as: self ? 'admin' : 'proposed-owner',
  };
  await deps.audit.commit({
    entry: {
      at: now.toISOString(),
      actor: { accountId: inv.actorId, kind: inv.actorKind },
      source: inv.source,
      action: 'owner.propose',
      target: { type: 'account', id: r.accountId },
      after: {
        proposedOwnerId: input.proposedOwnerId,
        ...(input.message ? { message: input.message } : {}),
        ...(self ? { needsApproval: true } : {}),
      },
      outcome: 'allowed',
    },
    also: [
      {
        kind: 'notice',
        key: noticeKey(recipient, r.accountId, 'OWNER_PROPOSAL', 'pending'),
        value: {
          personId: recipient,
          accountId: r.accountId,
          code: 'OWNER_PROPOSAL',
          createdAt: now.getTime(),
          record: notice,
        },
      },
    ],
  });
  return proposal;
}

/** Makes the proposed person the owner (accepted by them, or approved by an admin). */
async function handOver(
  proposal: OwnerProposal,
  action: 'owner.accept' | 'owner.decide',
  inv: Invocation,
  deps: OversightDeps,
): Promise<void> {
  const r = await deps.accounts.get(proposal.accountId);
  const dead =
    deadProposal(proposal, r) ?? (action === 'owner.accept' && r ? proposerGone(proposal, r) : undefined);
  if (dead || !r)
    return withdraw(proposal, dead ?? 'This account is not in the registry any more.', inv, deps);
  const to = proposal.proposedOwner.accountId;
  const reg = { ...registrationOf(r), ownerId: to };
  // The backup moving up leaves its slot to the previous owner, so the account keeps a backup it had.
  const swapped = reg.backupOwnerId === to;
  if (swapped) reg.backupOwnerId = r.ownerId;
  let facts = await gatherFacts(r.accountId, reg, deps);
  const now = deps.clock.now();
  let backupNote = '';
  if (
    swapped &&
    registrationErrors(r.accountId, reg, facts, utcDate(now), { accountOwnsCount: 0 }).backupOwnerId
  ) {
    delete reg.backupOwnerId;
    facts = await gatherFacts(r.accountId, reg, deps);
    backupNote = `; ${r.ownerName || 'the previous owner'} cannot be the backup owner, so ${r.displayName} has none now: name one`;
  }
  checkOrThrow(r.accountId, reg, facts, utcDate(now), { accountOwnsCount: 0 });
  const after = withRegistration(
    { ...r, updatedAt: now.toISOString(), updatedBy: inv.actorId ?? 'app', version: r.version + 1 },
    reg,
    facts,
    now.toISOString(),
  );
  const resolved = resolveNow(
    after,
    ['OWNER_INACTIVE', 'OWNER_MISSING', 'OWNER_IS_INTEGRATION_ACCOUNT'],
    now.toISOString(),
  );
  after.findings = resolved.findings;
  await commitOwnerChange(
    action,
    r,
    after,
    [...resolved.also, ...proposalNotices(proposal)],
    inv,
    deps,
    `New owner ${proposal.proposedOwner.displayName}${swapped && reg.backupOwnerId ? `; ${r.ownerName} is the backup owner now` : ''}${backupNote}`,
  );
  await deps.proposals.remove(to, r.accountId);
}

export async function acceptProposal(
  input: { accountId: string },
  inv: Invocation,
  deps: OversightDeps,
): Promise<{ accountId: string; ownerId: string }> {
  const me = inv.actorId;
  const proposal = requireProposedOwner(me ? await deps.proposals.get(me, input.accountId) : undefined, me);
  await handOver(proposal, 'owner.accept', inv, deps);
  return { accountId: input.accountId, ownerId: proposal.proposedOwner.accountId };
}

/** Admin: approve or reject a pending proposal. */
export async function decideProposal(
  input: { accountId: string; proposedOwnerId: string; approve: boolean },
  inv: Invocation,
  deps: OversightDeps,
): Promise<{ accountId: string; approved: boolean }> {
  const proposal = await deps.proposals.get(input.proposedOwnerId, input.accountId);
  if (!proposal) throw notFound('There is no such proposal.');
  if (input.approve) await handOver(proposal, 'owner.decide', inv, deps);
  else {
    await deps.proposals.remove(input.proposedOwnerId, input.accountId);
    await deps.audit.commit({
      entry: {
        at: deps.clock.now().toISOString(),
        actor: { accountId: inv.actorId, kind: inv.actorKind },
        source: inv.source,
        action: 'owner.decide',
        target: { type: 'account', id: input.accountId },
        after: { proposedOwnerId: input.proposedOwnerId, approved: false },
        outcome: 'allowed',
      },
      also: proposalNotices(proposal),
    });
  }
  return { accountId: input.accountId, approved: input.approve };
}

/**
 * What needs the caller: their notices (and the admins' when they are one). `showFlag` at most once
 * a UTC day; asking for the flag records the day.
 */
export async function ownerNotices(
  input: { peek?: boolean | undefined },
  inv: Invocation,
  isAdmin: () => Promise<boolean>,
  deps: OversightDeps,
): Promise<OwnerNotices> {
  const me = inv.actorId;
  if (!me) throw new AppError('FORBIDDEN', 'Sign in to Jira to use this app.');
  const [admin, shownOn] = await Promise.all([
    isAdmin(),
    input.peek ? Promise.resolve(undefined) : deps.notices.flagShownOn(me),
  ]);
  // An admin who also owns the account is told once, as its owner; the newest-first order stays.
  const byId = new Map<string, NoticeDto>();
  for (const n of await deps.notices.listFor(admin ? [me, ADMINS] : [me])) {
    if (byId.get(n.id)?.as !== 'admin' && byId.has(n.id)) continue;
    byId.set(n.id, n);
  }
  const notices = [...byId.values()];
  const today = utcDate(deps.clock.now());
  const showFlag = !input.peek && notices.length > 0 && shownOn !== today;
  if (showFlag) await deps.notices.markFlagShown(me, today);
  return { showFlag, count: notices.length, notices };
}
