import { afterAll, beforeAll, beforeEach, describe, expect, it } from 'vitest';
import type { AccountDto, TagAccountInput } from '../../src/contract/accounts';
import type { FindingsPage, SweepStatus } from '../../src/contract/offboarding';
import type { OwnerNotices } from '../../src/contract/owner';
import {
  ADMIN_KEYS,
  OWNER_KEYS,
  OWNER_PAGE_MODULE_KEY,
  SWEEP_MODULE_KEY,
  OVERSIGHT_KEYS,
} from '../../src/contract/resolver-keys';
import { runSweep, type SweepOutcome } from '../../src/app/sweep';
import type { OversightDeps } from '../../src/app/oversight-ports';
import { ADMINS } from '../../src/domain/findings';
import type { LocalSite } from '../../local/host/site.js';
import { type Call, as, data, idOf, startSite } from './harness';
import { callResolver, liveDeps, measure, noticesOf } from './oversight-harness';

const DAY = 86_400_000;
const USER_EVENTS = 'integration-accounts-user-events';

let site: LocalSite;
let admin: Call;
let ids: Record<string, string>;
let deps: OversightDeps;

beforeAll(async () => {
  site = await startSite();
  admin = as(site, 'admin@example.com');
  deps = await liveDeps();
  ids = Object.fromEntries(
    ['admin', 'olivia', 'ben', 'nora', 'jenkins-ci', 'github-sync', 'legacy-importer'].map((n) => [
      n,
      idOf(site, `${n}@example.com`),
    ]),
  );
});
afterAll(() => site.close());
beforeEach(async () => {
  await site.reset();
  site.jira.configure({ latencyMs: 0, maxUrlLength: 8192 });
});

const sweep = async () => {
  const run = await site.runtime.runScheduledTrigger(SWEEP_MODULE_KEY);
  expect(run.ok, run.error).toBe(true);
  return JSON.parse((run.result as { body: string }).body) as SweepOutcome;
};
const findings = async () => data(await admin<FindingsPage>(OVERSIGHT_KEYS.findingsList, {})).findings;
const codesOf = async (name: string) =>
  (await findings())
    .filter((f) => f.accountName === name)
    .map((f) => f.code)
    .sort();
const direct = (d: Partial<OversightDeps>, trigger: 'manual' | 'scheduled' = 'manual') =>
  site.runtime.runInInvocation({}, () => runSweep({ ...deps, ...d }, { trigger }));

