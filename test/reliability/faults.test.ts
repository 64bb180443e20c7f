/**
 * Issue "Proof": platform faults. Jira 429/503 storms and Jira time-outs (a response slower than the
 * resolver's limit) during tag, update and import; KVS errors in the middle of an import; faults in the
 * middle of the sweep. Each gives a clear answer (an envelope, or the platform's FUNCTION_TIME_OUT), and
 * nothing is half-written: every account is all there (record + counters + audit record) or not there,
 * the chain verifies, and running again completes the work.
 */
import { afterAll, afterEach, beforeAll, beforeEach, describe, expect, it } from 'vitest';
import type { Envelope } from '../../src/contract/envelope';
import type { LocalSite } from '../../local/host/site.js';
import type { SweepStatus } from '../../src/contract/offboarding';
import type { ImportReport } from '../../src/contract/import-export';
import {
  ADMIN_KEYS as K,
  OFFBOARDING_KEYS,
  SWEEP_MODULE_KEY,
  OVERSIGHT_KEYS,
} from '../../src/contract/resolver-keys';
import { DEFAULT_QUOTA_SETTINGS } from '../../local/jira/rate-limits.js';
import { exportedCsv, people, releaseBotTag, versionOf } from './payloads';
import {
  asAdmin,
  auditAll,
  auditHeadSeq,
  entityItems,
  isEnvelope,
  kvsGet,
  must,
  startSite,
  storedAccountProblems,
  verifyAudit,
} from './support';

const RESOLVER_LIMIT_MS = 2000;
let site: LocalSite;
beforeAll(async () => {
  // The sweep gets 6 s instead of 900 s, so a storm ends a run early (partial) instead of being slept through.
  site = await startSite({ timeLimitsMs: { resolver: RESOLVER_LIMIT_MS, scheduled: 6000 } });
});
afterAll(() => site.close());
beforeEach(() => site.reset());

async function expectConsistent(): Promise<void> {
  expect(storedAccountProblems(site)).toEqual([]);
  expect((await verifyAudit(site)).ok).toBe(true);
  // Every stored account has its audited creation, and every audited creation its account.
  const tagged = new Set(
    (await auditAll(site, { action: 'account.tag', outcome: 'allowed' })).map((r) => r.target.id),
  );
  const stored = new Set(entityItems(site, 'integration-account').map((r) => r.key));
  for (const id of stored) expect(tagged, `record ${id} has no audited tag`).toContain(id);
  for (const id of tagged) expect(stored, `audited tag of ${id} has no record`).toContain(id);
}

/** Nothing but refusal records may have been added since `seq`. */
async function onlyRefusalsSince(seq: number): Promise<void> {
  const records = (await auditAll(site, {})).filter((r) => r.seq > seq);
  expect(records.filter((r) => r.outcome === 'allowed' && r.action !== 'audit.verify')).toEqual([]);
}

describe('Jira 429/503 storms', () => {
  for (const status of [429, 503] as const) {
    it(`${status} on every directory lookup: tag, update and import answer RATE_LIMITED and write nothing`, async () => {
      const p = people(site);
      const csv = await exportedCsv(site);
      const changedCsv = csv.replaceAll('Keeps GitHub pull requests', 'Keeps GitHub PRs');
      const seq = auditHeadSeq(site);
      const calls: [string, unknown][] = [
        [K.accountsTag, releaseBotTag(p)],
        [
          K.accountsUpdate,
          {
            accountId: p.jenkins,
            version: versionOf(site, p.jenkins),
            purpose: 'Changed',
            ownerId: p.olivia,
            integrations: [],
          },
        ],
        [K.importApply, { csv: changedCsv }],
      ];
      for (const [key, payload] of calls) {
        // Retry-After beyond what a resolver waits: the storm outlasts the call.
        site.jira.injectFault({ status, count: 1, retryAfterSeconds: 30, path: /user\/bulk/ });
        const r = await asAdmin(site, key, payload);
        expect(isEnvelope(r)).toBe(true);
        expect(r.ok || r.error).toMatchObject({ code: 'RATE_LIMITED', details: { retryAfterSeconds: 30 } });
      }
      await onlyRefusalsSince(seq);
      expect(kvsGet(site, p.releaseBot, 'integration-account')).toBeUndefined();
      expect(versionOf(site, p.jenkins)).toBe(1);
      await expectConsistent();
      // The storm over, the same calls go through.
      must(await asAdmin(site, K.accountsTag, releaseBotTag(p)));
      const applied = must(await asAdmin<ImportReport>(site, K.importApply, { csv: changedCsv }));
      expect(applied.summary.update).toBe(1);
      await expectConsistent();
    });
  }

  it('a short storm (Retry-After 1 s, once) is waited out inside the call', async () => {
    const p = people(site);
    site.jira.injectFault({ status: 503, count: 1, retryAfterSeconds: 1, path: /user\/bulk/ });
    must(await asAdmin(site, K.accountsTag, releaseBotTag(p)));
    await expectConsistent();
  });
});

