/**
 * Issue 10's "done when", through the local platform: after a reset and one sweep, the candidates list
 * Deploy Pipeline first as an Atlassian service account and no app bot; Jenkins CI carries
 * PERSONAL_ACCOUNT and DORMANT; with owners' work items on, Olivia has one per such finding and a
 * second sweep creates none.
 */
import { afterAll, beforeAll, beforeEach, describe, expect, it } from 'vitest';
import type { AccountDto, AccountsPage } from '../../src/contract/accounts';
import type { AuditPage } from '../../src/contract/audit';
import type { CandidatesPage } from '../../src/contract/candidates';
import type { FindingsPage, SweepStatus } from '../../src/contract/offboarding';
import type { SettingsView } from '../../src/contract/settings';
import { ADMIN_KEYS, SWEEP_MODULE_KEY, OVERSIGHT_KEYS } from '../../src/contract/resolver-keys';
import type { SweepOutcome } from '../../src/app/sweep';
import { APP_ACCOUNT_ID, DEMO_ACCOUNT_IDS, FORGE_BOT_ACCOUNT_ID } from '../../local/jira/seed';
import type { LocalSite } from '../../local/host/site.js';
import { type Call, as, data, startSite } from './harness';

let site: LocalSite;
let admin: Call;

beforeAll(async () => {
  site = await startSite();
  admin = as(site, 'admin@example.com');
});
afterAll(() => site.close());
beforeEach(async () => {
  await site.reset();
});

const sweep = async () => {
  const run = await site.runtime.runScheduledTrigger(SWEEP_MODULE_KEY);
  expect(run.ok, run.error).toBe(true);
  return JSON.parse((run.result as { body: string }).body) as SweepOutcome;
};
const findingsOf = async (name: string) =>
  data(await admin<FindingsPage>(OVERSIGHT_KEYS.findingsList, {}))
    .findings.filter((f) => f.accountName === name)
    .map((f) => f.code)
    .sort();
const workItemsOf = (accountId: string) =>
  site.site
    .allIssues()
    .filter((i) => i.assigneeAccountId === accountId && i.labels.includes('integration-accounts'));

async function turnOnWorkItems(): Promise<void> {
  const view = data(await admin<SettingsView>(ADMIN_KEYS.settingsGet, {}));
  data(
    await admin<SettingsView>(ADMIN_KEYS.settingsUpdate, {
      ...view.settings,
      noticeChannels: ['in-app-flag', 'jira-work-item'],
      workItemProjectKey: 'OPS',
      workItemTypeName: 'Task',
      version: view.version,
    }),
  );
}

