import { type BackoffPolicy, SWEEP_BACKOFF, backoffDelayMs } from '../domain/backoff';
import type { LookupState } from '../domain/findings';
import type { DirectoryUser } from './ports';
import type { Sleeper, TimeBudget, UserStateSource, UserStatesAnswer } from './watch-ports';

/** `/user/bulk` has no documented maximum (FORGE-FACTS §6.2); Jira pages above ~200. */
export const BULK_MAX_IDS = 200;
/** `/users/search` pages of 1000 ("limited to 1000"). */
export const SITE_PAGE = 1000;
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

  /** Bulk requests cheaper than paging the whole site? (⌈distinct/batch⌉ vs ⌈siteUsers/1000⌉.) */
  preferPaging(distinct: readonly string[], siteUsersEstimate: number | undefined): boolean {
    if (distinct.length === 0) return false;
    const batch = Math.max(1, this.fitBatch(distinct).length);
    const bulkCalls = Math.ceil(distinct.length / batch);
    if (siteUsersEstimate === undefined) return bulkCalls > 10;
    return Math.ceil(Math.max(1, siteUsersEstimate) / SITE_PAGE) < bulkCalls;
  }

  /** Retries 429/503 with backoff while time allows; `undefined` when it gave up. */
  private async withRetry(call: () => Promise<UserStatesAnswer>): Promise<UserStatesAnswer | undefined> {
    for (let attempt = 1; ; attempt++) {
      const answer = await call();
      if (answer.kind !== 'busy') return answer;
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
   * Returns false when paging could not finish (the ids stay unknown).
   */
  async fetchSite(asked: readonly string[]): Promise<boolean> {
    const seen: DirectoryUser[] = [];
    for (let startAt = 0; ; startAt += SITE_PAGE) {
      if (this.time.remainingMs() < this.marginMs) return false;
      const answer = await this.withRetry(() => this.source.page(startAt, SITE_PAGE));
      if (!answer || answer.kind !== 'ok') return false;
      seen.push(...answer.users);
      if (answer.users.length < SITE_PAGE) break;
    }
    this.siteUsers = seen.length;
    this.record(seen, asked);
    return true;
  }
}
