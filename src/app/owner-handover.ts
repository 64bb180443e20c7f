import { actedBy } from './acted-by';
import type { OwnerProposal } from '../contract/owner';
import { registrationOf } from '../domain/account';
import { utcDate } from '../domain/dates';
import type { Invocation } from './context';
import { requireProposedOwner } from './authorize';
import { notFound } from './errors';
import { resolveNow } from './open-findings';
import { commitOwnerChange } from './owner-access';
import { deadProposal, proposalNotices, proposerGone, withdraw } from './owner-proposals';
import { checkOrThrow, gatherFacts, registrationErrors, withRegistration } from './account-registration';
import type { OversightDeps } from './oversight-ports';

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
        ...actedBy(inv, deps.clock),
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
