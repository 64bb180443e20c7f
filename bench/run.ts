/**
 * `npm run bench [-- --accounts N --changed K]`: the performance figures of DESIGN.md §6, measured on
 * the local platform. Seeds N tagged accounts (default 10,000) in the shape the app stores them, then
 * measures a full sweep (150 ms simulated Jira latency), a sweep where K accounts changed, the
 * offboarding check, the registry's first page and the admin bundle. The last line printed is
 * `BENCH {json}`.
 */
import { mkdtempSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { parseArgs } from 'node:util';
import { registerForgeInterop } from '../local/runtime/forge-interop.js';
import { installBenchClock } from './clock.js';

registerForgeInterop();
installBenchClock();

const { values: args } = parseArgs({
  options: {
    accounts: { type: 'string', default: '10000' },
    changed: { type: 'string', default: '10' },
    latency: { type: 'string', default: '150' },
    runs: { type: 'string', default: '20' },
    // The usual site: a small registry on a big site (DESIGN.md §6: N = 200 on 20,000 users).
    'small-accounts': { type: 'string', default: '200' },
    'small-site-users': { type: 'string', default: '20000' },
  },
});
const N = Number(args.accounts);
const K = Math.min(Number(args.changed), N);
const LATENCY_MS = Number(args.latency);
const RUNS = Number(args.runs);

const { seedBenchSite, OWNED_BY_PROBE } = await import('./seed.js');
const { measure, measureSweepPoints } = await import('./measure.js');
const { measureDetection } = await import('./detection.js');

const dataDir = mkdtempSync(join(tmpdir(), 'iaj-bench-'));
const smallDir = mkdtempSync(join(tmpdir(), 'iaj-bench-small-'));
try {
  const bench = await seedBenchSite({ accounts: N, dataDir });
  const result = await measure(bench, {
    changed: K,
    latencyMs: LATENCY_MS,
    runs: RUNS,
    probeOwns: OWNED_BY_PROBE,
  });
  const detection = await measureDetection(bench, LATENCY_MS);
  await bench.site.close();
  const small = await seedBenchSite({
    accounts: Number(args['small-accounts']),
    siteUsers: Number(args['small-site-users']),
    dataDir: smallDir,
  });
  const smallSite = await measureSweepPoints(small);
  await small.site.close();
  console.log(`BENCH ${JSON.stringify({ ...result, smallSite, detection })}`);
} finally {
  rmSync(dataDir, { recursive: true, force: true });
  rmSync(smallDir, { recursive: true, force: true });
}
