/**
 * A payload per resolver key that WOULD succeed for a caller allowed to use it, built from what is
 * stored right now (versions, settings, the exported registry). Denied callers get exactly these, so a
 * refusal proves the check, not a schema. Keys without a factory (added later) get `{}`.
 */
import type { LocalSite } from '../../local/host/site.js';
import type { ExportChunk } from '../../src/contract/common';
import type { SettingsView } from '../../src/contract/settings';
import {
  ADMIN_KEYS as A,
  OFFBOARDING_KEYS as O,
  OWNER_KEYS as W,
  OVERSIGHT_KEYS as S,
  ORG_AUDIT_KEYS,
} from '../../src/contract/resolver-keys';
import { asAdmin, idOf, invoke, kvsGet, must } from './support';

export type People = Record<
  'admin' | 'oscar' | 'olivia' | 'ben' | 'nora' | 'jenkins' | 'github' | 'releaseBot' | 'legacy' | 'former',
  string
>;

export function people(site: LocalSite): People {
  const id = (e: string) => idOf(site, `${e}@example.com`);
  return {
    admin: id('admin'),
    oscar: id('oscar'),
    olivia: id('olivia'),
    ben: id('ben'),
    nora: id('nora'),
    jenkins: id('jenkins-ci'),
    github: id('github-sync'),
    releaseBot: id('release-bot'),
    legacy: id('legacy-importer'),
    former: id('former'),
  };
}

export const versionOf = (site: LocalSite, accountId: string): number =>
  (kvsGet(site, accountId, 'integration-account') as { version?: number } | undefined)?.version ?? 1;

export const releaseBotTag = (p: People) => ({
  accountId: p.releaseBot,
  purpose: 'Publishes release notes to Jira versions.',
  ownerId: p.oscar,
  backupOwnerId: p.ben,
  integrations: [{ system: 'Release pipeline', environment: 'prod', credentialKind: 'api-token' }],
});

type Factory = (site: LocalSite, p: People) => Promise<unknown>;

