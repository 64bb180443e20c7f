/**
 * The dormancy check, a small step of the sweep with its own per-run cap (so the sweep's Jira budget can
 * account for it): for each tagged, active account, ONE count of the issues it created or changed in the
 * last N days (`issue in updatedBy(<accountId>, "-Nd")`, POST /search/approximate-count). A cursor of
 * the day keeps it to one query per account per day. Read-only API use leaves no trace in Jira, so a
 * count of 0 means "made no changes", not "unused" (docs/account-kinds.md).
 */
import type { AccountRecord } from '../domain/account';

/** At most this many dormancy queries per sweep run (24 hourly runs: 2,400 accounts a day). */
export const DORMANCY_QUERIES_PER_RUN = 100;
/** Queries in flight at once (Jira's burst limit is per second; a few parallel requests stay far below). */
const PARALLEL = 4;

/** How far today's dormancy pass has come (stored with the sweep's checkpoint and summary). */
export interface DormancyCursor {
  /** UTC day of the pass. */
  day: string;
  /** Account id of the last account queried today ('' before the first). */
  after: string;
}

export interface ActivitySource {
  /** Issues `accountId` created or changed in the last `days` days, as Jira counts them. */
  changesWithin(accountId: string, days: number): Promise<number>;
}

export interface DormancyPass {
  /** accountId → changes within the window, for the accounts queried this run. */
  activity: Map<string, number>;
  cursor: DormancyCursor;
  queries: number;
  /** True when Jira failed (busy or error): the rest waits for the next run. */
  interrupted: boolean;
}

/**
 * Queries the next accounts of today's pass among `records` (sorted by accountId), up to `cap`,
 * while `enoughTime()`. A failed query ends the pass for this run without moving past that account.
 */
export async function runDormancyPass(
  records: readonly AccountRecord[],
  previous: DormancyCursor | undefined,
  today: string,
  days: number,
  source: ActivitySource,
  enoughTime: () => boolean,
  cap: number = DORMANCY_QUERIES_PER_RUN,
): Promise<DormancyPass> {
  const cursor: DormancyCursor = previous?.day === today ? { ...previous } : { day: today, after: '' };
  const due = records
    .filter((r) => r.status === 'active' && r.accountActive && r.accountId > cursor.after)
    .slice(0, cap);
  const activity = new Map<string, number>();
  let queries = 0;
  let interrupted = false;
  for (let i = 0; i < due.length && !interrupted && enoughTime(); i += PARALLEL) {
    const chunk = due.slice(i, i + PARALLEL);
    const answers = await Promise.allSettled(chunk.map((r) => source.changesWithin(r.accountId, days)));
    queries += chunk.length;
    for (const [j, answer] of answers.entries()) {
      const r = chunk[j] as AccountRecord;
      if (answer.status === 'rejected') {
        interrupted = true;
        break;
      }
      activity.set(r.accountId, answer.value);
      cursor.after = r.accountId;
    }
  }
  return { activity, cursor, queries, interrupted };
}
