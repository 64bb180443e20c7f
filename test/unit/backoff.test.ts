import fc from 'fast-check';
import { describe, expect, it } from 'vitest';
import { SWEEP_BACKOFF, backoffDelayMs } from '../../src/domain/backoff';
import { UserStateFetcher } from '../../src/app/user-states';
import type { UserStateSource, UserStatesAnswer } from '../../src/app/oversight-ports';
import { person } from './oversight-factories';

describe('backoffDelayMs', () => {
  it('doubles from the base, capped, and never waits less than Retry-After', () => {
    expect(backoffDelayMs(1, undefined, SWEEP_BACKOFF, 0)).toBe(500);
    expect(backoffDelayMs(3, undefined, SWEEP_BACKOFF, 0)).toBe(2000);
    expect(backoffDelayMs(20, undefined, SWEEP_BACKOFF, 0)).toBe(60_000);
    expect(backoffDelayMs(1, 10, SWEEP_BACKOFF, 0)).toBe(10_000);
  });
  it('property: jitter adds 0–25 %, never below max(Retry-After, exponential)', () => {
    fc.assert(
      fc.property(
        fc.integer({ min: 1, max: 30 }),
        fc.option(fc.integer({ min: 0, max: 120 }), { nil: undefined }),
        fc.double({ min: 0, max: 0.9999, noNaN: true }),
        (attempt, ra, r) => {
          const d = backoffDelayMs(attempt, ra, SWEEP_BACKOFF, r);
          const floor = Math.max(
            (ra ?? 0) * 1000,
            Math.min(SWEEP_BACKOFF.capMs, SWEEP_BACKOFF.baseMs * 2 ** (attempt - 1)),
          );
          expect(d).toBeGreaterThanOrEqual(floor);
          expect(d).toBeLessThanOrEqual(Math.round(floor * 1.25));
        },
      ),
    );
  });
});

/** A scripted Jira: answers in order, then found users for whatever is asked. */
function fakeSource(script: UserStatesAnswer[], maxUrl = 10_000): UserStateSource & { asked: string[][] } {
  let calls = 0;
  const asked: string[][] = [];
  return {
    asked,
    get calls() {
      return calls;
    },
    points: 0,
    quota: undefined,
    urlLength: (ids) => 40 + ids.length * 35,
    bulk(ids) {
      calls++;
      asked.push([...ids]);
      const next = script.shift();
      if (next) return Promise.resolve(next);
      if (40 + ids.length * 35 > maxUrl) return Promise.resolve({ kind: 'too-long' });
      return Promise.resolve({
        kind: 'ok',
        users: ids.filter((id) => !id.startsWith('gone')).map((id) => person(id)),
      });
    },
    page: () => Promise.resolve({ kind: 'ok', users: [] }),
  };
}