/** The account targets of the owner keys: GitHub Sync (owner Olivia, backup Ben). */
const FACTORIES: Record<string, Factory> = {
  [A.siteUsers]: () => Promise.resolve({}),
  [A.usersSearch]: () => Promise.resolve({ query: 'nor' }),
  [A.accountsList]: () => Promise.resolve({}),
  [A.accountsGet]: (_s, p) => Promise.resolve({ accountId: p.jenkins }),
  [A.accountsTag]: (_s, p) => Promise.resolve(releaseBotTag(p)),
  [A.accountsUpdate]: (s, p) =>
    Promise.resolve({
      accountId: p.jenkins,
      version: versionOf(s, p.jenkins),
      purpose: 'Edited purpose',
      ownerId: p.olivia,
      backupOwnerId: p.ben,
      integrations: [],
      reviewCadenceDays: 60,
    }),
  [A.accountsRetire]: (s, p) =>
    Promise.resolve({ accountId: p.legacy, version: versionOf(s, p.legacy), reason: 'Archive verified' }),
  [A.accountsRetag]: async (s, p) => {
    // Needs a retired account: retire Jenkins CI first (as the admin).
    const v = versionOf(s, p.jenkins);
    const stored = kvsGet(s, p.jenkins, 'integration-account') as { status?: string } | undefined;
    if (stored?.status === 'active')
      must(await asAdmin(s, A.accountsRetire, { accountId: p.jenkins, version: v, reason: 'For re-tag' }));
    return {
      accountId: p.jenkins,
      version: versionOf(s, p.jenkins),
      purpose: 'Back in service',
      ownerId: p.olivia,
      integrations: [],
    };
  },
  [A.migrationMark]: (s, p) =>
    Promise.resolve({
      accountId: p.github,
      version: versionOf(s, p.github),
      replacementId: idOf(s, 'deploy-pipeline@serviceaccount.atlassian.com'),
    }),
  [A.migrationMove]: async (s, p) => {
    // Needs a marked replacement: mark Deploy Pipeline for GitHub Sync first (as the admin).
    const stored = kvsGet(s, p.github, 'integration-account') as
      { record?: { migration?: unknown } } | undefined;
    if (!stored?.record?.migration)
      must(
        await asAdmin(s, A.migrationMark, {
          accountId: p.github,
          version: versionOf(s, p.github),
          replacementId: idOf(s, 'deploy-pipeline@serviceaccount.atlassian.com'),
        }),
      );
    return { accountId: p.github, version: versionOf(s, p.github) };
  },
  [A.candidatesList]: () => Promise.resolve({}),
  [A.candidatesDismiss]: (_s, p) => Promise.resolve({ accountId: p.releaseBot, reason: 'A person, really' }),
  [A.candidatesDismissed]: () => Promise.resolve({}),
  [A.candidatesRestore]: async (s, p) => {
    // Needs a dismissed candidate. Earlier generated payloads can tag almost anyone (an accounts/tag
    // payload with a known id), and a tagged account cannot be dismissed: take the first of these that
    // is dismissed already or can be dismissed now (as the admin).
    for (const id of [p.releaseBot, p.nora, p.former, p.oscar, p.ben]) {
      if (kvsGet(s, `dismissed:${id}`) !== undefined) return { accountId: id };
      if ((await asAdmin(s, A.candidatesDismiss, { accountId: id, reason: 'A person, really' })).ok)
        return { accountId: id };
    }
    throw new Error('candidates/restore: every account the fixture could dismiss is tagged');
  },
  [A.importPreview]: async (s) => ({ csv: await exportedCsv(s) }),
  [A.importApply]: async (s) => ({ csv: await exportedCsv(s) }),
  [A.exportRegistry]: () => Promise.resolve({ format: 'csv' }),
  [A.auditList]: () => Promise.resolve({}),
  [A.auditExport]: () => Promise.resolve({ format: 'json' }),
  [A.auditVerify]: () => Promise.resolve({}),
  [A.auditGet]: () => Promise.resolve({ seq: 1 }),
  [A.settingsGet]: () => Promise.resolve({}),
  [A.settingsUpdate]: async (s) => {
    const view = must(await asAdmin<SettingsView>(s, A.settingsGet, {}));
    return { ...view.settings, defaultReviewCadenceDays: 120, version: view.version };
  },
  [A.settingsRotateWebhookSecret]: () => Promise.resolve({}),
  [ORG_AUDIT_KEYS.status]: () => Promise.resolve({}),
  [ORG_AUDIT_KEYS.rotate]: () => Promise.resolve({}),

  [S.sweepStatus]: () => Promise.resolve({}),
  [S.findingsList]: () => Promise.resolve({}),
  [S.proposalsList]: () => Promise.resolve({}),
  [S.proposalsDecide]: async (s, p) => {
    await ensureProposal(s, p);
    return { accountId: p.github, proposedOwnerId: p.oscar, approve: false };
  },

  [O.check]: (_s, p) => Promise.resolve({ personId: p.olivia }),
  [O.transfer]: (s, p) =>
    Promise.resolve({ accountId: p.github, version: versionOf(s, p.github), departingId: p.olivia }),
  [O.retire]: (s, p) =>
    Promise.resolve({
      accountId: p.jenkins,
      version: versionOf(s, p.jenkins),
      departingId: p.olivia,
      reason: 'Owner leaves',
    }),
  [O.acknowledge]: (_s, p) => Promise.resolve({ personId: p.olivia, verdict: 'block', reason: 'Seen' }),

  [W.myAccounts]: () => Promise.resolve({}),
  [W.attest]: (s, p) =>
    Promise.resolve({
      accountId: p.github,
      version: versionOf(s, p.github),
      stillNeeded: true,
      purposeCorrect: true,
    }),
  [W.recordRotation]: (s, p) =>
    Promise.resolve({
      accountId: p.github,
      version: versionOf(s, p.github),
      integrationIndex: 0,
      rotatedOn: new Date().toISOString().slice(0, 10),
    }),
  [W.proposeOwner]: (_s, p) => Promise.resolve({ accountId: p.github, proposedOwnerId: p.oscar }),
  [W.acceptProposal]: async (s, p) => {
    await ensureProposal(s, p);
    return { accountId: p.github };
  },
  [W.declineProposal]: async (s, p) => {
    await ensureProposal(s, p);
    return { accountId: p.github };
  },
  [W.nameBackupOwner]: (s, p) => {
    const stored = kvsGet(s, p.github, 'integration-account') as
      { record?: { backupOwnerId?: string } } | undefined;
    return Promise.resolve({
      accountId: p.github,
      version: versionOf(s, p.github),
      backupOwnerId: stored?.record?.backupOwnerId === p.nora ? p.ben : p.nora,
    });
  },
  [W.choosablePeople]: (_s, p) => Promise.resolve({ accountIds: [p.nora, p.jenkins, p.github] }),
  [W.notices]: () => Promise.resolve({ peek: true }),
};

export const hasFactory = (key: string): boolean => key in FACTORIES;

export async function validPayload(site: LocalSite, key: string): Promise<unknown> {
  const make = FACTORIES[key];
  return make ? make(site, people(site)) : {};
}

/**
 * GitHub Sync's current owner proposes Oscar as its new owner, unless that is pending already, so that
 * `owner/accept-proposal` has something to accept. Earlier generated calls may have handed the account
 * on (to Oscar, or elsewhere); then there may be nothing to set up, and the accept gets a closed
 * refusal, which is all the property asks of it.
 */
async function ensureProposal(site: LocalSite, p: People): Promise<void> {
  if (kvsGet(site, `proposal:${p.oscar}:${p.github}`) !== undefined) return;
  const owner = (kvsGet(site, p.github, 'integration-account') as { ownerId?: string } | undefined)?.ownerId;
  if (!owner || owner === p.oscar) return;
  await invoke(site, {
    moduleKey: 'my-integration-accounts',
    functionKey: W.proposeOwner,
    payload: { accountId: p.github, proposedOwnerId: p.oscar },
    accountId: owner,
  });
}

export async function exportedCsv(site: LocalSite): Promise<string> {
  let content = '';
  let cursor: string | undefined;
  do {
    const chunk: ExportChunk = must(
      await asAdmin<ExportChunk>(site, A.exportRegistry, {
        format: 'csv',
        status: 'active',
        ...(cursor ? { cursor } : {}),
      }),
    );
    content += chunk.content;
    cursor = chunk.nextCursor;
  } while (cursor);
  return content;
}
