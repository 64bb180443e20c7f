/** The measurements of DESIGN.md §6, each counted at the platform's edges (KVS emulator, Jira simulator). */
import { ADMIN_KEYS, OFFBOARDING_KEYS, SWEEP_MODULE_KEY } from '../src/contract/resolver-keys';
import type { SettingsView } from '../src/contract/settings';
import { POINTS_MODEL } from '../local/jira/points-model';
import { bundleSizes } from '../static/vite.config';
import { advanceToNextHour } from './clock';
import { adminCall } from './admin-call';
import type { BenchSite } from './seed';

/** `/user/bulk`'s URL: the largest batch of account ids whose request line fits the simulator's limit. */
function largestBulkBatch(sampleIds: readonly string[], maxUrlLength: number): number {
  const base = '/rest/api/3/user/bulk?maxResults=200';
  const perId = Math.max(...sampleIds.map((id) => `&accountId=${encodeURIComponent(id)}`.length));
  return Math.min(200, Math.floor((maxUrlLength - base.length) / perId));
}

const percentile = (values: number[], p: number) => {
  const sorted = [...values].sort((a, b) => a - b);
  return sorted[Math.min(sorted.length - 1, Math.ceil((p / 100) * sorted.length) - 1)] ?? 0;
};
const round = (n: number) => Math.round(n * 10) / 10;

/** Every page of a search, to the end: how many calls, matches and accounts looked through, and how long. */
async function searchEverything(bench: BenchSite, search: string) {
  let cursor: string | undefined;
  let calls = 0;
  let matches = 0;
  let examined = 0;
  const t0 = performance.now();
  do {
    const page = await adminCall<{ rows: unknown[]; examined?: number; nextCursor?: string }>(
      bench,
      ADMIN_KEYS.accountsList,
      { search, pageSize: 50, ...(cursor ? { cursor } : {}) },
    );
    calls++;
    matches += page.rows.length;
    examined += page.examined ?? 0;
    cursor = page.nextCursor;
  } while (cursor);
  return { fullCalls: calls, fullMs: round(performance.now() - t0), matches, examined };
}

/** The resolver's authorization: the caller's own `mypermissions`, asked of Jira on every call. */
const AUTH_ENDPOINT = 'GET /rest/api/3/mypermissions';
/** The sweep's dormancy check (capped per run, docs/account-kinds.md §3): reported apart from user-state calls. */
const DORMANCY_ENDPOINT = 'POST /rest/api/3/search/approximate-count';

/**
 * Runs `fn` `runs` times after one warm-up, counting KVS and Jira requests of the last run; Jira calls
 * of the work itself and of the authorization check are counted apart.
 */
async function timed(bench: BenchSite, runs: number, fn: () => Promise<unknown>) {
  await fn();
  const times: number[] = [];
  let kvsRequests = 0;
  let jiraCalls = 0;
  let authJiraCalls = 0;
  let points = 0;
  let authPoints = 0;
  for (let i = 0; i < runs; i++) {
    bench.site.kvs.resetStats();
    bench.site.jira.resetStats();
    const t0 = performance.now();
    await fn();
    times.push(performance.now() - t0);
    kvsRequests = bench.site.kvs.stats.requests;
    authJiraCalls = bench.site.jira.stats.byEndpoint[AUTH_ENDPOINT] ?? 0;
    jiraCalls = bench.site.jira.stats.calls - authJiraCalls;
    const metered = bench.site.jira.points.stats;
    authPoints = metered.byEndpoint[AUTH_ENDPOINT] ?? 0;
    points = metered.app + metered.user - authPoints;
  }
  return {
    p50Ms: round(percentile(times, 50)),
    p95Ms: round(percentile(times, 95)),
    kvsRequests,
    jiraCalls,
    authJiraCalls,
    points,
    authPoints,
  };
}

