/**
 * The kinds of integration account (docs/account-kinds.md): an Atlassian service account (no seat, no
 * owner in Atlassian's directory), an app's bot user (Forge/Connect/Rovo; belongs to its app), or a
 * personal account (a person-type account used as an integration: holds a seat and dies with its
 * user's offboarding).
 */
export const ACCOUNT_KINDS = ['service-account', 'app-bot', 'personal'] as const;
export type AccountKind = (typeof ACCOUNT_KINDS)[number];

/** Atlassian's guide to service accounts (linked from the PERSONAL_ACCOUNT guidance). */
export const SERVICE_ACCOUNT_DOCS_URL =
  'https://support.atlassian.com/user-management/docs/understand-service-accounts/';
