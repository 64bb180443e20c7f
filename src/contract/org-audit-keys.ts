/** Resolver keys of the org audit-log webhook's settings (no schemas here: the UI imports it). */
export const ORG_AUDIT_KEYS = {
  status: 'org-audit/status',
  rotate: 'org-audit/rotate-secret',
} as const;

/** The webtrigger's module key (manifest.yml). */
export const ORG_AUDIT_WEBTRIGGER_KEY = 'org-audit-log-webhook';
