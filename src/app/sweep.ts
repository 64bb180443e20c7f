import { randomUUID } from 'node:crypto';
import type { SweepSummary } from '../contract/offboarding';
import { type AccountRecord, peopleOf } from '../domain/account';
import type { FindingFacts, OpenFinding } from '../domain/findings';
import { requestPoints, sitePagingPoints, sweepPointsBudget, utcHour } from '../domain/jira-points';
import { utcDate } from '../domain/dates';
import { DORMANCY_QUERIES_PER_RUN, runDormancyPass } from './dormancy';
import { syncWorkItems } from './owner-work-items';
import { reconcileAccount, sweepInvocation } from './reconcile';
import { UserStateFetcher } from './user-states';
import type {
  StoredSummary,
  SweepCheckpoint,
  SweepState,
  SweepTotals,
  OversightDeps,
} from './oversight-ports';

export type SweepOutcome =
  { status: 'skipped'; reason: 'lease-held' } | { status: 'complete' | 'partial'; summary: SweepSummary };

const emptyTotals = (): SweepTotals => ({
  accountsChecked: 0,
  accountsUnresolved: 0,
  findingsOpened: 0,
  findingsResolved: 0,
  recordsWritten: 0,
  noticesCreated: 0,
  jiraCalls: 0,
  points: 0,
  unresolvedAccounts: [],
});

/** Time kept in hand when stopping: a tenth of the invocation, between 0.2 and 30 seconds. */
const marginFor = (remainingMs: number) => Math.max(200, Math.min(30_000, remainingMs * 0.1));

export function factsFor(
  r: AccountRecord,
  f: UserStateFetcher,
  tagged: ReadonlySet<string>,
  activity?: { changes: number | undefined; days: number } | 'off',
): FindingFacts {
  return {
    account: f.state(r.accountId),
    owner: f.state(r.ownerId),
    ...(r.backupOwnerId ? { backupOwner: f.state(r.backupOwnerId) } : {}),
    tagged,
    ...(activity === 'off'
      ? { activity: 'off' as const }
      : activity?.changes !== undefined
        ? { activity: { changes: activity.changes, days: activity.days } }
        : {}),
  };
}

/**
 * The scheduled sweep (DESIGN.md §3): under a lease, reads every tagged account (⌈N/100⌉ reads),
 * fetches the states of every distinct account, owner and backup in the fewest Jira requests (bulk
 * batches as large as the URL allows, or paging the site's users when that is cheaper), reconciles
 * each account's findings, and writes only the accounts that changed. It watches the time left and
 * stops with a checkpoint, resuming after the last account checked on the next run.
 */
export async function runSweep(
  deps: OversightDeps,
  opts: { trigger: 'scheduled' | 'manual'; leaseTtlMs?: number },
): Promise<SweepOutcome> {
  const startRemaining = deps.time.remainingMs();
  const margin = marginFor(startRemaining);
  const holder = randomUUID();
  const state = await deps.sweepState.read();
  const nowMs = deps.clock.now().getTime();
  if (state.lease && state.lease.expiresAt > nowMs) return { status: 'skipped', reason: 'lease-held' };
  const ttl = Math.round(opts.leaseTtlMs ?? Math.min(startRemaining, 900_000) + 60_000);
  if (!(await deps.sweepState.acquire(holder, nowMs, ttl, state.lease)))
    return { status: 'skipped', reason: 'lease-held' };

  try {
    return await sweepUnderLease(deps, opts, state, holder, margin);
  } catch (error) {
    // A crashed run must not keep the next runs out until its lease expires.
    await deps.sweepState.release(holder).catch(() => undefined);
    throw error;
  }
}

