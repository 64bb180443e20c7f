import {
  acceptProposalInput,
  attestInput,
  myAccountsInput,
  ownerNoticesInput,
  proposeOwnerInput,
  recordRotationInput,
} from '../contract/owner';
import { OWNER_KEYS as K } from '../contract/resolver-keys';
import { signedIn } from '../app/authorize';
import { acceptProposal, attest, myAccounts, ownerNotices, proposeOwner, recordRotation } from '../app/owner';
import { defineKey } from './define-key';

/** The owner surfaces' keys: any signed-in user; each use case checks stored ownership (src/app/authorize.ts). */
export const ownerKeys = {
  [K.myAccounts]: defineKey({
    authorize: signedIn,
    input: myAccountsInput,
    action: 'access',
    changes: false,
    run: (_i, inv, d) => myAccounts(inv, d),
  }),
  [K.attest]: defineKey({
    authorize: signedIn,
    input: attestInput,
    action: 'owner.attest',
    changes: true,
    run: attest,
  }),
  [K.recordRotation]: defineKey({
    authorize: signedIn,
    input: recordRotationInput,
    action: 'owner.rotation',
    changes: true,
    run: recordRotation,
  }),
  [K.proposeOwner]: defineKey({
    authorize: signedIn,
    input: proposeOwnerInput,
    action: 'owner.propose',
    changes: true,
    run: proposeOwner,
  }),
  [K.acceptProposal]: defineKey({
    authorize: signedIn,
    input: acceptProposalInput,
    action: 'owner.accept',
    changes: true,
    run: acceptProposal,
  }),
  [K.notices]: defineKey({
    authorize: signedIn,
    input: ownerNoticesInput,
    action: 'access',
    changes: false,
    run: (i, inv, d) => ownerNotices(i, inv, () => d.permissions.isJiraAdmin(), d),
  }),
};
