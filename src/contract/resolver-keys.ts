/** Resolver keys, one constant so the UI and the tests never type strings. */
export const ADMIN_KEYS = {
  /** The admin page's first call: who is looking, the app's settings, one page of the site's users. */
  siteUsers: 'site/users',
  /** The user picker: active people matching a name or email prefix. */
  usersSearch: 'users/search',

  accountsList: 'accounts/list',
  accountsGet: 'accounts/get',
  accountsTag: 'accounts/tag',
  accountsUpdate: 'accounts/update',
  accountsRetire: 'accounts/retire',
  accountsRetag: 'accounts/retag',
  /** PERSONAL_ACCOUNT migration: mark the replacing service account; move the integrations over. */
  migrationMark: 'accounts/migration/mark',
  migrationMove: 'accounts/migration/move',

  candidatesList: 'candidates/list',
  candidatesDismiss: 'candidates/dismiss',
  /** Dismissed candidates: listed, and put back in the candidates list. */
  candidatesDismissed: 'candidates/dismissed',
  candidatesRestore: 'candidates/restore',

  importPreview: 'import/preview',
  importApply: 'import/apply',
  exportRegistry: 'export/registry',

  auditList: 'audit/list',
  auditExport: 'audit/export',
  auditVerify: 'audit/verify',
  /** One audit record, every field (the record detail view). */
  auditGet: 'audit/get',

  settingsGet: 'settings/get',
  settingsUpdate: 'settings/update',
  settingsRotateWebhookSecret: 'settings/rotate-webhook-secret',
} as const;

export type AdminKey = (typeof ADMIN_KEYS)[keyof typeof ADMIN_KEYS];

/** The admin page's module key (manifest.yml). */
export const ADMIN_MODULE_KEY = 'integration-accounts-admin';

/**
 * Admin-page keys of the sweep and the owner hand-over approvals (defined in the admin resolver; only
 * Jira admins).
 */
export const OVERSIGHT_KEYS = {
  sweepStatus: 'sweep/status',
  findingsList: 'findings/list',
  proposalsList: 'proposals/list',
  proposalsDecide: 'proposals/decide',
} as const;
export type OversightKey = (typeof OVERSIGHT_KEYS)[keyof typeof OVERSIGHT_KEYS];

/**
 * The offboarding check: defined in the admin resolver AND in the offboarding resolver (the issue panel).
 * Callers: Jira admins or members of the settings' offboarding groups; anyone else gets FORBIDDEN.
 */
export const OFFBOARDING_KEYS = {
  check: 'offboarding/check',
  transfer: 'offboarding/transfer',
  retire: 'offboarding/retire',
  acknowledge: 'offboarding/acknowledge',
} as const;
export type OffboardingKey = (typeof OFFBOARDING_KEYS)[keyof typeof OFFBOARDING_KEYS];

/** Settings of the org audit-log webhook (admin page; docs/audit-log-webhooks.md). */
export { ORG_AUDIT_KEYS } from './org-audit-keys';

/** The owner surfaces ("My integration accounts" global page and the background-script flag). */
export const OWNER_KEYS = {
  myAccounts: 'owner/my-accounts',
  attest: 'owner/attest',
  recordRotation: 'owner/record-rotation',
  proposeOwner: 'owner/propose-owner',
  acceptProposal: 'owner/accept-proposal',
  declineProposal: 'owner/decline-proposal',
  nameBackupOwner: 'owner/name-backup-owner',
  choosablePeople: 'owner/choosable-people',
  notices: 'owner/notices',
} as const;
export type OwnerKey = (typeof OWNER_KEYS)[keyof typeof OWNER_KEYS];

/** Module and function keys of the backend (manifest.yml) and of the UI modules to come. */
export const OFFBOARDING_PANEL_MODULE_KEY = 'offboarding-check-panel';
export const OFFBOARDING_RESOLVER_FUNCTION = 'offboarding-resolver';
export const OWNER_PAGE_MODULE_KEY = 'my-integration-accounts';
export const OWNER_FLAG_MODULE_KEY = 'integration-accounts-notices';
export const OWNER_RESOLVER_FUNCTION = 'owner-resolver';
export const SWEEP_MODULE_KEY = 'integration-accounts-sweep';
export const PRE_DEACTIVATION_WEBTRIGGER_KEY = 'pre-deactivation-check';
