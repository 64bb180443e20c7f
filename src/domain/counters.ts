import type { RegistryCounts, RiskLevel } from '../contract/accounts';
import { type AccountRecord, earliestCredentialExpiry, reviewDueOn, riskOf } from './account';
import { epochDay } from './dates';

/**
 * Registry counts kept in step with every change, in the change's own transaction, so the list header
 * never scans. Review due dates and credential expiries are kept as per-day histograms of active
 * accounts, so "overdue" and "expiring" can be counted for any day without touching the records.
 */
export interface RegistryCounters {
  active: number;
  retired: number;
  noBackupOwner: number;
  risk: Record<RiskLevel, number>;
  /** epoch day → active accounts whose review falls due that day. */
  reviewDueByDay: Record<string, number>;
  /** epoch day → active accounts whose earliest credential expiry is that day. */
  credentialExpiryByDay: Record<string, number>;
}

export const emptyCounters = (): RegistryCounters => ({
  active: 0,
  retired: 0,
  noBackupOwner: 0,
  risk: { low: 0, medium: 0, high: 0 },
  reviewDueByDay: {},
  credentialExpiryByDay: {},
});

function bump(map: Record<string, number>, key: number, by: number): void {
  const next = (map[key] ?? 0) + by;
  if (next === 0) delete map[key];
  else map[key] = next;
}

function count(counters: RegistryCounters, record: AccountRecord, by: 1 | -1): void {
  if (record.status === 'retired') {
    counters.retired += by;
    return;
  }
  counters.active += by;
  if (!record.backupOwnerId) counters.noBackupOwner += by;
  counters.risk[riskOf(record).level] += by;
  bump(counters.reviewDueByDay, epochDay(reviewDueOn(record)), by);
  const expiry = earliestCredentialExpiry(record.integrations);
  if (expiry) bump(counters.credentialExpiryByDay, epochDay(expiry), by);
}

/** The counters after `before` (absent for a new record) became `after`. Pure: returns a copy. */
export function applyChange(
  counters: RegistryCounters,
  before: AccountRecord | undefined,
  after: AccountRecord | undefined,
): RegistryCounters {
  const next: RegistryCounters = structuredClone(counters);
  if (before) count(next, before, -1);
  if (after) count(next, after, 1);
  return next;
}

/** The list header's counts for `today`, with `windowDays` the largest expiry warning window. */
export function summarize(counters: RegistryCounters, today: string, windowDays: number): RegistryCounts {
  const day = epochDay(today);
  let reviewOverdue = 0;
  for (const [d, n] of Object.entries(counters.reviewDueByDay)) if (Number(d) < day) reviewOverdue += n;
  let credentialExpired = 0;
  let credentialExpiring = 0;
  for (const [d, n] of Object.entries(counters.credentialExpiryByDay)) {
    if (Number(d) < day) credentialExpired += n;
    else if (Number(d) <= day + windowDays) credentialExpiring += n;
  }
  return {
    active: counters.active,
    retired: counters.retired,
    reviewOverdue,
    credentialExpiring,
    credentialExpired,
    noBackupOwner: counters.noBackupOwner,
    risk: { ...counters.risk },
  };
}
