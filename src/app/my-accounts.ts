import { DATE_SLOT } from '../contract/dated-text';
import { type MyAccount, type MyAccounts, NEWS_CODES, type PendingAction } from '../contract/owner';
import {
  type AccountRecord,
  credentialState,
  earliestCredentialExpiry,
  isReviewOverdue,
  reviewDueOn,
} from '../domain/account';
import { addDays, utcDate } from '../domain/dates';
import { maxWarningDays } from '../domain/settings';
import type { Invocation } from './context';
import { forbidden } from './errors';
import { ownerRefs } from './account-views';
import { openFindingsOf } from './open-findings';
import { deadProposal, proposalsForPerson } from './owner-proposals';
import type { OversightDeps } from './oversight-ports';

/**
 * What the account asks of the caller, each with a control on "My integration accounts": confirm (attest),
 * record a rotation, propose a new owner (owner or backup), name a backup owner (the owner only). What
 * only a Jira admin can do (reactivate, retire) is said as a request to them.
 */
export function pendingActions(
  r: AccountRecord,
  today: string,
  windowDays: number,
  role: 'owner' | 'backup' = 'owner',
): PendingAction[] {
  const out: PendingAction[] = [];
  const codes = new Set((r.findings ?? []).map((f) => f.code));
  if (codes.has('ACCOUNT_INACTIVE') || codes.has('ACCOUNT_MISSING') || !r.accountActive)
    out.push({
      kind: 'account-inactive',
      text: `${r.displayName} is deactivated in Jira: ask a Jira admin to reactivate it, or confirm below that it is no longer needed so the admins retire it.`,
    });
  if (codes.has('OWNER_INACTIVE') || codes.has('OWNER_MISSING') || !r.ownerActive)
    out.push({ kind: 'replace-owner', text: `The owner of ${r.displayName} left: propose a new owner.` });
  if (role === 'owner' && (!r.backupOwnerId || r.backupOwnerActive === false))
    out.push({ kind: 'add-backup-owner', text: `Name an active backup owner for ${r.displayName}.` });
  if (isReviewOverdue(r, today) || reviewDueOn(r) <= addDays(today, 14))
    out.push({
      kind: 'attest',
      text: `Confirm ${r.displayName} is still needed (review due ${DATE_SLOT}).`,
      date: reviewDueOn(r),
    });
  r.integrations.forEach((i, n) => {
    const state = credentialState(i.credentialExpiresOn, today, windowDays);
    if ((state === 'expiring' || state === 'expired') && i.credentialExpiresOn)
      out.push({
        kind: 'rotate-credential',
        integrationIndex: n,
        text: `${i.system} (${i.environment}): the credential ${state === 'expired' ? 'expired' : 'expires'} on ${DATE_SLOT}. Rotate it, then record the rotation.`,
        date: i.credentialExpiresOn,
      });
  });
  return out;
}

export function myAccount(
  r: AccountRecord,
  role: 'owner' | 'backup',
  today: string,
  windowDays: number,
): MyAccount {
  const expiry = earliestCredentialExpiry(r.integrations);
  return {
    accountId: r.accountId,
    displayName: r.displayName,
    role,
    purpose: r.purpose,
    accountActive: r.accountActive,
    ...ownerRefs(r),
    integrations: r.integrations,
    reviewDueOn: reviewDueOn(r),
    reviewOverdue: isReviewOverdue(r, today),
    lastReviewedOn: r.lastReviewedOn,
    ...(expiry ? { credentialExpiresOn: expiry } : {}),
    credentialState: credentialState(expiry, today, windowDays),
    findings: openFindingsOf(r),
    pendingActions: pendingActions(r, today, windowDays, role),
    version: r.version,
  };
}

/**
 * The caller's accounts (owner and backup indexes: two reads), proposals to them and by them, their news
 * (one read each; each of their own proposals is checked against the proposal it copies).
 */
export async function myAccounts(inv: Invocation, deps: OversightDeps): Promise<MyAccounts> {
  const me = inv.actorId;
  if (!me) throw forbidden('Sign in to Jira to use this app.');
  const page = (index: 'owner' | 'backupOwner') =>
    deps.accounts.list({ status: 'active', index, personId: me, filters: [], direction: 'asc', limit: 100 });
  const [owned, backed, proposals, mine, settings, notices] = await Promise.all([
    page('owner'),
    page('backupOwner'),
    proposalsForPerson(me, deps),
    deps.proposals.byProposer(me),
    deps.settings.get(),
    deps.notices.listFor([me]),
  ]);
  const now = deps.clock.now();
  const today = utcDate(now);
  const nowIso = now.toISOString();
  const w = maxWarningDays(settings);
  // The caller's own proposals that still stand, shown on the account they are about (after a reload too).
  const withMine = (r: AccountRecord, role: 'owner' | 'backup'): MyAccount => {
    const proposal = mine.find((p) => p.accountId === r.accountId && !deadProposal(p, r));
    return { ...myAccount(r, role, today, w), ...(proposal ? { proposal } : {}) };
  };
  return {
    accounts: [
      ...owned.records.map((r) => withMine(r, 'owner')),
      ...backed.records.map((r) => withMine(r, 'backup')),
    ],
    proposalsForMe: proposals,
    news: notices.filter(
      (n) => NEWS_CODES.includes(n.code) && (n.expiresAt === undefined || n.expiresAt > nowIso),
    ),
  };
}
