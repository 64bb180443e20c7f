import type { CredentialKind, CredentialState, RiskLevel } from '@contract/accounts';
import type { AccountKind } from '@contract/account-kinds';
import type { AuditAction } from '@contract/audit';

const dateFormat = new Intl.DateTimeFormat('en-GB', {
  day: 'numeric',
  month: 'short',
  year: 'numeric',
  timeZone: 'UTC',
});
const timeFormat = new Intl.DateTimeFormat('en-GB', {
  day: 'numeric',
  month: 'short',
  year: 'numeric',
  hour: '2-digit',
  minute: '2-digit',
  timeZone: 'UTC',
});

/** `2026-05-01` → `1 May 2026` (dates are UTC calendar days). */
export function formatDate(iso: string | undefined): string {
  if (!iso) return '—';
  const d = new Date(iso.length === 10 ? `${iso}T00:00:00Z` : iso);
  return Number.isNaN(d.getTime()) ? iso : dateFormat.format(d);
}

/** An ISO instant as `1 May 2026, 14:03 UTC`. */
export function formatTime(iso: string | undefined): string {
  if (!iso) return '—';
  const d = new Date(iso);
  return Number.isNaN(d.getTime()) ? iso : `${timeFormat.format(d)} UTC`;
}

export const CREDENTIAL_KIND_LABELS: Record<CredentialKind, string> = {
  'api-token': 'API token',
  'oauth-client': 'OAuth client',
  other: 'Other',
};

export const CREDENTIAL_STATE_LABELS: Record<CredentialState, string> = {
  none: 'No expiry recorded',
  ok: 'Valid',
  expiring: 'Expiring soon',
  expired: 'Expired',
};

export const RISK_LABELS: Record<RiskLevel, string> = { low: 'Low', medium: 'Medium', high: 'High' };

export const AUDIT_ACTION_LABELS: Partial<Record<AuditAction, string>> & Record<string, string | undefined> =
  {
    'account.tag': 'Account tagged',
    'account.update': 'Account edited',
    'account.retire': 'Account retired',
    'account.retag': 'Account re-tagged',
    'account.migration.mark': 'Replacement service account marked',
    'account.migration.move': 'Integrations moved to the service account',
    'candidate.dismiss': 'Candidate dismissed',
    'candidate.restore': 'Candidate restored',
    'import.apply': 'Import applied',
    'registry.export': 'Registry exported',
    'audit.export': 'Audit log exported',
    'audit.verify': 'Audit log verified',
    'settings.update': 'Settings changed',
    'settings.webhook-secret.rotate': 'Webhook secret rotated',
    'settings.audit-webhook-secret.rotate': 'Audit-log webhook secret generated',
    access: 'Access',
    'offboarding.check': 'Offboarding check',
    'offboarding.transfer': 'Ownership transferred',
    'offboarding.acknowledge': 'Offboarding warning acknowledged',
    'offboarding.transition': 'Offboarding transition checked',
    'org-audit.delivery': 'Organization audit event received',
    'sweep.update': 'Sweep update',
    'owner.attest': 'Owner confirmed the account',
    'owner.rotation': 'Credential rotation recorded',
    'owner.propose': 'New owner proposed',
    'owner.accept': 'Ownership accepted',
    'owner.decide': 'Ownership decided',
    'owner.backup': 'Backup owner named by the owner',
    'owner.decline': 'Hand-over declined',
  };

/** Machine codes (findings, risk factors) as words: `NO_BACKUP_OWNER` → `No backup owner`. */
export function humanizeCode(code: string): string {
  const words = code
    .toLowerCase()
    .replace(/[_:.-]+/g, ' ')
    .trim();
  return words.charAt(0).toUpperCase() + words.slice(1);
}

export const FINDING_LABELS: Record<string, string> = {
  ACCOUNT_INACTIVE: 'The account is deactivated in Jira',
  ACCOUNT_MISSING: 'Jira no longer knows the account',
  OWNER_INACTIVE: 'The owner is deactivated',
  OWNER_MISSING: 'Jira no longer knows the owner',
  NO_BACKUP_OWNER: 'No backup owner',
  BACKUP_OWNER_INACTIVE: 'The backup owner is deactivated',
  OWNER_IS_INTEGRATION_ACCOUNT: 'The owner is an integration account',
  REVIEW_OVERDUE: 'The review is overdue',
  CREDENTIAL_EXPIRING: 'A credential expires soon',
  CREDENTIAL_EXPIRED: 'A credential has expired',
  PERSONAL_ACCOUNT: 'A personal account used as an integration',
  DORMANT: 'No changes in Jira lately',
};

export const findingLabel = (code: string): string => FINDING_LABELS[code] ?? humanizeCode(code);

export const KIND_LABELS: Record<AccountKind, string> = {
  'service-account': 'Atlassian service account',
  'app-bot': 'App bot',
  personal: 'Personal account',
};

/** Why a candidate looks like an integration, in words. */
export function candidateReasonText(reason: string): string {
  if (reason === 'service-account') return 'Atlassian service account with no owner on record';
  if (reason.startsWith('pattern:')) return `Name matches “${reason.slice('pattern:'.length)}”`;
  return humanizeCode(reason);
}

/** `n thing(s)` with the right plural. */
export function plural(n: number, one: string, many = `${one}s`): string {
  return `${n.toLocaleString('en-GB')} ${n === 1 ? one : many}`;
}
