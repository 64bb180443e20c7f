/**
 * The demo site of the local Jira simulator (DESIGN.md §4 "The demo seed"). Deterministic: account
 * ids and group ids are derived from stable hashes, so they are the same on every run and machine.
 */
import { createHash } from 'node:crypto';

/** Every seeded human or integration account authenticates with this API token (DESIGN.md §4). */
export const LOCAL_DEV_TOKEN = 'local-dev-token';

/** `User.accountType` values the seed uses (the spec also has `unknown`). */
export type SeedAccountType = 'atlassian' | 'app' | 'customer';

export interface SeedUser {
  accountId: string;
  accountType: SeedAccountType;
  /** `User.appType` of an `app` account: `service` for an Atlassian service account (kinds.ts). */
  appType?: 'service' | 'agent' | 'unknown';
  displayName: string;
  /** Absent for the app account: Jira omits the address when there is none (or privacy hides it). */
  emailAddress?: string;
  active: boolean;
  timeZone: string;
  locale: string;
}

export interface SeedGroup {
  groupId: string;
  name: string;
  /** Account ids; membership survives deactivation, as in Jira. */
  members: string[];
}

export interface SeedIssueType {
  id: string;
  name: string;
  description: string;
}

export interface SeedProject {
  id: string;
  key: string;
  name: string;
  projectTypeKey: 'software' | 'business' | 'service_desk';
  leadAccountId: string;
  issueTypes: SeedIssueType[];
  /** Custom fields on this project's create/edit screens. */
  customFieldIds: string[];
}

/** A single-user-picker custom field (`com.atlassian.jira.plugin.system.customfieldtypes:userpicker`). */
export interface SeedUserPickerField {
  id: string;
  name: string;
}

/** Atlassian Document Format document (only the root is checked; content is kept verbatim). */
export interface AdfDocument {
  type: 'doc';
  version: 1;
  content: unknown[];
}

export interface SeedIssue {
  id: string;
  key: string;
  projectId: string;
  issueTypeId: string;
  summary: string;
  description: AdfDocument | null;
  reporterAccountId: string | null;
  assigneeAccountId: string | null;
  labels: string[];
  /** User-picker custom fields: field id → account id. */
  userFields: Record<string, string | null>;
  statusName: string;
  created: string;
  updated: string;
  /** Who created or changed the issue, and when (`created`, fields, transitions): JQL `updatedBy`. */
  changes?: SeedChange[];
  /** Comments (ADF bodies), oldest first, and watchers (account ids). */
  comments?: SeedComment[];
  watchers?: string[];
}

export interface SeedChange {
  authorAccountId: string;
  created: string;
  field: string;
}

export interface SeedComment {
  id: string;
  authorAccountId: string;
  body: AdfDocument;
  created: string;
}

export interface JiraSeed {
  siteName: string;
  users: SeedUser[];
  groups: SeedGroup[];
  projects: SeedProject[];
  userPickerFields: SeedUserPickerField[];
  issues: SeedIssue[];
}

function sha256Hex(text: string): string {
  return createHash('sha256').update(text).digest('hex');
}

/** The 24-hex account id the seed gives the account with this email (or key, for accounts without one). */
export function demoAccountId(emailOrKey: string): string {
  return sha256Hex(`local-jira:account:${emailOrKey.toLowerCase()}`).slice(0, 24);
}

/** A uuid-shaped, stable group id, like Jira's `groupId` (e.g. 952d12c3-5b5b-4d04-bb32-44d383afc4b2). */
export function demoGroupId(name: string): string {
  const h = sha256Hex(`local-jira:group:${name}`);
  return `${h.slice(0, 8)}-${h.slice(8, 12)}-4${h.slice(13, 16)}-a${h.slice(17, 20)}-${h.slice(20, 32)}`;
}

