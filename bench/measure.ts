/** The measurements of DESIGN.md §6, each counted at the platform's edges (KVS emulator, Jira simulator). */
import {
  ADMIN_KEYS,
  ADMIN_MODULE_KEY,
  OFFBOARDING_KEYS,
  SWEEP_MODULE_KEY,
} from '../src/contract/resolver-keys';
import type { Envelope } from '../src/contract/envelope';
import { bundleSizes } from '../static/vite.config';
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

async function invoke(bench: BenchSite, functionKey: string, payload: unknown): Promise<unknown> {
  const result = (await bench.site.runtime.invokeResolver({
    moduleKey: ADMIN_MODULE_KEY,
    functionKey,
    payload,
    accountId: bench.adminId,
  })) as Envelope<unknown>;
  if (!result.ok) throw new Error(`${functionKey}: ${result.error.code} ${result.error.message}`);
  return result.data;
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
  for (let i = 0; i < runs; i++) {
    bench.site.kvs.resetStats();
    bench.site.jira.resetStats();
    const t0 = performance.now();
    await fn();
    times.push(performance.now() - t0);
    kvsRequests = bench.site.kvs.stats.requests;
    authJiraCalls = bench.site.jira.stats.byEndpoint[AUTH_ENDPOINT] ?? 0;
    jiraCalls = bench.site.jira.stats.calls - authJiraCalls;
  }
  return {
    p50Ms: round(percentile(times, 50)),
    p95Ms: round(percentile(times, 95)),
    kvsRequests,
    jiraCalls,
    authJiraCalls,
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
  return {
    wallMs: Math.round(wallMs),
    jiraCalls: jira.stats.calls - dormancyQueries,
    dormancyQueries,
    kvsReads: kvs.stats.reads,
    kvsWrites: kvs.stats.writes,
    result: run.result,
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
    invoke(bench, ADMIN_KEYS.accountsList, { pageSize: 50 }),
  );
  const offboarding = await timed(bench, opts.runs, () =>
    invoke(bench, OFFBOARDING_KEYS.check, { personId: bench.probeId }),
  );

  // A first sweep records the current state; the measured full sweep then runs on a settled registry.
  site.jira.configure({ latencyMs: opts.latencyMs });
  await sweep(bench);
  const full = await sweep(bench);

  // k accounts deactivated behind the app's back: the next sweep writes only what changed.
  for (const id of bench.accountIds.slice(-opts.changed)) site.site.setActive(id, false);
  const changed = await sweep(bench);
  site.jira.configure({ latencyMs: 0 });

  const accounts = bench.accounts + 3; // the demo seed's tagged accounts are swept too
  const batch = largestBulkBatch(bench.accountIds.slice(0, 50), maxUrlLength);
  const jiraCallsLowerBound = Math.min(Math.ceil(bench.distinctUsers / batch), Math.ceil(siteUsers / 1000));
  const kvsReadsLowerBound = Math.ceil(accounts / 100);
  const { entryGzip, allJsGzip } = bundleSizes('admin');

  return {
    sweep: {
      accounts,
      distinctUsers: bench.distinctUsers,
      siteUsers,
      jiraCalls: full.jiraCalls,
      dormancyQueries: full.dormancyQueries,
      jiraCallsLowerBound,
      jiraCallsRatio: round(full.jiraCalls / jiraCallsLowerBound),
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
    },
    adminList: {
      firstPageMs: adminList.p95Ms,
      p50Ms: adminList.p50Ms,
      kvsRequests: adminList.kvsRequests,
      jiraCalls: adminList.jiraCalls,
      authJiraCalls: adminList.authJiraCalls,
    },
    // What the admin page loads to render (entry + its static imports); every chunk it could ever load
    // (lazy subpages and all nine token themes, of which one is fetched) is reported beside it.
    ui: { adminBundleGzipBytes: entryGzip, adminAllJsGzipBytes: allJsGzip },
    runs: opts.runs,
    node: process.version,
  };
}