async function sweep(bench: BenchSite) {
  const { kvs, jira, runtime } = bench.site;
  kvs.resetStats();
  jira.resetStats();
  const t0 = performance.now();
  const run = await runtime.runScheduledTrigger(SWEEP_MODULE_KEY);
  const wallMs = performance.now() - t0;
  if (!run.ok) throw new Error(`sweep failed: ${run.error}`);
  if (process.env.BENCH_DEBUG) console.log(JSON.stringify(run.result));
  const dormancyQueries = jira.stats.byEndpoint[DORMANCY_ENDPOINT] ?? 0;
  const body = JSON.parse((run.result as { body: string }).body) as {
    status: string;
    summary?: { state: string; mode?: string; accountsChecked: number };
  };
  return {
    wallMs: Math.round(wallMs),
    jiraCalls: jira.stats.calls - dormancyQueries,
    dormancyQueries,
    kvsReads: kvs.stats.reads,
    kvsWrites: kvs.stats.writes,
    points: jira.points.stats.app,
    state: body.summary?.state,
    mode: body.summary?.mode,
  };
}

/**
 * The sweep's share of the hourly quota (settings/update as the admin). The dormancy check (a separate,
 * capped step, docs/account-kinds.md §3) is off unless `dormantAfterDays` is given, so the user-state
 * figures measure the user-state work; it is measured on its own below.
 */
async function setSweepShare(bench: BenchSite, percent: number, dormantAfterDays = 0) {
  const view = await adminCall<SettingsView>(bench, ADMIN_KEYS.settingsGet);
  await adminCall(bench, ADMIN_KEYS.settingsUpdate, {
    ...view.settings,
    sweepQuotaSharePercent: percent,
    dormantAfterDays,
    version: view.version,
  });
}

/**
 * One sweep cycle at the hourly schedule: a run at the start of each UTC hour until a run completes the
 * cycle. Points per run come from the Jira simulator's meter.
 */
async function sweepCycle(bench: BenchSite) {
  const perRun: number[] = [];
  for (let hour = 0; hour < 48; hour++) {
    advanceToNextHour();
    const run = await sweep(bench);
    perRun.push(run.points);
    if (run.state === 'complete') return { perRun, mode: run.mode ?? 'full' };
  }
  throw new Error('the sweep did not complete a cycle in 48 hourly runs');
}

/** The distinct people the sweep reads: every active account, its owner and its backup. */
function distinctPeople(bench: BenchSite): number {
  const ids = new Set<string>();
  let cursor: string | undefined;
  do {
    const reply = bench.site.kvs.handle('/api/v1/entity/query', {
      entityName: 'integration-account',
      indexName: 'by-key',
      limit: 100,
      ...(cursor ? { cursor } : {}),
    });
    const body = reply.body as {
      data: { value: { status: string; accountId: string; ownerId: string; backupOwnerId?: string } }[];
      cursor?: string;
    };
    for (const { value: r } of body.data) {
      if (r.status !== 'active') continue;
      ids.add(r.accountId).add(r.ownerId);
      if (r.backupOwnerId) ids.add(r.backupOwnerId);
    }
    cursor = body.cursor;
  } while (cursor);
  return ids.size;
}

/** The fewest points reading these people can cost under the model: bulk lookups or paging the site. */
function pointsLowerBound(distinct: number, batch: number, siteUsers: number) {
  const { basePoints, perObject } = POINTS_MODEL;
  const bulk = Math.ceil(distinct / batch) * basePoints + distinct * perObject.identity;
  const paging = Math.ceil(siteUsers / 1000) * basePoints + siteUsers * perObject.identity;
  return { bulk, paging, lowerBound: Math.min(bulk, paging) };
}

/**
 * The points figures of a site: one full sweep cycle at the default share (10 %), its points against the
 * model's lower bound, and the most it spent in one hour against the tenant's quota.
 */