/** Emails of the named demo people (DESIGN.md §4 table). */
export const DEMO_EMAILS = {
  siteAdmin: 'admin@example.com',
  olivia: 'olivia@example.com',
  ben: 'ben@example.com',
  nora: 'nora@example.com',
  oscar: 'oscar@example.com',
  jenkinsCi: 'jenkins-ci@example.com',
  githubSync: 'github-sync@example.com',
  releaseBot: 'release-bot@example.com',
  legacyImporter: 'legacy-importer@example.com',
  formerEmployee: 'former@example.com',
  customer: 'casey.customer@example.org',
  deployPipeline: 'deploy-pipeline@serviceaccount.atlassian.com',
  reportingService: 'reporting-service@serviceaccount.atlassian.com',
} as const;
export type DemoPerson = keyof typeof DEMO_EMAILS;

/** Account ids of the named demo people, e.g. `DEMO_ACCOUNT_IDS.olivia`. */
export const DEMO_ACCOUNT_IDS = Object.fromEntries(
  Object.entries(DEMO_EMAILS).map(([who, email]) => [who, demoAccountId(email)]),
) as Record<DemoPerson, string>;

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

type Region = keyof typeof REGIONS;
const REGIONS = {
  us: ['America/New_York', 'en_US'],
  usc: ['America/Chicago', 'en_US'],
  usw: ['America/Los_Angeles', 'en_US'],
  uk: ['Europe/London', 'en_GB'],
  ie: ['Europe/Dublin', 'en_GB'],
  de: ['Europe/Berlin', 'de_DE'],
  fr: ['Europe/Paris', 'fr_FR'],
  it: ['Europe/Rome', 'it_IT'],
  es: ['Europe/Madrid', 'es_ES'],
  pt: ['Europe/Lisbon', 'pt_PT'],
  br: ['America/Sao_Paulo', 'pt_BR'],
  mx: ['America/Mexico_City', 'es_MX'],
  jp: ['Asia/Tokyo', 'ja_JP'],
  in: ['Asia/Kolkata', 'en_IN'],
  cn: ['Asia/Shanghai', 'zh_CN'],
  ng: ['Africa/Lagos', 'en_GB'],
  za: ['Africa/Johannesburg', 'en_ZA'],
  gh: ['Africa/Accra', 'en_GB'],
  se: ['Europe/Stockholm', 'sv_SE'],
  dk: ['Europe/Copenhagen', 'da_DK'],
  pl: ['Europe/Warsaw', 'pl_PL'],
  ro: ['Europe/Bucharest', 'ro_RO'],
  ee: ['Europe/Tallinn', 'et_EE'],
  ma: ['Africa/Casablanca', 'fr_FR'],
  ae: ['Asia/Dubai', 'en_US'],
  il: ['Asia/Jerusalem', 'en_US'],
  kr: ['Asia/Seoul', 'ko_KR'],
  vn: ['Asia/Ho_Chi_Minh', 'vi_VN'],
  au: ['Australia/Sydney', 'en_AU'],
  utc: ['Etc/UTC', 'en_US'],
} as const satisfies Record<string, readonly [string, string]>;

/** The named people of DESIGN.md §4, in table order. */
const NAMED: { name: string; email: string; region: Region; active: boolean }[] = [
  { name: 'Site Admin', email: DEMO_EMAILS.siteAdmin, region: 'au', active: true },
  { name: 'Olivia Owner', email: DEMO_EMAILS.olivia, region: 'uk', active: true },
  { name: 'Ben Backup', email: DEMO_EMAILS.ben, region: 'usc', active: true },
  { name: 'Nora Newhire', email: DEMO_EMAILS.nora, region: 'usw', active: true },
  { name: 'Oscar Offboarding', email: DEMO_EMAILS.oscar, region: 'de', active: true },
  // Classic integration users are ordinary `atlassian` accounts named after the tool.
  { name: 'Jenkins CI', email: DEMO_EMAILS.jenkinsCi, region: 'utc', active: true },
  { name: 'GitHub Sync', email: DEMO_EMAILS.githubSync, region: 'utc', active: true },
  { name: 'Release Bot', email: DEMO_EMAILS.releaseBot, region: 'utc', active: true },
  { name: 'Legacy Importer', email: DEMO_EMAILS.legacyImporter, region: 'utc', active: false },
  { name: 'Former Employee', email: DEMO_EMAILS.formerEmployee, region: 'us', active: false },
];

