import type { NoticeDto, OwnerProposal } from '../contract/owner';
import { registrationOf } from '../domain/account';
import { utcDate } from '../domain/dates';
import { ADMINS, noticeKey } from '../domain/findings';
import type { Invocation } from './context';
import { invalid } from './errors';
import { loadOwned } from './owner-access';
import { checkOrThrow, gatherFacts } from './account-registration';
import type { OversightDeps } from './oversight-ports';
import { actedBy } from './acted-by';

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
      ...actedBy(inv, now),
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