/** The sweep's work once the lease is held: ends by finishing (frees the lease) or checkpointing. */
async function sweepUnderLease(
  deps: OversightDeps,
  opts: { trigger: 'scheduled' | 'manual' },
  state: SweepState,
  holder: string,
  margin: number,
): Promise<SweepOutcome> {
  const run: SweepCheckpoint = state.run ?? {
    runId: holder,
    startedAt: deps.clock.now().toISOString(),
    after: '',
    totals: emptyTotals(),
  };
  const totals = run.totals;
  const unresolved = new Set<string>();
  const settings = await deps.settings.get();
  const inv = sweepInvocation('scheduled', opts.trigger);

  const records = (await deps.accounts.scan('active', undefined, Number.MAX_SAFE_INTEGER)).records.sort(
    (a, b) => (a.accountId < b.accountId ? -1 : a.accountId > b.accountId ? 1 : 0),
  );
  const tagged = new Set(records.map((r) => r.accountId));
  const findingsNow = new Map<string, OpenFinding[]>(records.map((r) => [r.accountId, r.findings ?? []]));
  const todo = records.filter((r) => r.accountId > run.after);
  run.accountsTotal ??= records.length;

  const source = deps.userStates();
  const fetcher = new UserStateFetcher(source, deps.sleeper, deps.time, margin);
  const learnt = run.urlBudget ?? state.last?.urlBudget;
  if (learnt) fetcher.urlBudget = learnt;

  // The points budget (DESIGN.md §6): the settings' share of Jira's hourly quota, less what the sweep
  // already spent this UTC hour, never into the last 20 % Jira says is left. A quota remembered from an
  // earlier run gives its size only; what is left comes from this run's answers.
  const hour = utcHour(deps.clock.now());
  const hourly = run.hourly ?? state.last?.hourly;
  const spentBefore = hourly?.hour === hour ? hourly.points : 0;
  const remembered = run.quota ?? state.last?.quota;
  let dormancyPoints = 0;
  const pointsLeft = () =>
    sweepPointsBudget({
      sharePercent: settings.sweepQuotaSharePercent,
      quota: source.quota ?? (remembered && { ...remembered, remaining: remembered.limit }),
      spentThisHour: spentBefore + fetcher.points + dormancyPoints,
    });

  const distinct = [...new Set(todo.flatMap(peopleOf))];
  // Paging only when it costs fewer points and fits the budget; it stops once it would cost as much as
  // bulk lookups, and the ids it did not settle go in bulk.
  const siteEstimate = state.last?.siteUsers;
  const paging =
    fetcher.preferPaging(distinct, siteEstimate) &&
    sitePagingPoints(siteEstimate ?? 0) <= pointsLeft() &&
    (await fetcher.fetchSite(
      distinct,
      Math.max(1, Math.floor(fetcher.bulkPoints(distinct) / requestPoints(1000))),
    ));

  let stopped: 'time' | 'points' | 'quota' | undefined;
  // The slowest step so far (one Jira request with its retries, or one account's write): stop while
  // there is time for two more beyond the margin.
  let slowestStepMs = 0;
  const timed = async <T>(step: () => Promise<T>): Promise<T> => {
    const t0 = Date.now();
    try {
      return await step();
    } finally {
      slowestStepMs = Math.max(slowestStepMs, Date.now() - t0);
    }
  };
  const enoughTime = () => deps.time.remainingMs() > margin + 2 * slowestStepMs;

  // The dormancy check: its own small step, one query per account per day, capped per run and by the
  // points the budget leaves once the user-state lookups this run still needs are set aside.
  const perQuery = requestPoints(0);
  const reserve = paging ? 0 : fetcher.bulkPoints(distinct.filter((id) => !fetcher.states.has(id)));
  const dormancyOn = settings.dormantAfterDays > 0;
  const dormancy = await runDormancyPass(
    dormancyOn ? todo : [],
    run.dormancy ?? state.last?.dormancy,
    utcDate(deps.clock.now()),
    settings.dormantAfterDays,
    deps.activity,
    enoughTime,
    Math.max(0, Math.min(DORMANCY_QUERIES_PER_RUN, Math.floor((pointsLeft() - reserve) / perQuery))),
  );
  dormancyPoints = dormancy.queries * perQuery;
  run.dormancy = dormancy.cursor;
  totals.dormancyQueries = (totals.dormancyQueries ?? 0) + dormancy.queries;
  const activityOf = (id: string) =>
    dormancyOn ? { changes: dormancy.activity.get(id), days: settings.dormantAfterDays } : ('off' as const);

  let i = 0;
  while (i < todo.length) {
    if (!enoughTime()) {
      stopped = 'time';
      break;
    }
    // The next records whose not-yet-known people fit ONE bulk request (all of them when paging) and
    // the points budget.
    let end = i;
    if (paging) end = todo.length;
    else {
      const wanted: string[] = [];
      const asked = new Set<string>();
      while (end < todo.length) {
        const fresh = [...new Set(peopleOf(todo[end] as AccountRecord))].filter(
          (id) => !fetcher.states.has(id) && !asked.has(id),
        );
        const candidate = fresh.length > 0 ? [...wanted, ...fresh] : wanted;
        if (wanted.length > 0 && fresh.length > 0 && !fetcher.fits(candidate)) break;
        if (fresh.length > 0 && requestPoints(candidate.length) > pointsLeft()) break;
        for (const id of fresh) asked.add(id);
        wanted.push(...fresh);
        end++;
      }
      if (end === i) {
        stopped = 'points';
        break;
      }
      await timed(() => fetcher.fetchBatch(wanted));
      // Jira's hourly quota is spent: the accounts of this batch wait for the next run, unjudged.
      if (fetcher.quotaSpent) {
        stopped = 'quota';
        break;
      }
    }
    for (; i < end; i++) {
      const r = todo[i] as AccountRecord;
      if (!enoughTime()) {
        stopped = 'time';
        break;
      }
      const facts = factsFor(r, fetcher, tagged, activityOf(r.accountId));
      if (peopleOf(r).some((id) => fetcher.state(id).kind === 'unknown')) unresolved.add(r.accountId);
      const outcome = await timed(() => reconcileAccount(r, facts, settings, inv, deps));
      if (outcome.stale) unresolved.add(r.accountId);
      findingsNow.set(r.accountId, outcome.findings);
      // Checked: Jira told us about its people and the result is stored; otherwise it is left unresolved.
      if (unresolved.has(r.accountId)) totals.accountsUnresolved = (totals.accountsUnresolved ?? 0) + 1;
      else totals.accountsChecked++;
      if (outcome.written) totals.recordsWritten++;
      totals.findingsOpened += outcome.opened;
      totals.findingsResolved += outcome.resolved;
      totals.noticesCreated += outcome.notices;
      run.after = r.accountId;
    }
    if (stopped) break;
  }

  totals.jiraCalls += fetcher.calls;
  totals.points = (totals.points ?? 0) + fetcher.points;
  totals.unresolvedAccounts = [...new Set([...totals.unresolvedAccounts, ...unresolved])].slice(0, 500);
  const checkedNow = todo.filter((r) => r.accountId <= run.after).length;
  if (stopped === 'points' || stopped === 'quota') run.rolling = true;
  const quota = source.quota ?? remembered;
  const quotaResetsAt =
    stopped === 'quota'
      ? new Date(
          deps.clock.now().getTime() + (fetcher.quotaSpent?.retryAfterSeconds ?? 3600) * 1000,
        ).toISOString()
      : undefined;
  const summary: SweepSummary = {
    runId: run.runId,
    trigger: opts.trigger === 'manual' ? 'manual' : 'scheduled',
    startedAt: run.startedAt,
    finishedAt: deps.clock.now().toISOString(),
    state: stopped ? 'partial' : 'complete',
    mode: run.rolling ? 'rolling' : 'full',
    accountsTotal: records.length,
    accountsLeft: todo.length - checkedNow,
    ...(stopped ? { stoppedFor: stopped } : {}),
    ...(quotaResetsAt ? { quotaResetsAt } : {}),
    ...totals,
  };
  run.urlBudget = fetcher.urlBudget;
  run.hourly = { hour, points: spentBefore + fetcher.points + dormancyPoints };
  if (quota) run.quota = quota;
  if (stopped) {
    run.stoppedFor = stopped;
    if (quotaResetsAt) run.quotaResetsAt = quotaResetsAt;
    else delete run.quotaResetsAt;
    await deps.sweepState.checkpoint(holder, run);
    return { status: 'partial', summary };
  }
  // Owners' work items follow the findings of the whole registry, so only once a run is complete.
  const workItems = await syncWorkItems(records, findingsNow, settings, deps);
  summary.workItems = workItems;
  const openFindings: Record<string, number> = {};
  for (const list of findingsNow.values())
    for (const f of list) openFindings[f.code] = (openFindings[f.code] ?? 0) + 1;
  const stored: StoredSummary = {
    ...summary,
    openFindings,
    urlBudget: fetcher.urlBudget,
    dormancy: dormancy.cursor,
    hourly: run.hourly,
    ...(quota ? { quota } : {}),
    ...(fetcher.siteUsers !== undefined
      ? { siteUsers: fetcher.siteUsers }
      : state.last?.siteUsers !== undefined
        ? { siteUsers: state.last.siteUsers }
        : {}),
  };
  await deps.sweepState.finish(stored, state.run);
  return { status: 'complete', summary };
}
