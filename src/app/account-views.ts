import type { AccountDto, AccountRow } from '../contract/accounts';
import {
  type AccountRecord,
  credentialState,
  earliestCredentialExpiry,
  isReviewOverdue,
  reviewDueOn,
  riskOf,
} from '../domain/account';
import { openFindingsOf } from './open-findings';
import { accountKind } from '../domain/account-kinds';

/** The account's owner and, when it has one, backup owner, as people references. */
export function ownerRefs(r: AccountRecord): Pick<AccountRow, 'owner' | 'backupOwner'> {
  return {
    owner: { accountId: r.ownerId, displayName: r.ownerName, active: r.ownerActive },
    ...(r.backupOwnerId
      ? {
          backupOwner: {
            accountId: r.backupOwnerId,
            displayName: r.backupOwnerName ?? '',
            active: r.backupOwnerActive ?? false,
          },
        }
      : {}),
  };
}

/** A registry row as the list shows it, for `today` and the largest expiry warning window. */
export function toRow(r: AccountRecord, today: string, windowDays: number): AccountRow {
  const expiry = earliestCredentialExpiry(r.integrations);
  return {
    accountId: r.accountId,
    displayName: r.displayName,
    ...(r.emailAddress ? { emailAddress: r.emailAddress } : {}),
    accountType: r.accountType,
    kind: accountKind(r),
    status: r.status,
    purpose: r.purpose,
    ...ownerRefs(r),
    integrationCount: r.integrations.length,
    environments: [...new Set(r.integrations.map((i) => i.environment))].sort(),
    reviewDueOn: reviewDueOn(r),
    reviewOverdue: r.status === 'active' && isReviewOverdue(r, today),
    ...(expiry ? { credentialExpiresOn: expiry } : {}),
    credentialState: credentialState(expiry, today, windowDays),
    risk: riskOf(r),
    accountActive: r.accountActive,
    jiraCheckedAt: r.jiraCheckedAt,
    findings: openFindingsOf(r),
    version: r.version,
    updatedAt: r.updatedAt,
    ...(r.status === 'retired' && r.retiredAt ? { retiredAt: r.retiredAt } : {}),
  };
}

export function toDto(r: AccountRecord, today: string, windowDays: number): AccountDto {
  return {
    ...toRow(r, today, windowDays),
    ownerId: r.ownerId,
    ...(r.backupOwnerId ? { backupOwnerId: r.backupOwnerId } : {}),
    integrations: r.integrations,
    reviewCadenceDays: r.reviewCadenceDays,
    lastReviewedOn: r.lastReviewedOn,
    ...(r.notes ? { notes: r.notes } : {}),
    taggedAt: r.taggedAt,
    taggedBy: r.taggedBy,
    updatedBy: r.updatedBy,
    ...(r.retiredBy ? { retiredBy: r.retiredBy } : {}),
    ...(r.retireReason ? { retireReason: r.retireReason } : {}),
    ...(r.migration ? { migration: { ...r.migration } } : {}),
  };
}
