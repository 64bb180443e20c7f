/**
 * The owner surfaces' use cases ("My integration accounts" and the background flag), one per file; this
 * module only gathers them for the entry layer.
 */
export { nameBackupOwner } from './backup-owner';
export { choosablePeople } from './choosable-people';
export { declineProposal } from './decline-proposal';
export { myAccounts, pendingActions } from './my-accounts';
export { roleOf } from './authorize';
export { attest } from './owner-attest';
export { acceptProposal, decideProposal } from './owner-handover';
export { ownerNotices } from './owner-notices';
export { deadProposal, proposalsForPerson, standingProposals } from './owner-proposals';
export { recordRotation } from './owner-rotation';
export { proposeOwner } from './propose-owner';