describe('Jira time-outs past the resolver limit', () => {
  it('a lookup slower than the limit ends the call; nothing is written, then or later', async () => {
    const p = people(site);
    const seq = auditHeadSeq(site);
    site.jira.injectFault({
      status: 503,
      count: 1,
      retryAfterSeconds: 30,
      path: /user\/bulk/,
      delayMs: RESOLVER_LIMIT_MS + 500,
    });
    const outcome = await asAdmin(site, K.accountsTag, releaseBotTag(p)).then(
      (r) => ({ envelope: r }),
      (e: unknown) => ({ error: e as { code?: string } }),
    );
    // Forge answers the bridge with its own time-out; the app never gets to write.
    if ('error' in outcome) expect(outcome.error.code).toBe('FUNCTION_TIME_OUT');
    else expect(isEnvelope(outcome.envelope) && !outcome.envelope.ok).toBe(true);
    await new Promise((resolve) => setTimeout(resolve, 800)); // the slow answer arrives after the end
    expect(kvsGet(site, p.releaseBot, 'integration-account')).toBeUndefined();
    expect(auditHeadSeq(site)).toBe(seq);
    await expectConsistent();
    must(await asAdmin(site, K.accountsTag, releaseBotTag(p)));
  }, 15_000);

  it('an import whose lookup times out writes nothing; rerun completes', async () => {
    const csv = (await exportedCsv(site)).replaceAll('Keeps GitHub pull requests', 'Keeps GitHub PRs');
    const seq = auditHeadSeq(site);
    site.jira.injectFault({ status: 503, count: 1, path: /user\/bulk/, delayMs: RESOLVER_LIMIT_MS + 500 });
    await asAdmin(site, K.importApply, { csv }).catch((e: unknown) => e);
    await new Promise((resolve) => setTimeout(resolve, 800));
    expect(auditHeadSeq(site)).toBe(seq);
    expect(must(await asAdmin<ImportReport>(site, K.importApply, { csv })).summary.update).toBe(1);
    await expectConsistent();
  }, 15_000);
});

describe('KVS errors in the middle of an import', () => {
  /** A file that tags `n` untagged people (owner Olivia), built on the export's header. */
  async function newAccountsCsv(n: number): Promise<{ csv: string; ids: string[] }> {
    const [header] = (await exportedCsv(site)).split('\n');
    const named = new Set(Object.values(people(site)));
    const olivia = people(site).olivia;
    const ids = site.site
      .users()
      .filter((u) => u.active && u.accountType === 'atlassian' && !named.has(u.accountId))
      .slice(0, n)
      .map((u) => u.accountId);
    const rows = ids.map(
      (id) => `${id},,active,Imported integration,${olivia},,,,90,,,,Sync,prod,api-token,,,`,
    );
    const preview = must(
      await asAdmin<ImportReport>(site, K.importPreview, { csv: [header, ...rows].join('\n') }),
    );
    expect(preview.summary.create, JSON.stringify(preview.rows.filter((r) => r.action !== 'create'))).toBe(n);
    return { csv: [header, ...rows].join('\n'), ids };
  }

  /** Lets `okFirst` transactions through, then the next `times` fail with this KVS error. */
  function failTransactionsAfter(okFirst: number, fault: { status: number; code: string; times: number }) {
    let seen = 0;
    const original = site.kvs.handle.bind(site.kvs);
    site.kvs.handle = (path, body) => {
      if (path === '/api/v1/transaction' && ++seen === okFirst + 1)
        site.kvs.injectFault({ path: '/api/v1/transaction', ...fault });
      return original(path, body);
    };
    return () => {
      site.kvs.handle = original;
    };
  }

  for (const fault of [
    { status: 500, code: 'INTERNAL_SERVER_ERROR', times: 1, answer: 'INTERNAL' },
    { status: 429, code: 'RATE_LIMIT_EXCEEDED', times: 1, answer: 'RATE_LIMITED' },
  ]) {
    it(`${fault.status} ${fault.code} after 3 accounts: an envelope, whole accounts only, rerun completes`, async () => {
      const { csv, ids } = await newAccountsCsv(8);
      const restore = failTransactionsAfter(3, fault);
      let first;
      try {
        first = await asAdmin<ImportReport>(site, K.importApply, { csv });
      } finally {
        restore();
      }
      expect(isEnvelope(first)).toBe(true);
      expect(first.ok || first.error.code).toBe(fault.answer);
      const stored = ids.filter((id) => kvsGet(site, id, 'integration-account') !== undefined);
      expect(stored).toHaveLength(3);
      await expectConsistent();
      const again = must(await asAdmin<ImportReport>(site, K.importApply, { csv }));
      expect(again.summary).toMatchObject({ create: 5, unchanged: 3, error: 0 });
      expect(ids.every((id) => kvsGet(site, id, 'integration-account') !== undefined)).toBe(true);
      await expectConsistent();
    });
  }
});

