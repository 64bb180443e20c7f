import type { CredentialKind, CredentialState } from '@contract/accounts';
import type { PendingActionKind } from '@contract/owner';

const dateFormat = new Intl.DateTimeFormat('en-GB', {
  day: 'numeric',
  month: 'short',
  year: 'numeric',
  timeZone: 'UTC',
});

/** `2026-05-01` (a UTC calendar day) or an ISO instant → `1 May 2026`. */
export function formatDate(iso: string | undefined): string {
  if (!iso) return '—';
  const d = new Date(iso.length === 10 ? `${iso}T00:00:00Z` : iso);
  return Number.isNaN(d.getTime()) ? iso : dateFormat.format(d);
}

/** Today as a UTC calendar day, `YYYY-MM-DD`. */
export function todayIso(now = new Date()): string {
  return now.toISOString().slice(0, 10);
}

export const CREDENTIAL_KIND_LABELS: Record<CredentialKind, string> = {
  'api-token': 'API token',
  'oauth-client': 'OAuth client',
  other: 'Other credential',
};

export const CREDENTIAL_STATE_LABELS: Record<CredentialState, string> = {
  none: 'No expiry recorded',
  ok: 'Credential valid',
  expiring: 'Credential expiring',
  expired: 'Credential expired',
};

export const PENDING_LABELS: Record<PendingActionKind, string> = {
  attest: 'Confirm it is still needed',
  'rotate-credential': 'Rotate a credential',
  'add-backup-owner': 'Name a backup owner',
  'replace-owner': 'Hand it to a new owner',
  'account-inactive': 'The account is deactivated in Jira',
};

const FINDING_LABELS: Record<string, string> = {
  ACCOUNT_INACTIVE: 'The account is deactivated in Jira',
  ACCOUNT_MISSING: 'Jira no longer knows the account',
  OWNER_INACTIVE: 'The owner is deactivated',
  OWNER_MISSING: 'Jira no longer knows the owner',
  NO_BACKUP_OWNER: 'No backup owner',
  OWNER_IS_INTEGRATION_ACCOUNT: 'The owner is an integration account',
  REVIEW_OVERDUE: 'The review is overdue',
  CREDENTIAL_EXPIRING: 'A credential expires soon',
  CREDENTIAL_EXPIRED: 'A credential has expired',
  PERSONAL_ACCOUNT: 'A personal account used as an integration',
  DORMANT: 'No changes in Jira lately',
};

/** A finding code in words: `NO_BACKUP_OWNER` → `No backup owner`. */
export function findingLabel(code: string): string {
  const known = FINDING_LABELS[code];
  if (known) return known;
  const words = code
    .toLowerCase()
    .replace(/[_:.-]+/g, ' ')
    .trim();
  return words.charAt(0).toUpperCase() + words.slice(1);
}

/** 3 critical, 2 high, else medium (FINDING_SEVERITY in src/domain/findings.ts). */
export function severityAppearance(severity: number): 'removed' | 'moved' | 'default' {
  return severity >= 3 ? 'removed' : severity === 2 ? 'moved' : 'default';
}

export function plural(n: number, one: string, many = `${one}s`): string {
  return `${n.toLocaleString('en-GB')} ${n === 1 ? one : many}`;
}
