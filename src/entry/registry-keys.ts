import { ADMIN_KEYS } from '../contract/resolver-keys';
import { getAccount } from '../app/account-detail';
import { exportAudit, verifyAudit } from '../app/audit-trail';
import { getAuditRecord } from '../app/audit-record';
import { dismissCandidate, listCandidates, listDismissed, restoreCandidate } from '../app/candidates';
import { exportRegistry } from '../app/export-registry';
import { applyImport, previewImport } from '../app/import-registry';
import { listAccounts } from '../app/list-accounts';
import { listSiteUsers } from '../app/list-site-users';
import { markMigration, moveMigration } from '../app/migration';
import { retagAccount } from '../app/retag-account';
import { retireAccount } from '../app/retire-account';
import { tagAccount } from '../app/tag-account';
import { updateAccount } from '../app/update-account';
import { searchUsers } from '../app/search-users';
import { getSettings, rotateWebhookSecret, updateSettings } from '../app/settings';
import { jiraAdmin } from '../app/authorize';
import { defineKey } from './define-key';

const K = ADMIN_KEYS;

/** The registry's keys on the admin page (Jira admins only): one short definition each. */
export const registryKeys = [
  defineKey(K.siteUsers, {
    authorize: jiraAdmin,
    action: 'access',
    changes: false,
    run: (input, inv, d) =>
      listSiteUsers(input, inv.actorId ?? '', { directory: d.directory, settings: d.settings }),
  }),
  defineKey(K.usersSearch, {
    authorize: jiraAdmin,
    action: 'access',
    changes: false,
    run: (i, _v, d) => searchUsers(i, d),
  }),

  defineKey(K.accountsList, {
    authorize: jiraAdmin,
    action: 'access',
    changes: false,
    run: (i, _v, d) => listAccounts(i, d),
  }),
  defineKey(K.accountsGet, {
    authorize: jiraAdmin,
    action: 'access',
    changes: false,
    run: (i, _v, d) => getAccount(i, d),
  }),
  defineKey(K.accountsTag, {
    authorize: jiraAdmin,
    action: 'account.tag',
    changes: true,
    run: tagAccount,
  }),
  defineKey(K.accountsUpdate, {
    authorize: jiraAdmin,
    action: 'account.update',
    changes: true,
    run: updateAccount,
  }),
  defineKey(K.accountsRetire, {
    authorize: jiraAdmin,
    action: 'account.retire',
    changes: true,
    run: retireAccount,
  }),
  defineKey(K.migrationMark, {
    authorize: jiraAdmin,
    action: 'account.migration.mark',
    changes: true,
    run: markMigration,
  }),
  defineKey(K.migrationMove, {
    authorize: jiraAdmin,
    action: 'account.migration.move',
    changes: true,
    run: moveMigration,
  }),
  defineKey(K.accountsRetag, {
    authorize: jiraAdmin,
    action: 'account.retag',
    changes: true,
    run: retagAccount,
  }),

  defineKey(K.candidatesList, {
    authorize: jiraAdmin,
    action: 'access',
    changes: false,
    run: (i, _v, d) => listCandidates(i, d),
  }),
  defineKey(K.candidatesDismiss, {
    authorize: jiraAdmin,
    action: 'candidate.dismiss',
    changes: true,
    run: dismissCandidate,
  }),
  defineKey(K.candidatesDismissed, {
    authorize: jiraAdmin,
    action: 'access',
    changes: false,
    run: (i, _v, d) => listDismissed(i, d),
  }),
  defineKey(K.candidatesRestore, {
    authorize: jiraAdmin,
    action: 'candidate.restore',
    changes: true,
    run: restoreCandidate,
  }),

  defineKey(K.importPreview, {
    authorize: jiraAdmin,
    action: 'access',
    changes: false,
    run: previewImport,
  }),
  defineKey(K.importApply, {
    authorize: jiraAdmin,
    action: 'import.apply',
    changes: true,
    run: applyImport,
  }),
  defineKey(K.exportRegistry, {
    authorize: jiraAdmin,
    action: 'registry.export',
    changes: false,
    run: exportRegistry,
  }),

  defineKey(K.auditList, {
    authorize: jiraAdmin,
    action: 'access',
    changes: false,
    run: (i, _v, d) => d.audit.list(i),
  }),
  defineKey(K.auditExport, {
    authorize: jiraAdmin,
    action: 'audit.export',
    changes: false,
    run: exportAudit,
  }),
  defineKey(K.auditVerify, {
    authorize: jiraAdmin,
    action: 'audit.verify',
    changes: false,
    run: verifyAudit,
  }),
  defineKey(K.auditGet, {
    authorize: jiraAdmin,
    action: 'access',
    changes: false,
    run: (i, _v, d) => getAuditRecord(i, d),
  }),

  defineKey(K.settingsGet, {
    authorize: jiraAdmin,
    action: 'access',
    changes: false,
    run: (_i, _v, d) => getSettings(d),
  }),
  defineKey(K.settingsUpdate, {
    authorize: jiraAdmin,
    action: 'settings.update',
    changes: true,
    run: updateSettings,
  }),
  defineKey(K.settingsRotateWebhookSecret, {
    authorize: jiraAdmin,
    action: 'settings.webhook-secret.rotate',
    changes: true,
    run: (_i, inv, d) => rotateWebhookSecret(inv, d),
  }),
];