describe('the sweep over the demo seed', () => {
  it('first run: the seed findings; figures of a full sweep; a second run writes nothing', async () => {
    const m = await measure(site, sweep);
    expect(m.result).toMatchObject({
      status: 'complete',
      summary: { accountsChecked: 4, state: 'complete', dormancyQueries: 3 },
    });
    expect(await codesOf('Jenkins CI')).toEqual(['DORMANT', 'NO_BACKUP_OWNER', 'PERSONAL_ACCOUNT']);
    expect(await codesOf('GitHub Sync')).toEqual(['CREDENTIAL_EXPIRING', 'PERSONAL_ACCOUNT']);
    expect(await codesOf('Legacy Importer')).toEqual([
      'ACCOUNT_INACTIVE',
      'NO_BACKUP_OWNER',
      'PERSONAL_ACCOUNT',
    ]);
    // A service account that only reads (reports) makes no changes Jira can see: DORMANT says so.
    expect(await codesOf('Reporting Service')).toEqual(['DORMANT']);
    // One user-state call, and one dormancy query per active account (Legacy Importer is deactivated).
    expect(m.jiraCalls).toBe(1 + 3);
    console.info(
      `full sweep (first, 4 accounts changed): ${JSON.stringify({ reads: m.kvsReads, writes: m.kvsWrites, jira: m.jiraCalls })}`,
    );

    const again = await measure(site, sweep);
    expect(again.result).toMatchObject({
      status: 'complete',
      summary: { recordsWritten: 0, findingsOpened: 0, dormancyQueries: 0 },
    });
    expect(again.jiraCalls).toBe(1); // today's dormancy queries are done
    expect(again.kvsWrites).toBeLessThanOrEqual(3); // lease + finish
    console.info(
      `full sweep (nothing changed): ${JSON.stringify({ reads: again.kvsReads, writes: again.kvsWrites, jira: again.jiraCalls })}`,
    );
    const status = data(await admin<SweepStatus>(OVERSIGHT_KEYS.sweepStatus, {}));
    expect(status.last).toMatchObject({ state: 'complete', accountsChecked: 4, jiraCalls: 1 });
    expect(status.openFindings).toMatchObject({
      NO_BACKUP_OWNER: 2,
      PERSONAL_ACCOUNT: 3,
      DORMANT: 2,
      ACCOUNT_INACTIVE: 1,
      CREDENTIAL_EXPIRING: 1,
    });
  });

  it('Olivia deactivated → OWNER_INACTIVE on Jenkins CI and GitHub Sync, notices for the admins; writes ≤ k + 3', async () => {
    await sweep();
    site.site.setActive(ids.olivia as string, false);
    const m = await measure(site, sweep);
    expect(m.result).toMatchObject({ status: 'complete', summary: { recordsWritten: 2 } });
    expect(m.kvsWrites).toBeLessThanOrEqual(2 + 3);
    expect(await codesOf('Jenkins CI')).toEqual([
      'DORMANT',
      'NO_BACKUP_OWNER',
      'OWNER_INACTIVE',
      'PERSONAL_ACCOUNT',
    ]);
    const adminNotices = await noticesOf(site, ADMINS);
    expect(
      adminNotices
        .filter((n) => n.code === 'OWNER_INACTIVE')
        .map((n) => n.accountId)
        .sort(),
    ).toEqual([ids['jenkins-ci'], ids['github-sync']].sort());
    // Ben (backup of GitHub Sync) is told too; the admin sees the flag once a day.
    expect((await noticesOf(site, ids.ben as string)).map((n) => n.code)).toContain('OWNER_INACTIVE');
    const flag = () =>
      callResolver<OwnerNotices>(site, 'ownerResolver', {
        accountId: ids.admin as string,
        moduleKey: OWNER_PAGE_MODULE_KEY,
        functionKey: OWNER_KEYS.notices,
      });
    const first = data(await flag());
    expect(first.showFlag).toBe(true);
    expect(first.notices.some((n) => n.code === 'OWNER_INACTIVE' && n.as === 'admin')).toBe(true);
    expect(data(await flag()).showFlag).toBe(false);
    // Back: the finding resolves and the notices are withdrawn.
    site.site.setActive(ids.olivia as string, true);
    await sweep();
    expect(await codesOf('Jenkins CI')).toEqual(['DORMANT', 'NO_BACKUP_OWNER', 'PERSONAL_ACCOUNT']);
    expect((await noticesOf(site, ADMINS)).filter((n) => n.code === 'OWNER_INACTIVE')).toEqual([]);
  });

  it('an integration account deactivated → ACCOUNT_INACTIVE', async () => {
    await sweep();
    site.site.setActive(ids['github-sync'] as string, false);
    await sweep();
    expect(await codesOf('GitHub Sync')).toEqual([
      'ACCOUNT_INACTIVE',
      'CREDENTIAL_EXPIRING',
      'PERSONAL_ACCOUNT',
    ]);
  });

  it('a review falling due and a credential entering a narrower window raise their findings (clock injected)', async () => {
    await sweep();
    const later = new Date(Date.now() + 95 * DAY);
    await direct({ clock: { now: () => later } });
    // Its review (90-day cadence) is overdue, and its credential (120 days today) is 25 days from expiry.
    expect(await codesOf('Jenkins CI')).toEqual([
      'CREDENTIAL_EXPIRING',
      'DORMANT',
      'NO_BACKUP_OWNER',
      'PERSONAL_ACCOUNT',
      'REVIEW_OVERDUE',
    ]);
    // GitHub Sync's credential (20 days left today) has expired 75 days later.
    expect(await codesOf('GitHub Sync')).toEqual(['CREDENTIAL_EXPIRED', 'PERSONAL_ACCOUNT']);
    const soon = new Date(Date.now() + 14 * DAY);
    await site.reset();
    await sweep();
    const before = (await noticesOf(site, ids.olivia as string)).filter(
      (n) => n.code === 'CREDENTIAL_EXPIRING',
    );
    await direct({ clock: { now: () => soon } });
    const after = (await noticesOf(site, ids.olivia as string)).filter(
      (n) => n.code === 'CREDENTIAL_EXPIRING',
    );
    expect(before).toHaveLength(1);
    expect(after).toHaveLength(1);
    expect(after[0]?.record.id).not.toEqual(before[0]?.record.id); // the 7-day window notifies again
  });

  it('two overlapping runs do the work once', async () => {
    const [a, b] = await Promise.all([sweep(), sweep()]);
    const statuses = [a.status, b.status].sort();
    expect(statuses).toEqual(['complete', 'skipped']);
    const done = [a, b].find((o) => o.status === 'complete');
    expect(done).toMatchObject({ summary: { recordsWritten: 4 } });
  });

  it('finishes correctly under a 429 storm (waits Retry-After, backs off)', async () => {
    site.jira.injectFault({ status: 429, count: 3, retryAfterSeconds: 1, path: /user\/bulk/ });
    const t0 = Date.now();
    const outcome = await sweep();
    expect(Date.now() - t0).toBeGreaterThanOrEqual(3000);
    expect(outcome).toMatchObject({
      status: 'complete',
      summary: { accountsChecked: 4, jiraCalls: 4, unresolvedAccounts: [] },
    });
    expect(await codesOf('Legacy Importer')).toEqual([
      'ACCOUNT_INACTIVE',
      'NO_BACKUP_OWNER',
      'PERSONAL_ACCOUNT',
    ]);
  }, 30_000);

  it('user events redelivered several times notify once', async () => {
    await sweep();
    site.site.setActive(ids.olivia as string, false);
    const event = { eventType: 'avi:jira:updated:user', user: { accountId: ids.olivia } };
    const results = [];
    for (let i = 0; i < 3; i++) results.push(await site.runtime.runProductTrigger(USER_EVENTS, event));
    expect(results.map((r) => (r.result as { written: number }).written)).toEqual([2, 0, 0]);
    const notices = (await noticesOf(site, ADMINS)).filter((n) => n.code === 'OWNER_INACTIVE');
    expect(notices).toHaveLength(2);
    const deleted = await site.runtime.runProductTrigger(USER_EVENTS, { user: { accountId: ids.nora } });
    expect(deleted.result).toMatchObject({ accounts: 0, written: 0 });
  });
});

