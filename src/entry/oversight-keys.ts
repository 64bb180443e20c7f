import { OVERSIGHT_KEYS as K } from '../contract/resolver-keys';
import { jiraAdmin } from '../app/authorize';
import { decideProposal, standingProposals } from '../app/owner';
import { sweepStatus } from '../app/sweep-status';
import { defineKey } from './define-key';

/** The admin page's keys of the sweep, its findings and the owner hand-overs waiting for approval. */
export const oversightKeys = [
  defineKey(K.sweepStatus, {
    authorize: jiraAdmin,
    action: 'access',
    changes: false,
    run: (_i, _inv, d) => sweepStatus(d),
  }),
  defineKey(K.findingsList, {
    authorize: jiraAdmin,
    action: 'access',
    changes: false,
    run: (i, _inv, d) => d.findingStore.open(i.code, i.pageSize, i.cursor),
  }),
  defineKey(K.proposalsList, {
    authorize: jiraAdmin,
    action: 'access',
    changes: false,
    run: async (_i, _inv, d) => ({ proposals: await standingProposals(await d.proposals.all(), d) }),
  }),
  defineKey(K.proposalsDecide, {
    authorize: jiraAdmin,
    action: 'owner.decide',
    changes: true,
    run: decideProposal,
  }),
];
