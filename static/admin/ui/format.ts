import type { CredentialKind, CredentialState, RiskLevel } from '@contract/accounts';
import type { AccountKind } from '@contract/account-kinds';
import type { AuditAction } from '@contract/audit';
import { sentenceCase } from '@contract/words';

/** Dates and times: one format for every surface, in the viewer's locale and zone (static/shared/dates.ts). */
export { formatDate, formatTime, localizeDates } from '../../shared/dates';

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

/** Machine codes (findings, risk factors) in people's words, shared with the server (src/contract/words.ts). */
export {
  FINDING_LABELS,
  findingLabel,
  riskFactorLabel,
  sentenceCase as humanizeCode,
  sweepReasonText,
  auditReasonText,
} from '@contract/words';

export const KIND_LABELS: Record<AccountKind, string> = {
  'service-account': 'Atlassian service account',
  'app-bot': 'App bot',
  personal: 'Personal account',
};

/** Why a candidate looks like an integration, in words. */
export function candidateReasonText(reason: string): string {
  if (reason === 'service-account') return 'Atlassian service account with no owner on record';
  if (reason.startsWith('pattern:')) return `Name matches “${reason.slice('pattern:'.length)}”`;
  return sentenceCase(reason);
}

/** `n thing(s)` with the right plural. */
export function plural(n: number, one: string, many = `${one}s`): string {
  return `${n.toLocaleString('en-GB')} ${n === 1 ? one : many}`;
}
