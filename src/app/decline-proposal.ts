import type { DeclineProposalInput, NoticeDto } from '../contract/owner';
import type { Invocation } from './context';
import { requireProposedPerson } from './authorize';
import { roleOf } from './authorize';
import { newsExpiry, noticeWrite } from './owner-access';
import { deadProposal, proposalNotices } from './owner-proposals';
import type { OversightDeps } from './oversight-ports';

/**
 * The proposed person turns a hand-over down (with an optional reason): the proposal and its notice go,
 * the decline is audited, and the proposer — while they still own or back up the account — is told.
 * A request someone made for themselves is decided by a Jira admin, not declined by them.
 */
export async function declineProposal(
  input: DeclineProposalInput,
  inv: Invocation,
  deps: OversightDeps,
): Promise<{ declined: true }> {
  const proposal = requireProposedPerson(
    inv.actorId ? await deps.proposals.get(inv.actorId, input.accountId) : undefined,
    inv.actorId,
  );
  const me = proposal.proposedOwner.accountId;
  const r = await deps.accounts.get(input.accountId);
  const now = deps.clock.now();
  const reason = input.reason?.trim();
  const proposer = proposal.proposedBy.accountId;
  const proposerRole = r && !deadProposal(proposal, r) ? roleOf(r, proposer) : undefined;
  const name = proposal.proposedOwner.displayName;
  const notice: NoticeDto | undefined = proposerRole
    ? {
        id: `${input.accountId}:PROPOSAL_DECLINED:${me}`,
        accountId: input.accountId,
        accountName: proposal.accountName,
        code: 'PROPOSAL_DECLINED',
        text: `${name} declined to take over ${proposal.accountName}${reason ? `: “${reason}”` : '.'} It stays as it is; you can propose someone else.`,
        createdAt: now.toISOString(),
        expiresAt: newsExpiry(now),
        as: proposerRole,
      }
    : undefined;
  await deps.proposals.remove(me, input.accountId);
  await deps.audit.commit({
    entry: {
      at: now.toISOString(),
      actor: { accountId: me, kind: inv.actorKind },
      source: inv.source,
      action: 'owner.decline',
      target: { type: 'account', id: input.accountId },
      before: { proposedOwnerId: me, proposedBy: proposer, proposedAt: proposal.proposedAt },
      after: { proposedOwnerId: me, declined: true },
      outcome: 'allowed',
      ...(reason ? { reason } : {}),
    },
    also: [
      ...proposalNotices(proposal),
      ...(notice ? [noticeWrite(proposer, input.accountId, 'PROPOSAL_DECLINED', me, notice)] : []),
    ],
  });
  return { declined: true };
}