export async function measureSweepPoints(bench: BenchSite) {
  const { site } = bench;
  await setSweepShare(bench, 50);
  advanceToNextHour();
  await sweep(bench); // records the current state and learns the quota from Jira's headers
  await setSweepShare(bench, 10);
  const cycle = await sweepCycle(bench);
  const siteUsers = site.site.users().length;
  const distinct = distinctPeople(bench);
  const batch = largestBulkBatch(bench.accountIds.slice(0, 50), site.jira.options.maxUrlLength);
  const bound = pointsLowerBound(distinct, batch, siteUsers);
  const points = cycle.perRun.reduce((a, b) => a + b, 0);
  const tenantQuota = site.jira.points.state().tenantQuota;
  return {
    accounts: bench.accounts + 4,
    siteUsers,
    distinctUsers: distinct,
    // One cycle checks every account once; in one run when it fits the hour's share, else rolling.
    points,
    pointsLowerBound: bound.lowerBound,
    pointsRatio: Math.round((points / bound.lowerBound) * 1000) / 1000,
    bulkPoints: bound.bulk,
    pagingPoints: bound.paging,
    pointsPerHour: Math.max(...cycle.perRun),
    tenantQuota,
    pointsPerHourShare: Math.round((Math.max(...cycle.perRun) / tenantQuota) * 1000) / 1000,
    mode: cycle.mode,
    runsPerCycle: cycle.perRun.length,
  };
}