describe('kinds of integration account', () => {
  it('candidates: Deploy Pipeline first as an Atlassian service account; no app bot, this app’s included', async () => {
    await sweep();
    const page = data(await admin<CandidatesPage>(ADMIN_KEYS.candidatesList, {}));
    expect(page.candidates[0]).toMatchObject({
      displayName: 'Deploy Pipeline',
      kind: 'service-account',
      reasons: ['service-account'],
    });
    expect(page.candidates.map((c) => c.displayName)).toContain('Release Bot');
    const ids = page.candidates.map((c) => c.accountId);
    expect(ids).not.toContain(APP_ACCOUNT_ID);
    expect(ids).not.toContain(FORGE_BOT_ACCOUNT_ID); // "Slack Sync" matches the `sync` pattern, yet is a bot
    expect(page.candidates.every((c) => c.kind !== 'app-bot')).toBe(true);
  });

  it('every registry entry has a kind', async () => {
    const page = data(await admin<AccountsPage>(ADMIN_KEYS.accountsList, {}));
    expect(Object.fromEntries(page.rows.map((r) => [r.displayName, r.kind]))).toEqual({
      'GitHub Sync': 'personal',
      'Jenkins CI': 'personal',
      'Legacy Importer': 'personal',
      'Reporting Service': 'service-account',
    });
  });

  it('after one sweep Jenkins CI carries PERSONAL_ACCOUNT and DORMANT; GitHub Sync is not dormant', async () => {
    await sweep();
    expect(await findingsOf('Jenkins CI')).toEqual(expect.arrayContaining(['PERSONAL_ACCOUNT', 'DORMANT']));
    expect(await findingsOf('GitHub Sync')).not.toContain('DORMANT');
    const status = data(await admin<SweepStatus>(OVERSIGHT_KEYS.sweepStatus, {}));
    expect(status.last?.dormancyQueries).toBe(3);
  });

  it('owners get one Jira work item per finding, assigned, backup watching; a second sweep creates none', async () => {
    await turnOnWorkItems();
    const first = await sweep();
    const olivia = workItemsOf(DEMO_ACCOUNT_IDS.olivia);
    // Jenkins CI: NO_BACKUP_OWNER, PERSONAL_ACCOUNT, DORMANT; GitHub Sync: CREDENTIAL_EXPIRING, PERSONAL_ACCOUNT.
    expect(olivia.map((i) => i.summary).sort()).toEqual([
      'Integration account GitHub Sync: credential expires soon',
      'Integration account GitHub Sync: move to an Atlassian service account',
      'Integration account Jenkins CI: made no changes in Jira lately',
      'Integration account Jenkins CI: move to an Atlassian service account',
      'Integration account Jenkins CI: needs a backup owner',
    ]);
    expect(olivia.every((i) => i.reporterAccountId === APP_ACCOUNT_ID && i.statusName === 'To Do')).toBe(
      true,
    );
    const githubItems = olivia.filter((i) => i.summary.includes('GitHub Sync'));
    expect(githubItems.every((i) => i.watchers?.includes(DEMO_ACCOUNT_IDS.ben))).toBe(true);
    // + the Site Admin's 4: Legacy Importer's 3 (deactivated: still their work), Reporting Service's DORMANT.
    expect(first).toMatchObject({ summary: { workItems: { created: 9, failed: 0 } } });

    const count = site.site.allIssues().length;
    const second = await sweep();
    expect(site.site.allIssues()).toHaveLength(count);
    expect(second).toMatchObject({ summary: { workItems: { created: 0, commented: 0, resolved: 0 } } });

    // A finding resolves (Jenkins CI gets a backup owner): its work item gets a comment and moves to done.
    const jenkins = data(await admin<AccountsPage>(ADMIN_KEYS.accountsList, {})).rows.find(
      (r) => r.displayName === 'Jenkins CI',
    );
    const detail = data(
      await admin<{ account: Record<string, unknown> }>(ADMIN_KEYS.accountsGet, {
        accountId: jenkins?.accountId,
      }),
    ).account;
    data(
      await admin(ADMIN_KEYS.accountsUpdate, {
        accountId: detail.accountId,
        version: detail.version,
        purpose: detail.purpose,
        ownerId: detail.ownerId,
        backupOwnerId: DEMO_ACCOUNT_IDS.ben,
        integrations: detail.integrations,
        reviewCadenceDays: detail.reviewCadenceDays,
      }),
    );
    const third = await sweep();
    expect(third).toMatchObject({ summary: { workItems: { created: 0, resolved: 1 } } });
    const backupItem = workItemsOf(DEMO_ACCOUNT_IDS.olivia).find((i) =>
      i.summary.endsWith('needs a backup owner'),
    );
    expect(backupItem?.statusName).toBe('Done');
    expect(backupItem?.comments?.length).toBe(1);
  });

  it('refuses the work-item channel without a project, in people’s words', async () => {
    const view = data(await admin<SettingsView>(ADMIN_KEYS.settingsGet, {}));
    const r = await admin(ADMIN_KEYS.settingsUpdate, {
      ...view.settings,
      noticeChannels: ['jira-work-item'],
      workItemProjectKey: '',
      version: view.version,
    });
    expect(r.ok).toBe(false);
    const error = (r as { error: { code: string; details: { fields: Record<string, string> } } }).error;
    expect(error.code).toBe('BAD_REQUEST');
    expect(error.details.fields.workItemProjectKey).toMatch(/project/);
  });

  it('migration: mark the replacing service account, move the integrations, retire — each step audited', async () => {
    const jenkins = DEMO_ACCOUNT_IDS.jenkinsCi;
    const deploy = DEMO_ACCOUNT_IDS.deployPipeline;
    const get = async (id: string) =>
      data(await admin<{ account: AccountDto }>(ADMIN_KEYS.accountsGet, { accountId: id })).account;
    let a = await get(jenkins);
    const refused = await admin(ADMIN_KEYS.migrationMark, {
      accountId: jenkins,
      version: a.version,
      replacementId: DEMO_ACCOUNT_IDS.releaseBot,
    });
    expect(refused).toMatchObject({ ok: false, error: { code: 'BAD_REQUEST' } });
    expect(JSON.stringify(refused)).toMatch(/not an Atlassian service account/);
    a = data(
      await admin<AccountDto>(ADMIN_KEYS.migrationMark, {
        accountId: jenkins,
        version: a.version,
        replacementId: deploy,
      }),
    );
    expect(a.migration).toMatchObject({ replacementId: deploy, replacementName: 'Deploy Pipeline' });
    a = data(await admin<AccountDto>(ADMIN_KEYS.migrationMove, { accountId: jenkins, version: a.version }));
    expect(a.integrations).toEqual([]);
    expect(a.migration?.movedAt).toBeTruthy();
    const replacement = await get(deploy);
    expect(replacement).toMatchObject({ kind: 'service-account', ownerId: DEMO_ACCOUNT_IDS.olivia });
    expect(replacement.integrations.map((i) => i.credentialLabel)).toEqual(['jenkins-jira-prod']);
    data(
      await admin(ADMIN_KEYS.accountsRetire, {
        accountId: jenkins,
        version: a.version,
        reason: 'Replaced by Deploy Pipeline',
      }),
    );
    const audit = data(await admin<AuditPage>(ADMIN_KEYS.auditList, { targetId: jenkins }));
    expect(audit.records.map((r) => r.action).slice(0, 3)).toEqual([
      'account.retire',
      'account.migration.move',
      'account.migration.mark',
    ]);
  });
});