/** About fifty generated colleagues; `false` marks the few who left (inactive). */
const GENERATED: [name: string, region: Region, active?: false][] = [
  ['Amara Okafor', 'ng'],
  ['Liam Murphy', 'ie'],
  ['Sofia Rossi', 'it'],
  ['Hiroshi Tanaka', 'jp'],
  ['Priya Raman', 'in'],
  ['Mateo García', 'es'],
  ['Chloé Dubois', 'fr'],
  ['Noah Fischer', 'de', false],
  ['Aisha Rahman', 'ae'],
  ['Lucas Silva', 'br'],
  ['Ingrid Johansson', 'se'],
  ['Kwame Mensah', 'gh'],
  ['Mei Lin Chen', 'cn'],
  ['Oliver Smith', 'uk'],
  ['Fatima Zahra El Amrani', 'ma'],
  ['Jakub Nowak', 'pl'],
  ['Elena Petrova', 'ee'],
  ['Ethan Walker', 'us'],
  ['Yuki Sato', 'jp'],
  ['Zanele Dlamini', 'za', false],
  ['Diego Hernández', 'mx'],
  ['Hannah Becker', 'de'],
  ['Arjun Mehta', 'in'],
  ["Siobhan O'Brien", 'ie'],
  ['Tomás Ferreira', 'pt'],
  ['Leila Haddad', 'fr'],
  ['Grace Kim', 'kr'],
  ['Mikkel Nielsen', 'dk'],
  ['Camille Laurent', 'fr'],
  ['Samuel Adeyemi', 'ng'],
  ['Anya Kowalczyk', 'pl'],
  ['Rafael Costa', 'br'],
  ['Nadia Haidari', 'ae'],
  ['Benjamin Cohen', 'il', false],
  ['Isabella Martínez', 'mx'],
  ['Wei Zhang', 'cn'],
  ['Olga Ivanova', 'ee'],
  ['Daniel Nguyen', 'vn'],
  ['Freya Andersen', 'dk'],
  ['Omar Farouk', 'ae'],
  ['Lucía Romero', 'es'],
  ["James O'Connor", 'usw'],
  ['Keiko Yamamoto', 'jp'],
  ['Marco Bianchi', 'it'],
  ['Sara Lindqvist', 'se'],
  ['Tunde Bakare', 'ng', false],
  ['Emily Clarke', 'uk'],
  ['Ravi Shankar', 'in'],
  ['Ana Popescu', 'ro'],
  ['Jonas Weber', 'de'],
];

/** "Siobhan O'Brien" → "siobhan.obrien@example.com". */
export function generatedEmail(displayName: string): string {
  const local = displayName
    .normalize('NFD')
    .replace(/[\u0300-\u036f']/g, '')
    .toLowerCase()
    .split(/\s+/)
    .join('.');
  return `${local}@example.com`;
}

function person(name: string, email: string, region: Region, active: boolean): SeedUser {
  const [timeZone, locale] = REGIONS[region];
  return {
    accountId: demoAccountId(email),
    accountType: 'atlassian',
    displayName: name,
    emailAddress: email,
    active,
    timeZone,
    locale,
  };
}

const SEED_TIME = '2026-01-05T09:00:00.000+0000';

/** 09:00 UTC, `days` before today: activity stays recent (or old) whenever the site is reset. */
function daysAgo(days: number): string {
  const d = new Date();
  d.setUTCHours(9, 0, 0, 0);
  return new Date(d.getTime() - days * 86_400_000).toISOString().replace('Z', '+0000');
}

/** Atlassian service accounts: `app` accounts with `appType: service` and a generated email. */
function serviceAccount(name: string, email: string): SeedUser {
  return {
    accountId: demoAccountId(email),
    accountType: 'app',
    appType: 'service',
    displayName: name,
    emailAddress: email,
    active: true,
    timeZone: 'Etc/UTC',
    locale: 'en_US',
  };
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
