import {
  getAccountInput,
  listAccountsInput,
  markMigrationInput,
  moveMigrationInput,
  retagAccountInput,
  retireAccountInput,
  tagAccountInput,
  updateAccountInput,
} from '../contract/accounts';
import { auditExportInput, auditGetInput, auditListInput, auditVerifyInput } from '../contract/audit';
import {
  dismissCandidateInput,
  listCandidatesInput,
  listDismissedInput,
  restoreCandidateInput,
} from '../contract/candidates';
import { exportRegistryInput, importInput } from '../contract/import-export';
import { ADMIN_KEYS, ADMIN_MODULE_KEY } from '../contract/resolver-keys';
import { getSettingsInput, rotateWebhookSecretInput, updateSettingsInput } from '../contract/settings';
import { siteUsersInput } from '../contract/site-users';
import { searchUsersInput } from '../contract/users';
import { getAccount } from '../app/account-detail';
import { exportAudit, verifyAudit } from '../app/audit-trail';
import { getAuditRecord } from '../app/audit-record';
import { dismissCandidate, listCandidates, listDismissed, restoreCandidate } from '../app/candidates';
import type { RegistryDeps } from '../app/context';
import { exportRegistry } from '../app/export-registry';
import { applyImport, previewImport } from '../app/import-registry';
import { listAccounts } from '../app/list-accounts';
import { listSiteUsers } from '../app/list-site-users';
import { markMigration, moveMigration } from '../app/migration';
import { retagAccount, retireAccount, tagAccount, updateAccount } from '../app/registry';
import { searchUsers } from '../app/search-users';
import { getSettings, rotateWebhookSecret, updateSettings } from '../app/settings';
import { jiraCallerPermissions, jiraDirectory } from '../infra/jira-directory';
import { kvsAccounts } from '../infra/kvs-accounts';
import { kvsAudit } from '../infra/kvs-audit';
import { kvsWebhookSecret } from '../infra/kvs-secret';
import { kvsSettings } from '../infra/kvs-settings';
import { adminKey, guardedHandler, newResolver, type Surface } from './define';
import { offboardingKeys, watchAdminKeys } from './watch-keys';
import { orgAuditAdminKeys } from './org-audit-keys';

const deps: RegistryDeps = {
  accounts: kvsAccounts,
  audit: kvsAudit,
  directory: jiraDirectory,
  settings: kvsSettings,
  secrets: kvsWebhookSecret,
  clock: { now: () => new Date() },
};

const admin: Surface = {
  module: ADMIN_MODULE_KEY,
  deps: () => deps,
  permissions: () => jiraCallerPermissions,
};
const K = ADMIN_KEYS;