describe('UserStateFetcher', () => {
  const clock = () => {
    const slept: number[] = [];
    return {
      slept,
      sleeper: { sleep: (ms: number) => (slept.push(ms), Promise.resolve()), random: () => 0 },
    };
  };

  it('waits Retry-After on 429/503, then records found and missing users', async () => {
    const { slept, sleeper } = clock();
    const source = fakeSource([
      { kind: 'busy', status: 429, retryAfterSeconds: 2 },
      { kind: 'busy', status: 503 },
    ]);
    const f = new UserStateFetcher(source, sleeper, { remainingMs: () => 600_000 }, 1000);
    await f.fetchBatch(['a', 'gone-1']);
    expect(slept).toEqual([2000, 1000]);
    expect(f.state('a').kind).toBe('found');
    expect(f.state('gone-1').kind).toBe('missing');
    expect(f.calls).toBe(3);
  });

  it('gives up when waiting would eat the margin: the ids stay unknown (never silently dropped)', async () => {
    const { sleeper } = clock();
    const source = fakeSource([{ kind: 'busy', status: 429, retryAfterSeconds: 60 }]);
    const f = new UserStateFetcher(source, sleeper, { remainingMs: () => 30_000 }, 5000);
    await f.fetchBatch(['a']);
    expect(f.state('a').kind).toBe('unknown');
  });

  it('halves on a URL refusal and remembers the smaller budget', async () => {
    const { sleeper } = clock();
    const source = fakeSource([], 40 + 50 * 35);
    const f = new UserStateFetcher(source, sleeper, { remainingMs: () => 600_000 }, 1000);
    const ids = Array.from({ length: 180 }, (_, i) => `u${i}`);
    const batch = f.fitBatch(ids);
    expect(batch.length).toBe(180);
    await f.fetchBatch(batch);
    expect(ids.every((id) => f.state(id).kind === 'found')).toBe(true);
    expect(f.fitBatch(ids).length).toBeLessThanOrEqual(50);
  });

  it('prefers paging the site only when it costs fewer points than bulk lookups', () => {
    const { sleeper } = clock();
    const f = new UserStateFetcher(fakeSource([]), sleeper, { remainingMs: () => 1 }, 0);
    const many = Array.from({ length: 5000 }, (_, i) => `u${i}`);
    // 5,000 ids on a 5,000-user site: 5 pages (5 + 10,000 points) vs 25 bulk calls (25 + 10,000).
    expect(f.preferPaging(many, 5000)).toBe(true);
    // 5,000 ids on a 5,100-user site: paging returns 100 users more (+200 points) — bulk is cheaper.
    expect(f.preferPaging(many, 5100)).toBe(false);
    expect(f.preferPaging(many.slice(0, 300), 3000)).toBe(false); // 602 vs 6,003 points
    // Unknown site size: paging to learn it could cost far more than the lookups; bulk.
    expect(f.preferPaging(many, undefined)).toBe(false);
    expect(f.preferPaging(many.slice(0, 100), 100)).toBe(false); // one bulk call is the floor
  });

  /** A site of `size` users served a page at a time. */
  function pagedSite(size: number) {
    const source = fakeSource([]);
    let pages = 0;
    source.page = (startAt, max) => {
      pages++;
      const users = Array.from({ length: Math.max(0, Math.min(max, size - startAt)) }, (_, i) =>
        person(`u${startAt + i}`),
      );
      return Promise.resolve({ kind: 'ok', users });
    };
    return { source, pages: () => pages };
  }

  it('pages a small site completely: asked ids it did not see are missing, the size is learnt', async () => {
    const { sleeper } = clock();
    const { source, pages } = pagedSite(2500);
    const f = new UserStateFetcher(source, sleeper, { remainingMs: () => 600_000 }, 0);
    expect(await f.fetchSite(['u1', 'u2499', 'gone'], 5)).toBe(true);
    expect(pages()).toBe(3);
    expect(f.siteUsers).toBe(2500);
    expect([f.state('u1').kind, f.state('u2499').kind, f.state('gone').kind]).toEqual([
      'found',
      'found',
      'missing',
    ]);
  });

  it('stops paging a large site at the cap: unseen ids stay unknown for bulk, the site is known to be larger', async () => {
    const { sleeper } = clock();
    const { source, pages } = pagedSite(10_000);
    const f = new UserStateFetcher(source, sleeper, { remainingMs: () => 600_000 }, 0);
    expect(await f.fetchSite(['u5', 'u9999'], 2)).toBe(false);
    expect(pages()).toBe(2);
    expect([f.state('u5').kind, f.state('u9999').kind]).toEqual(['found', 'unknown']);
    expect(f.siteUsers).toBe(2001);
    // Next run: 3 pages (≥ 4,005 points) cost more than bulk lookups of 300 ids (602), so bulk it is.
    expect(
      f.preferPaging(
        Array.from({ length: 300 }, (_, i) => `x${i}`),
        f.siteUsers,
      ),
    ).toBe(false);
  });
});
