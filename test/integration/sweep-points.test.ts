/**
 * The sweep under Jira's points-based rate limits (DESIGN.md §6): it spends at most its share of the
 * hourly quota Jira states in its headers, rolls over hourly runs when a full sweep does not fit —
 * oldest-checked first, every account within the cycle — and says so in `sweep/status`.
 */
import { afterAll, beforeAll, beforeEach, describe, expect, it } from 'vitest';
import type { SweepStatus } from '../../src/contract/offboarding';
import { OVERSIGHT_KEYS } from '../../src/contract/resolver-keys';
import { runSweep } from '../../src/app/sweep';
import type { OversightDeps } from '../../src/app/oversight-ports';
import type { LocalSite } from '../../local/host/site.js';
import { type Call, as, data, startSite } from './harness';
import { liveDeps } from './oversight-harness';

const HOUR = 3_600_000;
let site: LocalSite;
let admin: Call;
let deps: OversightDeps;

beforeAll(async () => {
  site = await startSite();
  admin = as(site, 'admin@example.com');
  deps = await liveDeps();
});
afterAll(() => site.close());
beforeEach(async () => {
  await site.reset();
  site.jira.points.configure({ tier: 2, tenantQuota: 'auto', enforce: true });
});

/** A scheduled run at `at`, with the sweep's share of the hourly quota set to `sharePercent`. */
function sweepAt(at: number, sharePercent: number) {
  const settings = {
    ...deps.settings,
    get: async () => ({ ...(await deps.settings.get()), sweepQuotaSharePercent: sharePercent }),
  };
  return site.runtime.runInInvocation({}, async () => {
    const before = site.jira.points.stats.app;
    const outcome = await runSweep(
      { ...deps, settings, clock: { now: () => new Date(at) } },
      { trigger: 'scheduled' },
    );
    return { outcome, points: site.jira.points.stats.app - before };
  });
}

const status = async () => data(await admin<SweepStatus>(OVERSIGHT_KEYS.sweepStatus, {}));

describe('points budget and rolling sweep', () => {
  it('a full sweep that fits its share runs in one go and reports mode "full" with its points', async () => {
    const t = Date.UTC(2026, 3, 1, 9, 5);
    const { outcome, points } = await sweepAt(t, 10);
    expect(outcome.status).toBe('complete');
    if (outcome.status === 'skipped') return;
    expect(outcome.summary).toMatchObject({ mode: 'full', accountsLeft: 0 });
    // The app's estimate is what Jira charged: its user-state requests, and 1 point per dormancy query.
    expect((outcome.summary.points ?? 0) + (outcome.summary.dormancyQueries ?? 0)).toBe(points);
    expect(outcome.summary.dormancyQueries).toBe(3);
    const s = await status();
    expect(s.last).toMatchObject({ mode: 'full', state: 'complete' });
    expect(s.budget).toMatchObject({ sharePercent: 10, quotaPolicy: 'tenant-app-quota' });
    expect(s.budget?.hourlyQuota).toBe(site.jira.points.state().tenantQuota);
  });

  it('rolls when the share is too small: ≤ share per hour, oldest first, every account in the cycle', async () => {
    // A tenant quota of 600 points and a 2 % share: 12 points an hour, one or two accounts per run.
    site.jira.points.configure({ tenantQuota: 600 });
    const t0 = Date.UTC(2026, 3, 1, 9, 5);
    const first = await sweepAt(t0, 2); // learns the quota from Jira's headers (first request unknown)
    expect(first.outcome.status).not.toBe('skipped');
    const total = (await status()).last?.accountsTotal ?? (await status()).running?.accountsTotal;
    expect(total).toBeGreaterThan(2);

    const checkedOrder: number[] = [];
    let last;
    for (let hour = 1; hour <= 24; hour++) {
      const run = await sweepAt(t0 + hour * HOUR, 2);
      expect(run.points, `run ${hour}`).toBeLessThanOrEqual(12);
      if (run.outcome.status === 'skipped') throw new Error('lease held');
      last = run.outcome.summary;
      checkedOrder.push(last.accountsChecked);
      if (last.state === 'complete' && checkedOrder.length > 1) break;
      if (last.state === 'partial') {
        expect(last).toMatchObject({ mode: 'rolling', stoppedFor: 'points' });
        const s = await status();
        expect(s.running).toMatchObject({ mode: 'rolling', stoppedFor: 'points' });
        expect(s.running?.accountsLeft).toBe(
          (s.running?.accountsTotal ?? 0) - (s.running?.accountsChecked ?? 0),
        );
      }
    }
    // The cycle ended with every account checked, in fewer than 24 hourly runs, as a rolling sweep.
    expect(last).toMatchObject({ state: 'complete', mode: 'rolling', accountsLeft: 0 });
    expect(last?.accountsChecked).toBe(last?.accountsTotal);
    // Each run went on from where the previous stopped (checked counts only grow within the cycle).
    const inCycle = checkedOrder.slice(
      checkedOrder.findIndex((n, i) => i > 0 && n < checkedOrder[i - 1]!) + 1,
    );
    expect([...inCycle].sort((a, b) => a - b)).toEqual(inCycle);
  });

  it('a second run in the same hour spends only what is left of the share', async () => {
    site.jira.points.configure({ tenantQuota: 600 });
    const t0 = Date.UTC(2026, 3, 2, 9, 5);
    await sweepAt(t0, 2);
    const a = await sweepAt(t0 + HOUR, 2);
    const b = await sweepAt(t0 + HOUR + 60_000, 2);
    expect(a.points + b.points).toBeLessThanOrEqual(12);
  });
});