describe('the sweep at a larger scale', () => {
  /** Tags `n` generated people as integration accounts owned by other generated people. */
  async function tagMany(n: number): Promise<void> {
    const named = new Set(Object.values(ids));
    const people = site.site
      .users()
      .filter(
        (u) =>
          u.accountType === 'atlassian' &&
          u.active &&
          !named.has(u.accountId) &&
          !u.emailAddress?.match(/^(oscar|former|release-bot)/),
      );
    expect(people.length).toBeGreaterThanOrEqual(n + 5);
    const owners = people.slice(n, n + 5);
    for (let i = 0; i < n; i++) {
      const input: TagAccountInput = {
        accountId: people[i]?.accountId ?? '',
        purpose: `Generated integration ${i}`,
        ownerId: owners[i % 5]?.accountId ?? '',
        integrations: [],
      };
      data(await admin<AccountDto>(ADMIN_KEYS.accountsTag, input));
    }
  }

  it('killed halfway (small time limit) it resumes and checks every account exactly once', async () => {
    await tagMany(30);
    // ~8 ids per /user/bulk and 150 ms per Jira call: a run of 1.2 s cannot do them all.
    site.jira.configure({ latencyMs: 150, maxUrlLength: 480 });
    let runs = 0;
    let checked = 0;
    let outcome: SweepOutcome | undefined;
    while (runs < 20) {
      runs++;
      const started = Date.now();
      outcome = await direct({ time: { remainingMs: () => 1200 - (Date.now() - started) } }, 'scheduled');
      if (outcome.status === 'skipped') throw new Error('lease not released');
      checked = outcome.summary.accountsChecked;
      if (outcome.status === 'complete') break;
    }
    expect(runs).toBeGreaterThan(1);
    expect(outcome).toMatchObject({ status: 'complete' });
    expect(checked).toBe(34); // cumulative over the runs: every account once, none twice
    const status = data(await admin<SweepStatus>(OVERSIGHT_KEYS.sweepStatus, {}));
    expect(status.running).toBeUndefined();
    expect(status.openFindings.NO_BACKUP_OWNER).toBe(32);
  }, 60_000);
});
