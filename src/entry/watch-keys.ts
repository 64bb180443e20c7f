import {
  findingsListInput,
  offboardingAcknowledgeInput,
  offboardingCheckInput,
  offboardingRetireInput,
  offboardingTransferInput,
  sweepStatusInput,
} from '../contract/offboarding';
import {
  acceptProposalInput,
  attestInput,
  choosablePeopleInput,
  decideProposalInput,
  declineProposalInput,
  listProposalsInput,
  myAccountsInput,
  nameBackupOwnerInput,
  ownerNoticesInput,
  proposeOwnerInput,
  recordRotationInput,
} from '../contract/owner';
import { ADMIN_MODULE_KEY, OFFBOARDING_KEYS, OWNER_KEYS, WATCH_KEYS } from '../contract/resolver-keys';
import { AppError, forbidden } from '../app/errors';
import {
  acknowledgeWarning,
  offboardingCheck,
  retireFromCheck,
  transferFromDeparting,
} from '../app/offboarding';
import {
  acceptProposal,
  attest,
  choosablePeople,
  decideProposal,
  declineProposal,
  myAccounts,
  nameBackupOwner,
  ownerNotices,
  proposeOwner,
  recordRotation,
  standingProposals,
} from '../app/owner';
import { sweepStatus } from '../app/sweep';
import { acknowledgeOnTicket } from '../app/transition-guard';
import { kvsTicketAcks } from '../infra/kvs-enforcement';
import type { WatchDeps } from '../app/watch-ports';
import { jiraCallerPermissions } from '../infra/jira-directory';
import { JiraError } from '../infra/jira-client';
import { type PanelContext, guardedKey } from './guarded-key';
import { watchDeps } from './watch-deps';

const deps = () => watchDeps;

async function requireAdmin(ctx: PanelContext): Promise<void> {
  if (!ctx.accountId) throw new AppError('FORBIDDEN', 'Sign in to Jira to use this app.');
  if (!(await jiraCallerPermissions.isJiraAdmin())) throw forbidden();
}

/** Who passed `requireOffboardingStaff` in this call: a Jira admin, or staff by group only. */
const staffRole = new WeakMap<PanelContext, 'admin' | 'staff'>();

/** Jira admins, or members of a group named in the settings' `offboardingGroups`. */
export async function requireOffboardingStaff(ctx: PanelContext, d: WatchDeps): Promise<void> {
  if (!ctx.accountId) throw new AppError('FORBIDDEN', 'Sign in to Jira to use this app.');
  if (await jiraCallerPermissions.isJiraAdmin()) {
    staffRole.set(ctx, 'admin');
    return;
  }
  const [settings, groups] = await Promise.all([d.settings.get(), d.staff.groupsOf(ctx.accountId)]);
  if (groups.some((g) => settings.offboardingGroups.includes(g))) {
    staffRole.set(ctx, 'staff');
    return;
  }
  throw forbidden('Only Jira admins and offboarding staff can run the offboarding check.');
}

/**
 * The rule for offboarding staff who are not Jira admins (docs/trust.md, "Offboarding staff"): they act (hand
 * over, retire, acknowledge) only for a person who is really departing — named by the departing-person
 * field of an offboarding ticket they can see (the issue panel reads it as them), or already deactivated
 * (or gone) in Jira — and only on that person's accounts: the account they are, own or back up.
 */
async function requireDepartingForStaff(
  ctx: PanelContext,
  personId: string | undefined,
  d: WatchDeps,
  accountId?: string,
): Promise<void> {
  if (staffRole.get(ctx) !== 'staff') return;
  if (!personId)
    throw forbidden(
      'Offboarding staff act for a departing person: open the offboarding ticket that names them and act from its panel.',
    );
  const fromTicket = ctx.moduleKey !== ADMIN_MODULE_KEY && typeof ctx.extension?.issue?.key === 'string';
  const [users, record] = await Promise.all([
    fromTicket ? Promise.resolve(undefined) : d.directory.lookup([personId]),
    accountId ? d.accounts.get(accountId) : Promise.resolve(undefined),
  ]);
  const person = users?.get(personId);
  if (!fromTicket && person?.active !== false && person !== undefined)
    throw forbidden(
      `${person.displayName} is not departing: offboarding staff act only for a person named on an offboarding ticket they can see (act from the ticket's panel) or already deactivated. A Jira admin can act here.`,
    );
  if (
    accountId &&
    record &&
    record.accountId !== personId &&
    record.ownerId !== personId &&
    record.backupOwnerId !== personId
  )
    throw forbidden(
      `${record.displayName} is not an account of the departing person: offboarding staff act only on the accounts the departing person is, owns or backs up.`,
    );
}

