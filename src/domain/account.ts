import type {
  AccountStatus,
  CredentialState,
  Integration,
  MigrationDto,
  RiskDto,
  RiskLevel,
} from '../contract/accounts';
import { addDays, epochDay } from './dates';
import type { OpenFinding } from './findings';

/** An integration account as the registry stores it (the `record` of the `integration-account` entity). */
export interface AccountRecord {
  accountId: string;
  status: AccountStatus;
  /** Jira facts as last checked (at each change, and by the sweep). */
  displayName: string;
  emailAddress?: string;
  accountType: string;
  /** Jira's `User.appType` (e.g. `service`), when it reports one. */
  appType?: string;
  accountActive: boolean;
  jiraCheckedAt: string;

  purpose: string;
  ownerId: string;
  ownerName: string;
  ownerActive: boolean;
  backupOwnerId?: string;
  backupOwnerName?: string;
  backupOwnerActive?: boolean;
  integrations: Integration[];
  reviewCadenceDays: number;
  /** The review clock starts here: the tag date, later each attestation. */
  lastReviewedOn: string;
  notes?: string;

  taggedAt: string;
  taggedBy: string;
  updatedAt: string;
  updatedBy: string;
  retiredAt?: string;
  retiredBy?: string;
  retireReason?: string;
  /** When the current owner became the owner (absent on records stored before it was kept). */
  ownerSince?: string;
  /** Starts at 1; every stored change adds 1 (optimistic concurrency). */
  version: number;
  /** Findings open on the account as the sweep last wrote them (domain/findings.ts). */
  findings?: OpenFinding[];
  /** A personal account's move to an Atlassian service account (PERSONAL_ACCOUNT guidance). */
  migration?: Migration;
}

/** Steps of a migration: mark the replacement, move the integrations, then retire (the record's status). */
export type Migration = MigrationDto;

/** The fields an admin edits (tag, update, re-tag, import). */
export interface Registration {
  purpose: string;
  ownerId: string;
  backupOwnerId?: string;
  integrations: Integration[];
  reviewCadenceDays: number;
  notes?: string;
}

/** The people an account names: the account itself, its owner and its backup owner (when it has one). */
export function peopleOf(r: Pick<AccountRecord, 'accountId' | 'ownerId' | 'backupOwnerId'>): string[] {
  return [r.accountId, r.ownerId, ...(r.backupOwnerId ? [r.backupOwnerId] : [])];
}

export function registrationOf(record: AccountRecord): Registration {
  return {
    purpose: record.purpose,
    ownerId: record.ownerId,
    ...(record.backupOwnerId ? { backupOwnerId: record.backupOwnerId } : {}),
    integrations: record.integrations,
    reviewCadenceDays: record.reviewCadenceDays,
    ...(record.notes ? { notes: record.notes } : {}),
  };
}

/** Drops empty optional values so that equal registrations compare equal. */
export function normalizeRegistration(r: Registration): Registration {
  const integrations = r.integrations.map((i) => {
    const out: Integration = {
      system: i.system,
      environment: i.environment,
      credentialKind: i.credentialKind,
    };
    if (i.credentialLabel) out.credentialLabel = i.credentialLabel;
    if (i.credentialExpiresOn) out.credentialExpiresOn = i.credentialExpiresOn;
    if (i.lastRotatedOn) out.lastRotatedOn = i.lastRotatedOn;
    return out;
  });
  return {
    purpose: r.purpose,
    ownerId: r.ownerId,
    ...(r.backupOwnerId ? { backupOwnerId: r.backupOwnerId } : {}),
    integrations,
    reviewCadenceDays: r.reviewCadenceDays,
    ...(r.notes ? { notes: r.notes } : {}),
  };
}

/** The names of the registration fields that differ. */
export function changedFields(a: Registration, b: Registration): string[] {
  const x = normalizeRegistration(a) as unknown as Record<string, unknown>;
  const y = normalizeRegistration(b) as unknown as Record<string, unknown>;
  const keys = ['purpose', 'ownerId', 'backupOwnerId', 'integrations', 'reviewCadenceDays', 'notes'];
  return keys.filter((k) => JSON.stringify(x[k]) !== JSON.stringify(y[k]));
}

