import type { AccountRecord } from '../../src/domain/account';
import type { UserFacts } from '../../src/domain/people';

export const person = (accountId: string, active = true, accountType = 'atlassian'): UserFacts => ({
  accountId,
  displayName: accountId.toUpperCase(),
  accountType,
  active,
});

export function account(accountId: string, over: Partial<AccountRecord> = {}): AccountRecord {
  return {
    accountId,
    status: 'active',
    displayName: accountId,
    accountType: 'atlassian',
    accountActive: true,
    jiraCheckedAt: '2026-01-01T00:00:00.000Z',
    purpose: 'p',
    ownerId: 'owner',
    ownerName: 'Owner',
    ownerActive: true,
    integrations: [],
    reviewCadenceDays: 90,
    lastReviewedOn: '2026-01-01',
    taggedAt: '2026-01-01T00:00:00.000Z',
    taggedBy: 'admin',
    updatedAt: '2026-01-01T00:00:00.000Z',
    updatedBy: 'admin',
    version: 1,
    ...over,
  };
}
