import { OFFBOARDING_KEYS as K } from '../contract/resolver-keys';
import { departingPerson, offboardingStaff, requireDepartingForStaff } from '../app/authorize';
import {
  acknowledgeWarning,
  offboardingCheck,
  retireFromCheck,
  transferFromDeparting,
} from '../app/offboarding';
import { acknowledgeOnTicket } from '../app/transition-guard';
import { defineKey } from './define-key';

/** The offboarding keys, on the admin page and in the offboarding tickets' issue panel. */
export const offboardingKeys = [
  defineKey(K.check, {
    authorize: offboardingStaff,
    action: 'access',
    changes: false,
    run: async (i, _inv, d, { caller }) => offboardingCheck(await departingPerson(caller, i.personId, d), d),
  }),
  defineKey(K.transfer, {
    authorize: offboardingStaff,
    action: 'offboarding.transfer',
    changes: true,
    run: async (i, inv, d, { caller, grant }) => {
      const departingId = await departingPerson(caller, i.departingId, d);
      await requireDepartingForStaff(grant, caller, departingId, d, i.accountId);
      return transferFromDeparting({ ...i, departingId }, inv, d);
    },
  }),
  defineKey(K.retire, {
    authorize: offboardingStaff,
    action: 'account.retire',
    changes: true,
    run: async (i, inv, d, { caller, grant }) => {
      const { departingId: asked, ...retire } = i;
      const person = caller.adminPage && !asked ? undefined : await departingPerson(caller, asked, d);
      await requireDepartingForStaff(grant, caller, person, d, retire.accountId);
      return retireFromCheck(retire, person, inv, d);
    },
  }),
  defineKey(K.acknowledge, {
    authorize: offboardingStaff,
    action: 'offboarding.acknowledge',
    changes: true,
    run: async (i, inv, d, { caller, grant }) => {
      const personId = await departingPerson(caller, i.personId, d);
      await requireDepartingForStaff(grant, caller, personId, d);
      // On an offboarding ticket, an acknowledgement with a reason lets its transition pass (validator).
      return caller.ticketKey !== undefined
        ? acknowledgeOnTicket({ ...i, personId, issueKey: caller.ticketKey }, inv, d)
        : acknowledgeWarning({ ...i, personId }, inv, d);
    },
  }),
];