export function reviewDueOn(record: Pick<AccountRecord, 'lastReviewedOn' | 'reviewCadenceDays'>): string {
  return addDays(record.lastReviewedOn, record.reviewCadenceDays);
}

/** Overdue once the due date has passed (due today is not overdue). */
export function isReviewOverdue(
  record: Pick<AccountRecord, 'lastReviewedOn' | 'reviewCadenceDays'>,
  today: string,
): boolean {
  return reviewDueOn(record) < today;
}

/** The earliest credential expiry among the account's integrations. */
export function earliestCredentialExpiry(integrations: Integration[]): string | undefined {
  let earliest: string | undefined;
  for (const i of integrations) {
    if (i.credentialExpiresOn && (earliest === undefined || i.credentialExpiresOn < earliest))
      earliest = i.credentialExpiresOn;
  }
  return earliest;
}

/** expired: before today; expiring: within `windowDays` from today (inclusive). */
export function credentialState(
  expiresOn: string | undefined,
  today: string,
  windowDays: number,
): CredentialState {
  if (!expiresOn) return 'none';
  if (expiresOn < today) return 'expired';
  return epochDay(expiresOn) - epochDay(today) <= windowDays ? 'expiring' : 'ok';
}

/**
 * A structural risk score: facts of the record and of the owners' last known Jira state only, never
 * the clock, so that stored scores (and the counters derived from them) stay exact until the record
 * or those states change. Time-driven risks (reviews due, credentials expiring) have their own filters.
 */
export const RISK_WEIGHTS = {
  OWNER_INACTIVE: 40,
  ACCOUNT_INACTIVE: 30,
  NO_BACKUP_OWNER: 25,
  BACKUP_OWNER_INACTIVE: 20,
  PRODUCTION_USE: 10,
  CREDENTIAL_WITHOUT_EXPIRY: 10,
  NO_INTEGRATIONS_RECORDED: 10,
  LONG_REVIEW_CADENCE: 5,
} as const;
export type RiskFactor = keyof typeof RISK_WEIGHTS;

export const RISK_THRESHOLDS: Record<RiskLevel, number> = { low: 0, medium: 25, high: 50 };

export function riskLevel(score: number): RiskLevel {
  return score >= RISK_THRESHOLDS.high ? 'high' : score >= RISK_THRESHOLDS.medium ? 'medium' : 'low';
}

/** Score bounds of a level, inclusive (for index range queries). */
export function riskBounds(level: RiskLevel): [number, number] {
  if (level === 'high') return [RISK_THRESHOLDS.high, 100];
  if (level === 'medium') return [RISK_THRESHOLDS.medium, RISK_THRESHOLDS.high - 1];
  return [0, RISK_THRESHOLDS.medium - 1];
}

export function riskOf(record: AccountRecord): RiskDto {
  const factors: RiskFactor[] = [];
  if (!record.ownerActive) factors.push('OWNER_INACTIVE');
  if (!record.accountActive && record.status === 'active') factors.push('ACCOUNT_INACTIVE');
  if (!record.backupOwnerId) factors.push('NO_BACKUP_OWNER');
  else if (record.backupOwnerActive === false) factors.push('BACKUP_OWNER_INACTIVE');
  if (record.integrations.some((i) => /^(prod|production|live)$/.test(i.environment)))
    factors.push('PRODUCTION_USE');
  if (record.integrations.some((i) => !i.credentialExpiresOn)) factors.push('CREDENTIAL_WITHOUT_EXPIRY');
  if (record.integrations.length === 0) factors.push('NO_INTEGRATIONS_RECORDED');
  if (record.reviewCadenceDays > 180) factors.push('LONG_REVIEW_CADENCE');
  const score = Math.min(
    100,
    factors.reduce((sum, f) => sum + RISK_WEIGHTS[f], 0),
  );
  return { score, level: riskLevel(score), factors };
}
