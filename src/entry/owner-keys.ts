import { OWNER_KEYS as K } from '../contract/resolver-keys';
import { signedIn } from '../app/authorize';
import {
  acceptProposal,
  attest,
  choosablePeople,
  declineProposal,
  myAccounts,
  nameBackupOwner,
  ownerNotices,
  proposeOwner,
  recordRotation,
} from '../app/owner';
import { defineKey } from './define-key';

/** The owner surfaces' keys: any signed-in user; each use case checks stored ownership (src/app/authorize.ts). */
export const ownerKeys = [
  defineKey(K.myAccounts, {
    authorize: signedIn,
    action: 'access',
    changes: false,
    run: (_i, inv, d) => myAccounts(inv, d),
  }),
  defineKey(K.attest, {
    authorize: signedIn,
    action: 'owner.attest',
    changes: true,
    run: attest,
  }),
  defineKey(K.recordRotation, {
    authorize: signedIn,
    action: 'owner.rotation',
    changes: true,
    run: recordRotation,
  }),
  defineKey(K.proposeOwner, {
    authorize: signedIn,
    action: 'owner.propose',
    changes: true,
    run: proposeOwner,
  }),
  defineKey(K.acceptProposal, {
    authorize: signedIn,
    action: 'owner.accept',
    changes: true,
    run: acceptProposal,
  }),
  defineKey(K.declineProposal, {
    authorize: signedIn,
    action: 'owner.decline',
    changes: true,
    run: declineProposal,
  }),
  defineKey(K.nameBackupOwner, {
    authorize: signedIn,
    action: 'owner.backup',
    changes: true,
    run: nameBackupOwner,
  }),
  defineKey(K.choosablePeople, {
    authorize: signedIn,
    action: 'access',
    changes: false,
    run: (i, _inv, d) => choosablePeople(i, d),
  }),
  defineKey(K.notices, {
    authorize: signedIn,
    action: 'access',
    changes: false,
    run: (i, inv, d) => ownerNotices(i, inv, () => d.permissions.isJiraAdmin(), d),
  }),
];
