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
import { auditExportInput, auditListInput, auditVerifyInput } from '../contract/audit';
import { dismissCandidateInput, listCandidatesInput } from '../contract/candidates';
import { exportRegistryInput, importInput } from '../contract/import-export';
import { ADMIN_KEYS } from '../contract/resolver-keys';
import { getSettingsInput, rotateWebhookSecretInput, updateSettingsInput } from '../contract/settings';
import { siteUsersInput } from '../contract/site-users';
import { searchUsersInput } from '../contract/users';
import { getAccount } from '../app/account-detail';
import { exportAudit, verifyAudit } from '../app/audit-trail';
import { dismissCandidate, listCandidates } from '../app/candidates';
import { exportRegistry } from '../app/export-registry';
import { applyImport, previewImport } from '../app/import-registry';
import { listAccounts } from '../app/list-accounts';
import { listSiteUsers } from '../app/list-site-users';
import { markMigration, moveMigration } from '../app/migration';
import { retagAccount, retireAccount, tagAccount, updateAccount } from '../app/registry';
import { searchUsers } from '../app/search-users';
import { getSettings, rotateWebhookSecret, updateSettings } from '../app/settings';
import { jiraAdmin } from '../app/authorize';
import { defineKey } from './define-key';

const K = ADMIN_KEYS;

/** The registry's keys on the admin page (Jira admins only): one short definition each. */
export const registryKeys = {
  [K.siteUsers]: defineKey({
    authorize: jiraAdmin,
    input: siteUsersInput,
    action: 'access',
    changes: false,
    run: (input, inv, d) =>
      listSiteUsers(input, inv.actorId ?? '', { directory: d.directory, settings: d.settings }),
  }),
  [K.usersSearch]: defineKey({
    authorize: jiraAdmin,
    input: searchUsersInput,
    action: 'access',
    changes: false,
    run: (i, _v, d) => searchUsers(i, d),
  }),

  [K.accountsList]: defineKey({
    authorize: jiraAdmin,
    input: listAccountsInput,
    action: 'access',
    changes: false,
    run: (i, _v, d) => listAccounts(i, d),
  }),
  [K.accountsGet]: defineKey({
    authorize: jiraAdmin,
    input: getAccountInput,
    action: 'access',
    changes: false,
    run: (i, _v, d) => getAccount(i, d),
  }),
  [K.accountsTag]: defineKey({
    authorize: jiraAdmin,
    input: tagAccountInput,
    action: 'account.tag',
    changes: true,
    run: tagAccount,
  }),
  [K.accountsUpdate]: defineKey({
    authorize: jiraAdmin,
    input: updateAccountInput,
    action: 'account.update',
    changes: true,
    run: updateAccount,
  }),
  [K.accountsRetire]: defineKey({
    authorize: jiraAdmin,
    input: retireAccountInput,
    action: 'account.retire',
    changes: true,
    run: retireAccount,
  }),
  [K.migrationMark]: defineKey({
    authorize: jiraAdmin,
    input: markMigrationInput,
    action: 'account.migration.mark',
    changes: true,
    run: markMigration,
  }),
  [K.migrationMove]: defineKey({
    authorize: jiraAdmin,
    input: moveMigrationInput,
    action: 'account.migration.move',
    changes: true,
    run: moveMigration,
  }),
  [K.accountsRetag]: defineKey({
    authorize: jiraAdmin,
    input: retagAccountInput,
    action: 'account.retag',
    changes: true,
    run: retagAccount,
  }),

  [K.candidatesList]: defineKey({
    authorize: jiraAdmin,
    input: listCandidatesInput,
    action: 'access',
    changes: false,
    run: (i, _v, d) => listCandidates(i, d),
  }),
  [K.candidatesDismiss]: defineKey({
    authorize: jiraAdmin,
    input: dismissCandidateInput,
    action: 'candidate.dismiss',
    changes: true,
    run: dismissCandidate,
  }),

  [K.importPreview]: defineKey({
    authorize: jiraAdmin,
    input: importInput,
    action: 'access',
    changes: false,
    run: previewImport,
  }),
  [K.importApply]: defineKey({
    authorize: jiraAdmin,
    input: importInput,
    action: 'import.apply',
    changes: true,
    run: applyImport,
  }),
  [K.exportRegistry]: defineKey({
    authorize: jiraAdmin,
    input: exportRegistryInput,
    action: 'registry.export',
    changes: false,
    run: exportRegistry,
  }),

  [K.auditList]: defineKey({
    authorize: jiraAdmin,
    input: auditListInput,
    action: 'access',
    changes: false,
    run: (i, _v, d) => d.audit.list(i),
  }),
  [K.auditExport]: defineKey({
    authorize: jiraAdmin,
    input: auditExportInput,
    action: 'audit.export',
    changes: false,
    run: exportAudit,
  }),
  [K.auditVerify]: defineKey({
    authorize: jiraAdmin,
    input: auditVerifyInput,
    action: 'audit.verify',
    changes: false,
    run: verifyAudit,
  }),

  [K.settingsGet]: defineKey({
    authorize: jiraAdmin,
    input: getSettingsInput,
    action: 'access',
    changes: false,
    run: (_i, _v, d) => getSettings(d),
  }),
  [K.settingsUpdate]: defineKey({
    authorize: jiraAdmin,
    input: updateSettingsInput,
    action: 'settings.update',
    changes: true,
    run: updateSettings,
  }),
  [K.settingsRotateWebhookSecret]: defineKey({
    authorize: jiraAdmin,
    input: rotateWebhookSecretInput,
    action: 'settings.webhook-secret.rotate',
    changes: true,
    run: (_i, inv, d) => rotateWebhookSecret(inv, d),
  }),
};
