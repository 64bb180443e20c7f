/**
 * `detection` in the BENCH line (DESIGN.md §6): deactivation → finding, through the org audit-log
 * webhook (the delivery's round trip: Atlassian's POST, the static webtrigger re-evaluating the person)
 * and through the sweep (worst case: the hourly schedule's gap plus one full run).
 */
import type { FindingsPage } from '../src/contract/offboarding';
import {
  ORG_AUDIT_KEYS,
  type OrgAuditWebhookStatus,
  type RotatedOrgAuditSecret,
} from '../src/contract/org-audit';
import { SWEEP_MODULE_KEY, OVERSIGHT_KEYS } from '../src/contract/resolver-keys';
import { adminCall } from './admin-call';
import type { BenchSite } from './seed';

const SWEEP_INTERVAL_MS = 3_600_000; // manifest.yml: interval: hour

async function ownerInactiveCount(bench: BenchSite): Promise<number> {
  const page = await adminCall<FindingsPage>(bench, OVERSIGHT_KEYS.findingsList, {
    code: 'OWNER_INACTIVE',
    pageSize: 100,
  });
  return page.findings.length;
}

const post = (bench: BenchSite, path: string) =>
  fetch(bench.site.url.replace('localhost', '127.0.0.1') + path, { method: 'POST' }).then((r) =>
    r.arrayBuffer(),
  );

export async function measureDetection(bench: BenchSite, latencyMs: number) {
  const { site } = bench;
  site.jira.configure({ latencyMs });
  const secret = await adminCall<RotatedOrgAuditSecret>(bench, ORG_AUDIT_KEYS.rotate);
  const status = await adminCall<OrgAuditWebhookStatus>(bench, ORG_AUDIT_KEYS.status);
  const registered = site.orgAudit.register({ url: status.url, authorization: secret.authorization });
  if ('problem' in registered) throw new Error(registered.problem);

  const before = await ownerInactiveCount(bench);
  const t0 = performance.now();
  await post(bench, `/__local/users/${bench.probeId}/deactivate`);
  await site.orgAudit.settled();
  const webhookMs = Math.round(performance.now() - t0);
  const viaWebhook = (await ownerInactiveCount(bench)) - before;
  const [delivery] = site.orgAudit.deliveries;
  if (delivery?.status !== 200 || viaWebhook <= 0)
    throw new Error(`webhook did not raise findings: ${JSON.stringify(delivery)}`);

  // Back to active (the webhook resolves them), then the same deactivation with no webhook: the sweep.
  await post(bench, `/__local/users/${bench.probeId}/activate`);
  await site.orgAudit.settled();
  site.orgAudit.clear();
  site.site.setActive(bench.probeId, false);
  const t1 = performance.now();
  const run = await site.runtime.runScheduledTrigger(SWEEP_MODULE_KEY);
  const sweepRunMs = Math.round(performance.now() - t1);
  if (!run.ok) throw new Error(`sweep failed: ${String(run.error)}`);
  const viaSweep = (await ownerInactiveCount(bench)) - before;
  site.jira.configure({ latencyMs: 0 });
  return {
    webhookMs,
    sweepMs: SWEEP_INTERVAL_MS + sweepRunMs,
    sweepRunMs,
    findingsRaised: { webhook: viaWebhook, sweep: viaSweep },
    latencyMs,
  };
}
