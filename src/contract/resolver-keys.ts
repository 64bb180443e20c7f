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

  candidatesList: 'candidates/list',
  candidatesDismiss: 'candidates/dismiss',

  importPreview: 'import/preview',
  importApply: 'import/apply',
  exportRegistry: 'export/registry',

  auditList: 'audit/list',
  auditExport: 'audit/export',
  auditVerify: 'audit/verify',

  settingsGet: 'settings/get',
  settingsUpdate: 'settings/update',
  settingsRotateWebhookSecret: 'settings/rotate-webhook-secret',
} as const;

export type AdminKey = (typeof ADMIN_KEYS)[keyof typeof ADMIN_KEYS];

/** The admin page's module key (manifest.yml). */
export const ADMIN_MODULE_KEY = 'integration-accounts-admin';
