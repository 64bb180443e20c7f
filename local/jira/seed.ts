/**
 * The demo site of the local Jira simulator (DESIGN.md §4 "The demo seed"). Deterministic: account
 * ids and group ids are derived from stable hashes, so they are the same on every run and machine.
 */
import { DEMO_ACCOUNT_IDS, DEMO_EMAILS, demoAccountId, demoGroupId } from './seed-ids.js';
import { GENERATED, NAMED, generatedEmail, person, serviceAccount } from './seed-people.js';
import type { JiraSeed, SeedGroup, SeedIssue, SeedProject, SeedUser } from './seed-types.js';

/** Every seeded human or integration account authenticates with this API token (DESIGN.md §4). */
export const LOCAL_DEV_TOKEN = 'local-dev-token';

export type * from './seed-types.js';
export * from './seed-ids.js';
export { generatedEmail } from './seed-people.js';

/** The app's own account (`accountType: app`), the principal of `asApp()` requests. */
export const APP_DISPLAY_NAME = 'Integration Accounts for Jira';
export const APP_ACCOUNT_ID = demoAccountId('app:integration-accounts-for-jira');

/** A Forge app's bot user besides this app's own (`accountType: app`, no email, no `appType`). */
export const FORGE_BOT_DISPLAY_NAME = 'Slack Sync';
export const FORGE_BOT_ACCOUNT_ID = demoAccountId('app:slack-sync');

export const GROUP_JIRA_ADMINISTRATORS = 'jira-administrators';
export const GROUP_OFFBOARDING_TEAM = 'offboarding-team';
export const GROUP_JIRA_SOFTWARE_USERS = 'jira-software-users';
/**
 * Jira puts every Connect/Forge app user in `atlassian-addons-admin`, which holds *Administer Jira*;
 * that is why `asApp()` may call admin-only operations such as `/permissions/check` for another user.
 */
export const GROUP_ADDONS_ADMIN = 'atlassian-addons-admin';

export const DEPARTING_PERSON_FIELD_ID = 'customfield_10050';
export const OFFBOARDING_PROJECT = { id: '10000', key: 'OFF', issueTypeId: '10010' } as const;
export const OPERATIONS_PROJECT = { id: '10001', key: 'OPS', issueTypeId: '10002' } as const;
/** Where the integrations leave their traces (the JQL `updatedBy` of the dormancy check sees them). */
export const DELIVERY_PROJECT = { id: '10002', key: 'DEL', issueTypeId: '10002' } as const;

const SEED_TIME = '2026-01-05T09:00:00.000+0000';

/** 09:00 UTC, `days` before today: activity stays recent (or old) whenever the site is reset. */
function daysAgo(days: number): string {
  const d = new Date();
  d.setUTCHours(9, 0, 0, 0);
  return new Date(d.getTime() - days * 86_400_000).toISOString().replace('Z', '+0000');
}

/** Issues the integration accounts created and changed: GitHub Sync lately, Jenkins CI 120 days ago. */
function deliveryIssues(): SeedIssue[] {
  const base = {
    projectId: DELIVERY_PROJECT.id,
    issueTypeId: DELIVERY_PROJECT.issueTypeId,
    description: null,
    assigneeAccountId: null,
    labels: [],
    userFields: {},
  };
  const jenkins = DEMO_ACCOUNT_IDS.jenkinsCi;
  const github = DEMO_ACCOUNT_IDS.githubSync;
  return [
    {
      ...base,
      // Older than OFF-1 (ids below it), so issues created later keep the ids they had.
      id: '9001',
      key: 'DEL-1',
      summary: 'Build 1482 deployed to production',
      reporterAccountId: jenkins,
      statusName: 'Done',
      created: daysAgo(130),
      updated: daysAgo(120),
      changes: [
        { authorAccountId: jenkins, created: daysAgo(130), field: 'created' },
        { authorAccountId: jenkins, created: daysAgo(120), field: 'status' },
      ],
    },
    {
      ...base,
      id: '9002',
      key: 'DEL-2',
      summary: 'Sync pull request #214: retry failed webhooks',
      reporterAccountId: github,
      statusName: 'In Progress',
      created: daysAgo(20),
      updated: daysAgo(2),
      changes: [
        { authorAccountId: github, created: daysAgo(20), field: 'created' },
        { authorAccountId: github, created: daysAgo(2), field: 'status' },
      ],
    },
  ];
}

