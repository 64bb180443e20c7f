/** The app's own points estimate and the sweep's budget rule (src/domain/jira-points.ts). */
import { describe, expect, it } from 'vitest';
import {
  bulkLookupPoints,
  parseQuotaHeaders,
  sitePagingPoints,
  sweepPointsBudget,
  utcHour,
} from '../../src/domain/jira-points';

describe('points of the two ways to read user states', () => {
  it('bulk: a base point per request and 2 per user; paging: the same for every site user', () => {
    expect(bulkLookupPoints(12_001, 200)).toBe(61 + 24_002);
    expect(sitePagingPoints(12_063)).toBe(13 + 24_126);
    // The usual site: a small registry on a big site — bulk is far cheaper.
    expect(bulkLookupPoints(241, 200)).toBe(2 + 482);
    expect(sitePagingPoints(20_000)).toBe(20 + 40_000);
    expect(bulkLookupPoints(0, 200)).toBe(0);
  });
});

describe("Jira's quota headers", () => {
  it('reads q, r and t; anything else is no reading', () => {
    expect(
      parseQuotaHeaders('"tenant-app-quota";q=100100;w=3600', '"tenant-app-quota";r=17842;t=2107'),
    ).toEqual({ policy: 'tenant-app-quota', limit: 100_100, remaining: 17_842, resetSeconds: 2107 });
    expect(parseQuotaHeaders(null, '"x";r=1;t=2')).toBeUndefined();
    expect(parseQuotaHeaders('"x";q=abc', '"x";r=1;t=2')).toBeUndefined();
  });

  it('the UTC hour a time falls in', () => {
    expect(utcHour(new Date(Date.UTC(2026, 2, 2, 10, 59, 59)))).toBe('2026-03-02T10');
  });
});

describe('the sweep budget', () => {
  const quota = (limit: number, remaining: number) => ({
    policy: 'tenant-app-quota',
    limit,
    remaining,
    resetSeconds: 60,
  });

  it('is the share of the stated quota less what the sweep spent this hour', () => {
    expect(sweepPointsBudget({ sharePercent: 10, quota: quota(220_630, 220_630), spentThisHour: 0 })).toBe(
      22_063,
    );
    expect(
      sweepPointsBudget({ sharePercent: 10, quota: quota(220_630, 200_000), spentThisHour: 20_000 }),
    ).toBe(2063);
    expect(sweepPointsBudget({ sharePercent: 10, quota: quota(1000, 1000), spentThisHour: 500 })).toBe(0);
  });

  it('never reaches into the last 20 % Jira says is left (kept for people)', () => {
    expect(sweepPointsBudget({ sharePercent: 50, quota: quota(1000, 250), spentThisHour: 0 })).toBe(50);
    expect(sweepPointsBudget({ sharePercent: 50, quota: quota(1000, 150), spentThisHour: 0 })).toBe(0);
  });

  it("assumes Tier 1's 65,000 before Jira has said anything", () => {
    expect(sweepPointsBudget({ sharePercent: 10, quota: undefined, spentThisHour: 0 })).toBe(6500);
  });
});