function requireSignedIn(ctx: PanelContext): Promise<void> {
  if (!ctx.accountId) return Promise.reject(new AppError('FORBIDDEN', 'Sign in to Jira to use this app.'));
  return Promise.resolve();
}

/**
 * The departing person: on the admin page, the one asked for; in the issue panel, the one the issue's
 * user field (settings) names — read as the caller, so only people who see the ticket learn it.
 */
async function departingPerson(ctx: PanelContext, asked: string | undefined, d: WatchDeps): Promise<string> {
  const issueKey = ctx.extension?.issue?.key;
  if (ctx.moduleKey === ADMIN_MODULE_KEY || typeof issueKey !== 'string') {
    if (!asked)
      throw new AppError('BAD_REQUEST', 'Pick the person to check.', {
        fields: { personId: 'Pick a person.' },
      });
    return asked;
  }
  const settings = await d.settings.get();
  let person: string | undefined;
  try {
    person = settings.offboardingUserField
      ? await d.staff.issueUserField(issueKey, settings.offboardingUserField)
      : undefined;
  } catch (e) {
    if (e instanceof JiraError && (e.status === 404 || e.status === 403))
      throw new AppError('NOT_FOUND', 'This work item is not visible to you.');
    throw e;
  }
  if (!person) throw new AppError('NOT_FOUND', 'This work item names no departing person.');
  if (asked && asked !== person) throw forbidden('This panel only checks the person its work item names.');
  return person;
}

/** The offboarding keys, for the admin page's resolver and the issue panel's. */
export function offboardingKeys(module: string) {
  const K = OFFBOARDING_KEYS;
  const common = { actorKind: 'admin' as const, authorize: requireOffboardingStaff };
  return {
    [K.check]: guardedKey(module, K.check, deps, {
      ...common,
      input: offboardingCheckInput,
      action: 'access',
      changes: false,
      run: async (i, _inv, d, ctx) => offboardingCheck(await departingPerson(ctx, i.personId, d), d),
    }),
    [K.transfer]: guardedKey(module, K.transfer, deps, {
      ...common,
      input: offboardingTransferInput,
      action: 'offboarding.transfer',
      changes: true,
      run: async (i, inv, d, ctx) => {
        const departingId = await departingPerson(ctx, i.departingId, d);
        await requireDepartingForStaff(ctx, departingId, d, i.accountId);
        return transferFromDeparting({ ...i, departingId }, inv, d);
      },
    }),
    [K.retire]: guardedKey(module, K.retire, deps, {
      ...common,
      input: offboardingRetireInput,
      action: 'account.retire',
      changes: true,
      run: async (i, inv, d, ctx) => {
        const { departingId: asked, ...retire } = i;
        const person =
          ctx.moduleKey === ADMIN_MODULE_KEY && !asked ? undefined : await departingPerson(ctx, asked, d);
        await requireDepartingForStaff(ctx, person, d, retire.accountId);
        return retireFromCheck(retire, person, inv, d);
      },
    }),
    [K.acknowledge]: guardedKey(module, K.acknowledge, deps, {
      ...common,
      input: offboardingAcknowledgeInput,
      action: 'offboarding.acknowledge',
      changes: true,
      run: async (i, inv, d, ctx) => {
        const personId = await departingPerson(ctx, i.personId, d);
        await requireDepartingForStaff(ctx, personId, d);
        const issueKey = ctx.extension?.issue?.key;
        // On an offboarding ticket, an acknowledgement with a reason lets its transition pass (validator).
        return ctx.moduleKey !== ADMIN_MODULE_KEY && typeof issueKey === 'string'
          ? acknowledgeOnTicket({ ...i, personId, issueKey }, inv, { ...d, ticketAcks: kvsTicketAcks })
          : acknowledgeWarning({ ...i, personId }, inv, d);
      },
    }),
  };
}

