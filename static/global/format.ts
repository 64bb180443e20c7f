import type { CredentialKind, CredentialState } from '@contract/accounts';
import type { PendingActionKind } from '@contract/owner';

/** Dates: one format for every surface, in the viewer's locale and zone (static/shared/dates.ts). */
export { formatDate, formatDatedText, todayIso } from '../shared/dates';

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

/** A finding code in people's words, as every surface shows it (src/contract/words.ts). */
export { findingLabel } from '@contract/words';

/** 3 critical, 2 high, else medium (FINDING_SEVERITY in src/domain/findings.ts). */
export function severityAppearance(severity: number): 'removed' | 'moved' | 'default' {
  return severity >= 3 ? 'removed' : severity === 2 ? 'moved' : 'default';
}

export function plural(n: number, one: string, many = `${one}s`): string {
  return `${n.toLocaleString('en-GB')} ${n === 1 ? one : many}`;
}
