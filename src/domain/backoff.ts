/**
 * How long to wait before retrying a 429/503 (FORGE-FACTS §6.3): at least `Retry-After` when Jira sends
 * it, otherwise exponential from `baseMs` (doubling per attempt), capped at `capMs`, with up to 25 %
 * jitter added so that parallel clients do not retry in step.
 */
export interface BackoffPolicy {
  baseMs: number;
  capMs: number;
  maxAttempts: number;
}

export const SWEEP_BACKOFF: BackoffPolicy = { baseMs: 500, capMs: 60_000, maxAttempts: 8 };

/** `attempt` counts from 1; `random` in [0, 1). */
export function backoffDelayMs(
  attempt: number,
  retryAfterSeconds: number | undefined,
  policy: BackoffPolicy,
  random: number,
): number {
  const exponential = Math.min(policy.capMs, policy.baseMs * 2 ** Math.max(0, attempt - 1));
  const floor = retryAfterSeconds !== undefined && retryAfterSeconds >= 0 ? retryAfterSeconds * 1000 : 0;
  const base = Math.max(floor, exponential);
  // Jitter only adds: never less than Retry-After; the cap bounds the exponential part, not Jira's ask.
  return Math.round(base + base * 0.25 * Math.min(Math.max(random, 0), 1));
}
