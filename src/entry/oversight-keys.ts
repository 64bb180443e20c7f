import { findingsListInput, sweepStatusInput } from '../contract/offboarding';
import { decideProposalInput, listProposalsInput } from '../contract/owner';
import { OVERSIGHT_KEYS as K } from '../contract/resolver-keys';
import { jiraAdmin } from '../app/authorize';
import { decideProposal, standingProposals } from '../app/owner';
import { sweepStatus } from '../app/sweep';
import { defineKey } from './define-key';

/** The admin page's keys of the sweep, its findings and the owner hand-overs waiting for approval. */
export const oversightKeys = {
  [K.sweepStatus]: defineKey({
    authorize: jiraAdmin,
    input: sweepStatusInput,
    action: 'access',
    changes: false,
    run: (_i, _inv, d) => sweepStatus(d),
  }),
  [K.findingsList]: defineKey({
    authorize: jiraAdmin,
    input: findingsListInput,
    action: 'access',
    changes: false,
    run: (i, _inv, d) => d.findingStore.open(i.code, i.pageSize, i.cursor),
  }),
  [K.proposalsList]: defineKey({
    authorize: jiraAdmin,
    input: listProposalsInput,
    action: 'access',
    changes: false,
    run: async (_i, _inv, d) => ({ proposals: await standingProposals(await d.proposals.all(), d) }),
  }),
  [K.proposalsDecide]: defineKey({
    authorize: jiraAdmin,
    input: decideProposalInput,
    action: 'owner.decide',
    changes: true,
    run: decideProposal,
  }),
};
