import { ForgeKvsAPIError } from '@forge/kvs';

/**
 * Did a transaction fail because one of its conditions did not hold? Forge does not document the
 * code (FORGE-FACTS §4.2, "Undocumented"); the local emulator answers 409 CONDITION_CHECK_FAILED.
 */
export function isConditionFailure(e: unknown): boolean {
  if (!(e instanceof ForgeKvsAPIError)) return false;
  return e.responseDetails?.status === 409 || /CONDITION|CONFLICT|TRANSACTION_CANCELLED/i.test(e.code);
}

/** Storage throttling (429 RATE_LIMIT_EXCEEDED / TOO_MANY_REQUESTS). */
export function isStorageRateLimited(e: unknown): boolean {
  return (
    e instanceof ForgeKvsAPIError && (e.responseDetails?.status === 429 || /RATE_LIMIT|TOO_MANY/.test(e.code))
  );
}