/** Every key of the admin page: one short definition each (authorization and refusal audit in `adminKey`). */
const keys = {
  [K.siteUsers]: adminKey(admin, K.siteUsers, {
    input: siteUsersInput,
    action: 'access',
    changes: false,
    run: (input, inv, d) =>
      listSiteUsers(input, inv.actorId ?? '', { directory: d.directory, settings: d.settings }),
  }),
  [K.usersSearch]: adminKey(admin, K.usersSearch, {
    input: searchUsersInput,
    action: 'access',
    changes: false,
    run: (i, _v, d) => searchUsers(i, d),
  }),

  [K.accountsList]: adminKey(admin, K.accountsList, {
    input: listAccountsInput,
    action: 'access',
    changes: false,
    run: (i, _v, d) => listAccounts(i, d),
  }),
  [K.accountsGet]: adminKey(admin, K.accountsGet, {
    input: getAccountInput,
    action: 'access',
    changes: false,
    run: (i, _v, d) => getAccount(i, d),
  }),
  [K.accountsTag]: adminKey(admin, K.accountsTag, {
    input: tagAccountInput,
    action: 'account.tag',
    changes: true,
    run: tagAccount,
  }),
  [K.accountsUpdate]: adminKey(admin, K.accountsUpdate, {
    input: updateAccountInput,
    action: 'account.update',
    changes: true,
    run: updateAccount,
  }),
  [K.accountsRetire]: adminKey(admin, K.accountsRetire, {
    input: retireAccountInput,
    action: 'account.retire',
    changes: true,
    run: retireAccount,
  }),
  [K.migrationMark]: adminKey(admin, K.migrationMark, {
    input: markMigrationInput,
    action: 'account.migration.mark',
    changes: true,
    run: markMigration,
  }),
  [K.migrationMove]: adminKey(admin, K.migrationMove, {
    input: moveMigrationInput,
    action: 'account.migration.move',
    changes: true,
    run: moveMigration,
  }),
  [K.accountsRetag]: adminKey(admin, K.accountsRetag, {
    input: retagAccountInput,
    action: 'account.retag',
    changes: true,
    run: retagAccount,
  }),

  [K.candidatesList]: adminKey(admin, K.candidatesList, {
    input: listCandidatesInput,
    action: 'access',
    changes: false,
    run: (i, _v, d) => listCandidates(i, d),
  }),
  [K.candidatesDismiss]: adminKey(admin, K.candidatesDismiss, {
    input: dismissCandidateInput,
    action: 'candidate.dismiss',
    changes: true,
    run: dismissCandidate,
  }),
  [K.candidatesDismissed]: adminKey(admin, K.candidatesDismissed, {
    input: listDismissedInput,
    action: 'access',
    changes: false,
    run: (i, _v, d) => listDismissed(i, d),
  }),
  [K.candidatesRestore]: adminKey(admin, K.candidatesRestore, {
    input: restoreCandidateInput,
    action: 'candidate.restore',
    changes: true,
    run: restoreCandidate,
  }),

  [K.importPreview]: adminKey(admin, K.importPreview, {
    input: importInput,
    action: 'access',
    changes: false,
    run: previewImport,
  }),
  [K.importApply]: adminKey(admin, K.importApply, {
    input: importInput,
    action: 'import.apply',
    changes: true,
    run: applyImport,
  }),
  [K.exportRegistry]: adminKey(admin, K.exportRegistry, {
    input: exportRegistryInput,
    action: 'registry.export',
    changes: false,
    run: exportRegistry,
  }),

  [K.auditList]: adminKey(admin, K.auditList, {
    input: auditListInput,
    action: 'access',
    changes: false,
    run: (i, _v, d) => d.audit.list(i),
  }),
  [K.auditExport]: adminKey(admin, K.auditExport, {
    input: auditExportInput,
    action: 'audit.export',
    changes: false,
    run: exportAudit,
  }),
  [K.auditVerify]: adminKey(admin, K.auditVerify, {
    input: auditVerifyInput,
    action: 'audit.verify',
    changes: false,
    run: verifyAudit,
  }),
  [K.auditGet]: adminKey(admin, K.auditGet, {
    input: auditGetInput,
    action: 'access',
    changes: false,
    run: (i, _v, d) => getAuditRecord(i, d),
  }),

  [K.settingsGet]: adminKey(admin, K.settingsGet, {
    input: getSettingsInput,
    action: 'access',
    changes: false,
    run: (_i, _v, d) => getSettings(d),
  }),
  [K.settingsUpdate]: adminKey(admin, K.settingsUpdate, {
    input: updateSettingsInput,
    action: 'settings.update',
    changes: true,
    run: updateSettings,
  }),
  [K.settingsRotateWebhookSecret]: adminKey(admin, K.settingsRotateWebhookSecret, {
    input: rotateWebhookSecretInput,
    action: 'settings.webhook-secret.rotate',
    changes: true,
    run: (_i, inv, d) => rotateWebhookSecret(inv, d),
  }),
};

// The offboarding check and the sweep's keys (entry/watch-keys.ts) on the admin page too.
const allKeys = {
  ...keys,
  ...offboardingKeys(ADMIN_MODULE_KEY),
  ...watchAdminKeys(ADMIN_MODULE_KEY),
  ...orgAuditAdminKeys(admin),
};

const resolver = newResolver();
for (const [key, fn] of Object.entries(allKeys)) resolver.define(key, fn);

export const handler = guardedHandler(resolver, Object.keys(allKeys));