export async function measure(
  bench: BenchSite,
  opts: { changed: number; latencyMs: number; runs: number; probeOwns: number },
) {
  const { site } = bench;
  const siteUsers = site.site.users().length;
  const maxUrlLength = site.jira.options.maxUrlLength;

  // The registry's first page and the offboarding check, without simulated latency (their Jira
  // budget is counted, not timed).
  const adminList = await timed(bench, opts.runs, () =>
    adminCall(bench, ADMIN_KEYS.accountsList, { pageSize: 50 }),
  );
  // A search no index answers (words anywhere in names, emails, owners): the first call of a sparse one
  // reads its bounded scan (≤ 1,000 records), and looking through the whole registry takes ⌈N/1,000⌉ calls.
  const adminSearch = await timed(bench, opts.runs, () =>
    adminCall(bench, ADMIN_KEYS.accountsList, { search: 'ntegration 00004', pageSize: 50 }),
  );
  const searchAll = await searchEverything(bench, 'ntegration 00004');
  const offboarding = await timed(bench, opts.runs, () =>
    adminCall(bench, OFFBOARDING_KEYS.check, { personId: bench.probeId }),
  );
  // One people-picker search through the backend (20 matches asked for).
  const picker = await timed(bench, 1, () =>
    adminCall(bench, ADMIN_KEYS.usersSearch, { query: 'Bench owner', maxResults: 20 }),
  );

  // One tag (a write: measured once).
  site.jira.resetStats();
  await adminCall(bench, ADMIN_KEYS.accountsTag, {
    accountId: bench.untaggedId,
    purpose: 'Measured by the bench.',
    ownerId: bench.probeId,
    integrations: [{ system: 'Bench', environment: 'prod', credentialKind: 'api-token' }],
  });
  const tagAuthPoints = site.jira.points.stats.byEndpoint[AUTH_ENDPOINT] ?? 0;
  const tag = {
    points: site.jira.points.stats.app + site.jira.points.stats.user - tagAuthPoints,
    authPoints: tagAuthPoints,
    jiraCalls: site.jira.stats.calls - (site.jira.stats.byEndpoint[AUTH_ENDPOINT] ?? 0),
  };

  // The points of a full sweep cycle at the default 10 % share (rolling when it does not fit an hour).
  const points = await measureSweepPoints(bench);

  // The one-run figures (time, KVS, calls): at a 50 % share a full sweep fits one run. A first sweep
  // records the current state; the measured full sweep then runs on a settled registry.
  await setSweepShare(bench, 50);
  advanceToNextHour();
  site.jira.configure({ latencyMs: opts.latencyMs });
  await sweep(bench);
  advanceToNextHour();
  const full = await sweep(bench);

  // k accounts deactivated behind the app's back: the next sweep writes only what changed.
  for (const id of bench.accountIds.slice(-opts.changed)) site.site.setActive(id, false);
  advanceToNextHour();
  const changed = await sweep(bench);

  // The dormancy step on its own: one run with the check on (90 days), capped per run.
  await setSweepShare(bench, 50, 90);
  advanceToNextHour();
  const dormancy = await sweep(bench);
  site.jira.configure({ latencyMs: 0 });

  const accounts = bench.accounts + 4; // the demo seed's tagged accounts are swept too
  const batch = largestBulkBatch(bench.accountIds.slice(0, 50), maxUrlLength);
  const jiraCallsLowerBound = Math.min(Math.ceil(bench.distinctUsers / batch), Math.ceil(siteUsers / 1000));
  const kvsReadsLowerBound = Math.ceil(accounts / 100);
  const { entryGzip, allJsGzip } = bundleSizes('admin');

  return {
    sweep: {
      accounts,
      distinctUsers: points.distinctUsers,
      siteUsers,
      // One full sweep (one run at a 50 % share) against the model's lower bound.
      points: full.points,
      pointsLowerBound: points.pointsLowerBound,
      pointsRatio: Math.round((full.points / points.pointsLowerBound) * 1000) / 1000,
      // The same at the default 10 % share: a rolling cycle re-reads people shared by accounts checked
      // in different runs (owners of many accounts).
      rollingCyclePoints: points.points,
      rollingCycleRatio: points.pointsRatio,
      bulkPoints: points.bulkPoints,
      pagingPoints: points.pagingPoints,
      pointsPerHour: points.pointsPerHour,
      tenantQuota: points.tenantQuota,
      pointsPerHourShare: points.pointsPerHourShare,
      mode: points.mode,
      runsPerCycle: points.runsPerCycle,
      jiraCalls: full.jiraCalls,
      dormancyQueries: dormancy.dormancyQueries,
      dormancyWallMs: dormancy.wallMs,
      jiraCallsLowerBound,
      jiraCallsRatio: round(full.jiraCalls / jiraCallsLowerBound),
      // Under points the sweep looks people up in bulk (fewest points), not by paging (fewest calls).
      jiraCallsAtPointsOptimum: Math.ceil(points.distinctUsers / batch),
      kvsReads: full.kvsReads,
      kvsReadsLowerBound,
      kvsReadsRatio: round(full.kvsReads / kvsReadsLowerBound),
      wallMs: full.wallMs,
      latencyMs: opts.latencyMs,
      changedRecords: opts.changed,
      kvsWrites: changed.kvsWrites,
      changedSweepWallMs: changed.wallMs,
    },
    offboarding: {
      ownedAccounts: opts.probeOwns,
      p50Ms: offboarding.p50Ms,
      p95Ms: offboarding.p95Ms,
      kvsRequests: offboarding.kvsRequests,
      jiraCalls: offboarding.jiraCalls,
      authJiraCalls: offboarding.authJiraCalls,
      points: offboarding.points,
      authPoints: offboarding.authPoints,
    },
    adminList: {
      firstPageMs: adminList.p95Ms,
      p50Ms: adminList.p50Ms,
      kvsRequests: adminList.kvsRequests,
      jiraCalls: adminList.jiraCalls,
      authJiraCalls: adminList.authJiraCalls,
      points: adminList.points,
      authPoints: adminList.authPoints,
    },
    adminSearch: {
      firstCallMs: adminSearch.p95Ms,
      p50Ms: adminSearch.p50Ms,
      kvsRequests: adminSearch.kvsRequests,
      ...searchAll,
    },
    tag,
    picker: { points: picker.points, authPoints: picker.authPoints, jiraCalls: picker.jiraCalls },
    // What the admin page loads to render (entry + its static imports); every chunk it could ever load
    // (lazy subpages and all nine token themes, of which one is fetched) is reported beside it.
    ui: { adminBundleGzipBytes: entryGzip, adminAllJsGzipBytes: allJsGzip },
    runs: opts.runs,
    node: process.version,
  };
}
