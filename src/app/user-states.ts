import { type BackoffPolicy, SWEEP_BACKOFF, backoffDelayMs } from '../domain/backoff';
import type { LookupState } from '../domain/findings';
import { SITE_PAGE_SIZE, bulkLookupPoints, requestPoints, sitePagingPoints } from '../domain/jira-points';
import type { DirectoryUser } from './ports';
import type { Sleeper, TimeBudget, UserStateSource, UserStatesAnswer } from './oversight-ports';

/** `/user/bulk` has no documented maximum (FORGE-FACTS §6.2); Jira pages above ~200. */
export const BULK_MAX_IDS = 200;
/** `/users/search` pages of 1000 ("limited to 1000"). */
export const SITE_PAGE = SITE_PAGE_SIZE;
/** The URL length to try first; halved (down to one id) whenever Jira answers 414/400 to a long URL. */
export const INITIAL_URL_BUDGET = 8000;

/**
 * Fetches user states for the sweep in the fewest Jira requests, and never loses an id: each asked id
 * ends up found, missing (Jira answered without it) or unknown (Jira could not be asked in time).
 */
export class UserStateFetcher {
  readonly states = new Map<string, LookupState>();
  urlBudget = INITIAL_URL_BUDGET;
  siteUsers: number | undefined;
  /** Set when Jira answered 429 for a spent hourly quota: no retry helps before its window resets. */
  quotaSpent: { retryAfterSeconds?: number } | undefined;

  constructor(
    private readonly source: UserStateSource,
    private readonly sleeper: Sleeper,
    private readonly time: TimeBudget,
    private readonly marginMs: number,
    private readonly policy: BackoffPolicy = SWEEP_BACKOFF,
  ) {}

  get calls(): number {
    return this.source.calls;
  }

  /** Points spent so far (the app's estimate, src/domain/jira-points.ts). */
  get points(): number {
    return this.source.points;
  }

  state(id: string): LookupState {
    return this.states.get(id) ?? { kind: 'unknown' };
  }

  /** The ids (in order) that one bulk request can carry from `ids`, at the current URL budget. */
  fitBatch(ids: readonly string[]): string[] {
    const batch: string[] = [];
    for (const id of ids) {
      if (batch.length >= BULK_MAX_IDS) break;
      if (batch.length > 0 && this.source.urlLength([...batch, id]) > this.urlBudget) break;
      batch.push(id);
    }
    return batch;
  }

  /** Can ONE bulk request carry all of `ids` (count and URL length)? O(ids), unlike `fitBatch`. */
  fits(ids: readonly string[]): boolean {
    return ids.length <= BULK_MAX_IDS && (ids.length <= 1 || this.source.urlLength(ids) <= this.urlBudget);
  }

  /** Bulk requests needed for `distinct` at the current URL budget. */
  bulkCalls(distinct: readonly string[]): number {
    if (distinct.length === 0) return 0;
    return Math.ceil(distinct.length / Math.max(1, this.fitBatch(distinct).length));
  }

  /** Points of bulk lookups of `distinct` at the current URL budget. */
  bulkPoints(distinct: readonly string[]): number {
    return bulkLookupPoints(distinct.length, Math.max(1, this.fitBatch(distinct).length));
  }

  /**
   * Should the sweep page the site's users rather than look the ids up in bulk? By Jira points
   * (DESIGN.md §6): paging returns every site user at 2 points each, bulk only the ids asked for, so
   * paging wins only when the ids are nearly the whole site. With no site size known, bulk: paging to
   * learn it could cost twice what the lookups do.
   */
  preferPaging(distinct: readonly string[], siteUsersEstimate: number | undefined): boolean {
    if (this.bulkCalls(distinct) <= 1 || siteUsersEstimate === undefined) return false;
    return sitePagingPoints(siteUsersEstimate) < this.bulkPoints(distinct);
  }

  /** Points of one bulk request for `ids` (each found: the most it can cost). */
  static batchPoints(ids: number): number {
    return requestPoints(ids);
  }

  /** Retries 429/503 with backoff while time allows; `undefined` when it gave up. */
  private async withRetry(call: () => Promise<UserStatesAnswer>): Promise<UserStatesAnswer | undefined> {
    for (let attempt = 1; ; attempt++) {
      const answer = await call();
      if (answer.kind !== 'busy') return answer;
      if (answer.quotaSpent) {
        this.quotaSpent =
          answer.retryAfterSeconds === undefined ? {} : { retryAfterSeconds: answer.retryAfterSeconds };
        return undefined;
      }
      if (attempt >= this.policy.maxAttempts) return undefined;
      const wait = backoffDelayMs(attempt, answer.retryAfterSeconds, this.policy, this.sleeper.random());
      if (this.time.remainingMs() - wait < this.marginMs) return undefined;
      await this.sleeper.sleep(wait);
    }
  }

  private record(users: DirectoryUser[], asked: readonly string[] | undefined): void {
    for (const u of users) this.states.set(u.accountId, { kind: 'found', user: u });
    if (asked) for (const id of asked) if (!this.states.has(id)) this.states.set(id, { kind: 'missing' });
  }

  /** One batch of ids: halves on a URL refusal; ids it could not ask about stay unknown. */
  async fetchBatch(ids: readonly string[]): Promise<void> {
    if (ids.length === 0) return;
    const answer = await this.withRetry(() => this.source.bulk(ids));
    if (!answer || answer.kind === 'error' || answer.kind === 'busy') return;
    if (answer.kind === 'too-long') {
      if (ids.length === 1) return;
      this.urlBudget = Math.max(200, Math.floor(Math.min(this.urlBudget, this.source.urlLength(ids)) / 2));
      const half = Math.ceil(ids.length / 2);
      await this.fetchBatch(ids.slice(0, half));
      await this.fetchBatch(ids.slice(half));
      return;
    }
    this.record(answer.users, ids);
  }

  /**
   * Pages every site user (active, inactive, deleted); afterwards any asked id not seen is missing.
   * Stops after `maxPages` pages — paging further would cost more than bulk lookups — keeping the
   * users seen and remembering the site as larger than that. Returns false when paging did not finish:
   * the ids not seen stay unknown, for bulk lookups to settle.
   */
  async fetchSite(asked: readonly string[], maxPages: number): Promise<boolean> {
    const seen: DirectoryUser[] = [];
    let complete = false;
    for (let page = 0; page < maxPages; page++) {
      if (this.time.remainingMs() < this.marginMs) break;
      const answer = await this.withRetry(() => this.source.page(page * SITE_PAGE, SITE_PAGE));
      if (!answer || answer.kind !== 'ok') break;
      seen.push(...answer.users);
      if (answer.users.length < SITE_PAGE) {
        complete = true;
        break;
      }
    }
    if (seen.length === maxPages * SITE_PAGE) this.siteUsers = seen.length + 1;
    if (complete) this.siteUsers = seen.length;
    this.record(seen, complete ? asked : undefined);
    return complete;
  }
}