describe('faults in the middle of the sweep', () => {
  it('is a scheduled trigger in the manifest', () => {
    expect(site.manifest.modules.find((m) => m.key === SWEEP_MODULE_KEY)?.kind).toBe('scheduledTrigger');
  });

  async function lastSweep() {
    return must(await asAdmin<SweepStatus>(site, OVERSIGHT_KEYS.sweepStatus, {})).last;
  }
  const activeAccounts = () =>
    entityItems(site, 'integration-account').filter(
      (r) => (r.value as { status: string }).status === 'active',
    ).length;

  async function runUntilComplete() {
    let last;
    for (let run = 0; run < 3; run++) {
      await site.runtime.runScheduledTrigger(SWEEP_MODULE_KEY);
      last = await lastSweep();
      if (last?.state === 'complete' && last.accountsChecked === activeAccounts()) break;
    }
    return last;
  }

  it('a Jira 429 storm during a run: the next run completes and checks every account', async () => {
    const directory = /user\/bulk|users\/search/;
    site.jira.injectFault({ status: 429, count: 6, retryAfterSeconds: 1, path: directory });
    const failed = await site.runtime.runScheduledTrigger(SWEEP_MODULE_KEY);
    expect(failed.ok, failed.error).toBe(true); // the handler answers; it does not crash
    await expectConsistent();
    // Whatever is left of the storm is used up by plain directory reads.
    const auth = `Basic ${Buffer.from('admin@example.com:local-dev-token').toString('base64')}`;
    for (let i = 0; i < 6; i++)
      await fetch(`${site.url}/rest/api/3/users/search?maxResults=1`, { headers: { authorization: auth } });
    expect(await runUntilComplete()).toMatchObject({ state: 'complete', accountsChecked: activeAccounts() });
    await expectConsistent();
  }, 60_000);

  it('KVS errors during a run: the next run completes and checks every account', async () => {
    // During the first run only: the 2nd storage write and the 3rd query fail (each fault injected
    // just before the request it hits, so none is left over for later).
    const original = site.kvs.handle.bind(site.kvs);
    const seen: Record<string, number> = {};
    site.kvs.handle = (path, body) => {
      seen[path] = (seen[path] ?? 0) + 1;
      if (path === '/api/v1/transaction' && seen[path] === 2)
        site.kvs.injectFault({ path, status: 500, code: 'INTERNAL_SERVER_ERROR' });
      if (path === '/api/v1/entity/query' && seen[path] === 3)
        site.kvs.injectFault({ path, status: 429, code: 'RATE_LIMIT_EXCEEDED' });
      return original(path, body);
    };
    let failed;
    try {
      failed = await site.runtime.runScheduledTrigger(SWEEP_MODULE_KEY);
    } finally {
      site.kvs.handle = original;
    }
    expect(failed.ok, failed.error).toBe(true);
    console.log(`sweep under KVS faults: ${JSON.stringify(seen)}`);
    await expectConsistent();
    // The crashed run released its lease: the very next run goes ahead, without waiting for it to expire.
    expect(kvsGet(site, 'lease', 'sweep-state')).toBeUndefined();
    expect(await runUntilComplete()).toMatchObject({ state: 'complete', accountsChecked: activeAccounts() });
    await expectConsistent();
  }, 60_000);
});