/** Admin-only keys of the sweep and owner hand-overs. */
export function watchAdminKeys(module: string) {
  const K = WATCH_KEYS;
  const common = { actorKind: 'admin' as const, authorize: requireAdmin };
  return {
    [K.sweepStatus]: guardedKey(module, K.sweepStatus, deps, {
      ...common,
      input: sweepStatusInput,
      action: 'access',
      changes: false,
      run: (_i, _inv, d) => sweepStatus(d),
    }),
    [K.findingsList]: guardedKey(module, K.findingsList, deps, {
      ...common,
      input: findingsListInput,
      action: 'access',
      changes: false,
      run: (i, _inv, d) => d.findingStore.open(i.code, i.pageSize, i.cursor),
    }),
    [K.proposalsList]: guardedKey(module, K.proposalsList, deps, {
      ...common,
      input: listProposalsInput,
      action: 'access',
      changes: false,
      run: async (_i, _inv, d) => ({ proposals: await standingProposals(await d.proposals.all(), d) }),
    }),
    [K.proposalsDecide]: guardedKey(module, K.proposalsDecide, deps, {
      ...common,
      input: decideProposalInput,
      action: 'owner.decide',
      changes: true,
      run: decideProposal,
    }),
  };
}

/** The owner surfaces' keys: any signed-in user; each use case checks stored ownership. */
export function ownerKeys(module: string) {
  const K = OWNER_KEYS;
  const common = { actorKind: 'user' as const, authorize: requireSignedIn };
  return {
    [K.myAccounts]: guardedKey(module, K.myAccounts, deps, {
      ...common,
      input: myAccountsInput,
      action: 'access',
      changes: false,
      run: (_i, inv, d) => myAccounts(inv, d),
    }),
    [K.attest]: guardedKey(module, K.attest, deps, {
      ...common,
      input: attestInput,
      action: 'owner.attest',
      changes: true,
      run: attest,
    }),
    [K.recordRotation]: guardedKey(module, K.recordRotation, deps, {
      ...common,
      input: recordRotationInput,
      action: 'owner.rotation',
      changes: true,
      run: recordRotation,
    }),
    [K.proposeOwner]: guardedKey(module, K.proposeOwner, deps, {
      ...common,
      input: proposeOwnerInput,
      action: 'owner.propose',
      changes: true,
      run: proposeOwner,
    }),
    [K.acceptProposal]: guardedKey(module, K.acceptProposal, deps, {
      ...common,
      input: acceptProposalInput,
      action: 'owner.accept',
      changes: true,
      run: acceptProposal,
    }),
    [K.declineProposal]: guardedKey(module, K.declineProposal, deps, {
      ...common,
      input: declineProposalInput,
      action: 'owner.decline',
      changes: true,
      run: declineProposal,
    }),
    [K.nameBackupOwner]: guardedKey(module, K.nameBackupOwner, deps, {
      ...common,
      input: nameBackupOwnerInput,
      action: 'owner.backup',
      changes: true,
      run: nameBackupOwner,
    }),
    [K.choosablePeople]: guardedKey(module, K.choosablePeople, deps, {
      ...common,
      input: choosablePeopleInput,
      action: 'access',
      changes: false,
      run: (i, _inv, d) => choosablePeople(i, d),
    }),
    [K.notices]: guardedKey(module, K.notices, deps, {
      ...common,
      input: ownerNoticesInput,
      action: 'access',
      changes: false,
      run: (i, inv, d) => ownerNotices(i, inv, () => jiraCallerPermissions.isJiraAdmin(), d),
    }),
  };
}