export function demoSeed(): JiraSeed {
  const people = [
    ...NAMED.map((p) => person(p.name, p.email, p.region, p.active)),
    ...GENERATED.map(([name, region, active]) => person(name, generatedEmail(name), region, active ?? true)),
  ];
  const app: SeedUser = {
    accountId: APP_ACCOUNT_ID,
    accountType: 'app',
    displayName: APP_DISPLAY_NAME,
    active: true,
    timeZone: 'Etc/UTC',
    locale: 'en_US',
  };
  const customer: SeedUser = {
    ...person('Casey Customer', DEMO_EMAILS.customer, 'usc', true),
    accountType: 'customer',
  };
  const forgeBot: SeedUser = {
    accountId: FORGE_BOT_ACCOUNT_ID,
    accountType: 'app',
    displayName: FORGE_BOT_DISPLAY_NAME,
    active: true,
    timeZone: 'Etc/UTC',
    locale: 'en_US',
  };
  const services = [
    serviceAccount('Deploy Pipeline', DEMO_EMAILS.deployPipeline),
    serviceAccount('Reporting Service', DEMO_EMAILS.reportingService),
  ];
  const users = [...people, app, customer, ...services, forgeBot];

  const group = (name: string, members: string[]): SeedGroup => ({
    groupId: demoGroupId(name),
    name,
    members,
  });
  const groups = [
    group(GROUP_JIRA_ADMINISTRATORS, [DEMO_ACCOUNT_IDS.siteAdmin]),
    group(GROUP_OFFBOARDING_TEAM, [DEMO_ACCOUNT_IDS.oscar]),
    group(
      GROUP_JIRA_SOFTWARE_USERS,
      people.filter((u) => u.active).map((u) => u.accountId),
    ),
    group(GROUP_ADDONS_ADMIN, [APP_ACCOUNT_ID, FORGE_BOT_ACCOUNT_ID]),
  ];

  const projects: SeedProject[] = [
    {
      id: OFFBOARDING_PROJECT.id,
      key: OFFBOARDING_PROJECT.key,
      name: 'Offboarding',
      projectTypeKey: 'business',
      leadAccountId: DEMO_ACCOUNT_IDS.oscar,
      issueTypes: [
        {
          id: OFFBOARDING_PROJECT.issueTypeId,
          name: 'Offboarding',
          description: 'A person leaving the company.',
        },
      ],
      customFieldIds: [DEPARTING_PERSON_FIELD_ID],
    },
    {
      id: OPERATIONS_PROJECT.id,
      key: OPERATIONS_PROJECT.key,
      name: 'Operations',
      projectTypeKey: 'software',
      leadAccountId: DEMO_ACCOUNT_IDS.siteAdmin,
      issueTypes: [
        { id: OPERATIONS_PROJECT.issueTypeId, name: 'Task', description: 'A small, distinct piece of work.' },
      ],
      customFieldIds: [],
    },
    {
      id: DELIVERY_PROJECT.id,
      key: DELIVERY_PROJECT.key,
      name: 'Delivery',
      projectTypeKey: 'software',
      leadAccountId: DEMO_ACCOUNT_IDS.olivia,
      issueTypes: [
        { id: DELIVERY_PROJECT.issueTypeId, name: 'Task', description: 'A small, distinct piece of work.' },
      ],
      customFieldIds: [],
    },
  ];

  const issues: SeedIssue[] = [
    {
      id: '10000',
      key: 'OFF-1',
      projectId: OFFBOARDING_PROJECT.id,
      issueTypeId: OFFBOARDING_PROJECT.issueTypeId,
      summary: 'Offboard Olivia Owner',
      description: {
        type: 'doc',
        version: 1,
        content: [
          { type: 'paragraph', content: [{ type: 'text', text: 'Last working day: end of the month.' }] },
        ],
      },
      reporterAccountId: DEMO_ACCOUNT_IDS.oscar,
      assigneeAccountId: DEMO_ACCOUNT_IDS.oscar,
      labels: [],
      userFields: { [DEPARTING_PERSON_FIELD_ID]: DEMO_ACCOUNT_IDS.olivia },
      statusName: 'To Do',
      created: SEED_TIME,
      updated: SEED_TIME,
    },
    ...deliveryIssues(),
  ];

  return {
    siteName: 'Local demo site',
    users,
    groups,
    projects,
    userPickerFields: [{ id: DEPARTING_PERSON_FIELD_ID, name: 'Departing person' }],
    issues,
  };
}