describe("Jira's hourly points quota spent (429 jira-quota-*)", () => {
  /** The app's pool (Tier 2, this tenant) has no points left this hour. */
  function spendAppQuota() {
    site.jira.points.configure({ tier: 2, tenantQuota: 100 });
    site.jira.points.setSpent({ tenant: 100 });
  }
  afterEach(() => {
    site.jira.points.configure({ ...DEFAULT_QUOTA_SETTINGS });
    site.jira.points.setSpent({ global: 0, tenant: 0 });
  });

  /** What a site admin reads: Jira's hourly limit, and a time to try again. */
  function expectQuotaMessage(r: Envelope<unknown>) {
    expect(isEnvelope(r)).toBe(true);
    if (r.ok) throw new Error('expected RATE_LIMITED');
    expect(r.error.code).toBe('RATE_LIMITED');
    expect(r.error.message).toMatch(/^Jira's hourly limit on this app's API use is spent/);
    expect(r.error.message).toMatch(/Try again after \d\d:00 UTC, in about \d+ (minutes|seconds)\.$/);
    const details = r.error.details as { limit?: string; retryAfterSeconds?: number };
    expect(details.limit).toBe('hourly-quota');
    expect(details.retryAfterSeconds).toBeGreaterThan(0);
  }

  it('tag, update, import and the offboarding check say so and when to retry; nothing is written', async () => {
    const p = people(site);
    const csv = (await exportedCsv(site)).replaceAll('Keeps GitHub pull requests', 'Keeps GitHub PRs');
    const seq = auditHeadSeq(site);
    spendAppQuota();
    expectQuotaMessage(await asAdmin(site, K.accountsTag, releaseBotTag(p)));
    expectQuotaMessage(
      await asAdmin(site, K.accountsUpdate, {
        accountId: p.jenkins,
        version: versionOf(site, p.jenkins),
        purpose: 'Changed',
        ownerId: p.olivia,
        integrations: [],
      }),
    );
    expectQuotaMessage(await asAdmin(site, K.importApply, { csv }));
    expectQuotaMessage(await asAdmin(site, OFFBOARDING_KEYS.check, { personId: p.olivia }));
    await onlyRefusalsSince(seq);
    expect(kvsGet(site, p.releaseBot, 'integration-account')).toBeUndefined();
    expect(versionOf(site, p.jenkins)).toBe(1);
    await expectConsistent();
    // The next hour (the window reset): the same call goes through.
    site.jira.points.setSpent({ tenant: 0 });
    must(await asAdmin(site, K.accountsTag, releaseBotTag(p)));
    await expectConsistent();
  });

  it("the caller's own budget spent (asUser admin check): RATE_LIMITED with the wording, never FORBIDDEN", async () => {
    site.jira.points.configure({ appUserQuota: 0 });
    const seq = auditHeadSeq(site);
    expectQuotaMessage(await asAdmin(site, K.accountsList, { pageSize: 50 }));
    expectQuotaMessage(await asAdmin(site, K.accountsTag, releaseBotTag(people(site))));
    expect(auditHeadSeq(site)).toBe(seq);
  });

  it('the sweep stops for the quota, says when it resets, leaves nothing half-written, resumes next hour', async () => {
    spendAppQuota();
    const run = await site.runtime.runScheduledTrigger(SWEEP_MODULE_KEY);
    expect(run.ok, run.error).toBe(true);
    const status = must(await asAdmin<SweepStatus>(site, OVERSIGHT_KEYS.sweepStatus, {}));
    expect(status.running).toMatchObject({ mode: 'rolling', stoppedFor: 'quota', accountsChecked: 0 });
    expect(Date.parse(status.running?.quotaResetsAt ?? '')).toBeGreaterThan(Date.now());
    await expectConsistent();
    site.jira.points.setSpent({ tenant: 0 });
    site.jira.points.configure({ tenantQuota: 'auto' });
    await site.runtime.runScheduledTrigger(SWEEP_MODULE_KEY);
    const after = must(await asAdmin<SweepStatus>(site, OVERSIGHT_KEYS.sweepStatus, {}));
    expect(after.last).toMatchObject({ state: 'complete', mode: 'rolling', accountsLeft: 0 });
    await expectConsistent();
  }, 60_000);
});
