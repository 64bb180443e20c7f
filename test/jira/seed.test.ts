import { describe, expect, it } from 'vitest';
import { JiraSite } from '../../local/jira/jira-site';
import {
  APP_ACCOUNT_ID,
  DEMO_ACCOUNT_IDS,
  DEMO_EMAILS,
  DEPARTING_PERSON_FIELD_ID,
  LOCAL_DEV_TOKEN,
  demoAccountId,
  demoSeed,
} from '../../local/jira/seed';

describe('demoSeed', () => {
  it('is deterministic: same data and ids on every call', () => {
    expect(demoSeed()).toEqual(demoSeed());
    expect(DEMO_ACCOUNT_IDS.olivia).toBe(demoAccountId('olivia@example.com'));
    // Pinned so a change to the derivation is noticed (other tests and demos rely on stable ids).
    expect(DEMO_ACCOUNT_IDS.siteAdmin).toBe('da02628a424c38ca69c3b0eb');
    expect(LOCAL_DEV_TOKEN).toBe('local-dev-token');
  });

  it('has the DESIGN.md §4 people with their states', () => {
    const site = new JiraSite();
    const table: [string, string, boolean][] = [
      ['Site Admin', DEMO_EMAILS.siteAdmin, true],
      ['Olivia Owner', DEMO_EMAILS.olivia, true],
      ['Ben Backup', DEMO_EMAILS.ben, true],
      ['Nora Newhire', DEMO_EMAILS.nora, true],
      ['Oscar Offboarding', DEMO_EMAILS.oscar, true],
      ['Jenkins CI', DEMO_EMAILS.jenkinsCi, true],
      ['GitHub Sync', DEMO_EMAILS.githubSync, true],
      ['Release Bot', DEMO_EMAILS.releaseBot, true],
      ['Legacy Importer', DEMO_EMAILS.legacyImporter, false],
      ['Former Employee', DEMO_EMAILS.formerEmployee, false],
    ];
    for (const [name, email, active] of table) {
      const user = site.userByEmail(email);
      expect(user, email).toMatchObject({
        displayName: name,
        emailAddress: email,
        active,
        accountType: 'atlassian',
      });
      expect(user?.accountId).toMatch(/^[0-9a-f]{24}$/);
    }
    expect(site.isAdmin(DEMO_ACCOUNT_IDS.siteAdmin)).toBe(true);
    expect(site.isAdmin(DEMO_ACCOUNT_IDS.olivia)).toBe(false);
    expect(site.isMember(DEMO_ACCOUNT_IDS.oscar, 'offboarding-team')).toBe(true);
  });

  it('has ~50 generated people (a few inactive), the app accounts and one customer account', () => {
    const seed = demoSeed();
    const atlassian = seed.users.filter((u) => u.accountType === 'atlassian');
    expect(atlassian.length).toBeGreaterThanOrEqual(58);
    expect(atlassian.filter((u) => !u.active).length).toBeGreaterThanOrEqual(4);
    expect(new Set(seed.users.map((u) => u.accountId)).size).toBe(seed.users.length);
    // This app's bot and another Forge app's (no email, no appType), and two Atlassian service accounts.
    expect(seed.users.filter((u) => u.accountType === 'app')).toEqual([
      expect.objectContaining({
        accountId: APP_ACCOUNT_ID,
        displayName: 'Integration Accounts for Jira',
        active: true,
      }),
      expect.objectContaining({
        displayName: 'Deploy Pipeline',
        appType: 'service',
        emailAddress: 'deploy-pipeline@serviceaccount.atlassian.com',
      }),
      expect.objectContaining({ displayName: 'Reporting Service', appType: 'service' }),
      expect.objectContaining({ displayName: 'Slack Sync' }),
    ]);
    expect(seed.users.find((u) => u.accountType === 'app')?.emailAddress).toBeUndefined();
    expect(seed.users.find((u) => u.displayName === 'Slack Sync')?.emailAddress).toBeUndefined();
    expect(seed.users.filter((u) => u.accountType === 'customer')).toHaveLength(1);
  });

  it('puts every active atlassian user in jira-software-users, with stable uuid-like group ids', () => {
    const seed = demoSeed();
    const software = seed.groups.find((g) => g.name === 'jira-software-users');
    const activePeople = seed.users
      .filter((u) => u.accountType === 'atlassian' && u.active)
      .map((u) => u.accountId);
    expect(software?.members.sort()).toEqual(activePeople.sort());
    for (const g of seed.groups)
      expect(g.groupId).toMatch(/^[0-9a-f]{8}-[0-9a-f]{4}-4[0-9a-f]{3}-a[0-9a-f]{3}-[0-9a-f]{12}$/);
  });

  it('has the OFF and OPS projects and OFF-1 naming Olivia as departing person', () => {
    const site = new JiraSite();
    expect(site.project('OFF')?.issueTypes[0]).toMatchObject({ id: '10010', name: 'Offboarding' });
    expect(site.project('OPS')?.issueTypes[0]).toMatchObject({ name: 'Task' });
    expect(site.issue('OFF-1')).toMatchObject({
      summary: 'Offboard Olivia Owner',
      userFields: { [DEPARTING_PERSON_FIELD_ID]: DEMO_ACCOUNT_IDS.olivia },
    });
  });
});

describe('JiraSite', () => {
  it('setActive, createIssue and notifications are undone by reset()', () => {
    const site = new JiraSite();
    expect(site.setActive(DEMO_ACCOUNT_IDS.olivia, false)).toBe(true);
    expect(site.setActive('nobody', false)).toBe(false);
    const issue = site.createIssue({ projectId: '10001', issueTypeId: '10002', summary: 'Check Jenkins CI' });
    expect(issue.key).toBe('OPS-1');
    expect(site.createIssue({ projectId: 'OPS', issueTypeId: '10002', summary: 'Again' }).key).toBe('OPS-2');
    expect(site.issue('ops-2')?.summary).toBe('Again');
    site.reset();
    expect(site.user(DEMO_ACCOUNT_IDS.olivia)?.active).toBe(true);
    expect(site.issue('OPS-1')).toBeUndefined();
    expect(site.notifications).toEqual([]);
  });

  it('addUser grows the directory (benchmarks) and rejects duplicates', () => {
    const site = new JiraSite();
    const user = site.addUser({ displayName: 'Bench User 1', emailAddress: 'bench1@example.com' });
    expect(site.userByEmail('BENCH1@example.com')).toBe(user);
    expect(() => site.addUser({ displayName: 'Again', emailAddress: 'bench1@example.com' })).toThrow();
  });
});
