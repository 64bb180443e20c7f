/**
 * `POST /__local/jira/quota`: the Jira simulator's points quotas (local/jira/rate-limits.ts) — tier,
 * quota sizes, points already spent this hour (by this tenant or, on Tier 1, by the app's other
 * tenants), the per-issue write limit, enforcement on/off. Answers the points state, which
 * `GET /__local/state` also carries under `jira.points`.
 */
import type { JiraSimulator } from '../jira/jira-server.js';
import type { QuotaSettings } from '../jira/rate-limits.js';

export type QuotaUpdate =
  | { ok: true; patch: Partial<QuotaSettings>; spent: { global?: number; tenant?: number } }
  | { ok: false; message: string };

const isCount = (v: unknown): v is number => typeof v === 'number' && Number.isInteger(v) && v >= 0;

export function parseQuotaUpdate(body: Record<string, unknown>): QuotaUpdate {
  const patch: Partial<QuotaSettings> = {};
  const spent: { global?: number; tenant?: number } = {};
  const bad = (message: string): QuotaUpdate => ({ ok: false, message });
  const { tier, globalQuota, tenantQuota, appUserQuota, globalSpentByOthers, perIssueWrites, enforce } = body;
  if (tier !== undefined) {
    if (tier !== 1 && tier !== 2) return bad('tier must be 1 or 2');
    patch.tier = tier;
  }
  for (const [name, value] of Object.entries({ globalQuota, appUserQuota, globalSpentByOthers })) {
    if (value === undefined) continue;
    if (!isCount(value)) return bad(`${name} must be a whole number ≥ 0`);
    patch[name as 'globalQuota' | 'appUserQuota' | 'globalSpentByOthers'] = value;
  }
  if (tenantQuota !== undefined) {
    if (tenantQuota !== 'auto' && !isCount(tenantQuota))
      return bad("tenantQuota must be 'auto' or a whole number ≥ 0");
    patch.tenantQuota = tenantQuota;
  }
  if (perIssueWrites === null) patch.perIssueWrites = null;
  else if (perIssueWrites !== undefined) {
    const w = perIssueWrites as { limit?: unknown; windowMs?: unknown };
    if (typeof w !== 'object' || !isCount(w.limit) || !isCount(w.windowMs))
      return bad('perIssueWrites must be null or { limit, windowMs }');
    patch.perIssueWrites = { limit: w.limit, windowMs: w.windowMs };
  }
  if (enforce !== undefined) {
    if (typeof enforce !== 'boolean') return bad('enforce must be true or false');
    patch.enforce = enforce;
  }
  const given = body.spent as { global?: unknown; tenant?: unknown } | undefined;
  if (given !== undefined) {
    if (typeof given !== 'object' || given === null) return bad('spent must be { global?, tenant? }');
    for (const key of ['global', 'tenant'] as const) {
      if (given[key] === undefined) continue;
      if (!isCount(given[key])) return bad(`spent.${key} must be a whole number ≥ 0`);
      spent[key] = given[key];
    }
  }
  return { ok: true, patch, spent };
}

/** Applies a parsed update; the answer is the state after it. */
export function applyQuotaUpdate(jira: JiraSimulator, update: QuotaUpdate & { ok: true }) {
  jira.points.configure(update.patch);
  jira.points.setSpent(update.spent);
  return jira.points.state();
}
