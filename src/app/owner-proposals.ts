import { actedBy } from './acted-by';
import { ownerRefs } from './account-views';
import type { OwnerProposal, ProposalForMe } from '../contract/owner';
import type { AccountRecord } from '../domain/account';
import { ADMINS, noticeKey } from '../domain/findings';
import type { Invocation } from './context';
import { conflict } from './errors';
import { roleOf } from './authorize';

import type { ExtraWrite } from './ports';
import type { OversightDeps } from './oversight-ports';

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
export function proposerGone(p: OwnerProposal, r: AccountRecord): string | undefined {
  return roleOf(r, p.proposedBy.accountId)
    ? undefined
    : `${p.proposedBy.displayName}, who proposed this hand-over, no longer owns or backs up ${r.displayName}, so the proposal was withdrawn.`;
}

/** Removes a proposal that no longer stands, with its notice, and refuses with why. */
export async function withdraw(
  p: OwnerProposal,
  why: string,
  inv: Invocation,
  deps: OversightDeps,
): Promise<never> {
  await deps.proposals.remove(p.proposedOwner.accountId, p.accountId);
  await deps.audit.commit({
    entry: {
      ...actedBy(inv, deps.clock),
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
export function proposalNotices(p: OwnerProposal): ExtraWrite[] {
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

/** What the person is asked to take: the standing proposals to them, with each account's purpose and integrations. */
export async function proposalsForPerson(personId: string, deps: OversightDeps): Promise<ProposalForMe[]> {
  const all = (await deps.proposals.forPerson(personId)).filter((p) => !p.needsApproval);
  if (all.length === 0) return [];
  const records = await deps.accounts.getMany([...new Set(all.map((p) => p.accountId))]);
  const out: ProposalForMe[] = [];
  for (const p of all) {
    const r = records.get(p.accountId);
    if (!r || deadProposal(p, r)) continue;
    out.push({
      ...p,
      accountName: r.displayName,
      purpose: r.purpose,
      integrations: r.integrations,
      ...ownerRefs(r),
    });
  }
  return out;
}
