/**
 * The app's part of the demo seed (DESIGN.md §4): tags the table's integration accounts THROUGH the
 * app's own resolver, as the Site Admin, so what it stores (records, counters, audit trail) is exactly
 * what the app would store. Release Bot and the Atlassian service account Deploy Pipeline stay untagged:
 * candidates. Reporting Service is a tagged service account (Atlassian records no owner; the app does: the Site
 * Admin, with Ben Backup as backup).
 */
import type { Envelope } from '../src/contract/envelope';
import type { TagAccountInput } from '../src/contract/accounts';
import { ADMIN_KEYS, ADMIN_MODULE_KEY } from '../src/contract/resolver-keys';
import { DEMO_ACCOUNT_IDS } from './jira/seed.js';
import type { ForgeRuntime } from './runtime/runtime.js';

const DAY_MS = 86_400_000;
/** A date `days` from today (UTC), so the demo always shows a credential expiring soon. */
const inDays = (days: number) => new Date(Date.now() + days * DAY_MS).toISOString().slice(0, 10);

export const DEMO_REGISTRATIONS: TagAccountInput[] = [
  {
    accountId: DEMO_ACCOUNT_IDS.jenkinsCi,
    purpose: 'Jenkins posts build results and deployment status to Jira issues.',
    ownerId: DEMO_ACCOUNT_IDS.olivia,
    integrations: [
      {
        system: 'Jenkins',
        environment: 'prod',
        credentialKind: 'api-token',
        credentialLabel: 'jenkins-jira-prod',
        credentialExpiresOn: inDays(120),
        lastRotatedOn: inDays(-245),
      },
    ],
    reviewCadenceDays: 90,
  },
  {
    accountId: DEMO_ACCOUNT_IDS.githubSync,
    purpose: 'Keeps GitHub pull requests and Jira work items in sync.',
    ownerId: DEMO_ACCOUNT_IDS.olivia,
    backupOwnerId: DEMO_ACCOUNT_IDS.ben,
    integrations: [
      {
        system: 'GitHub Actions',
        environment: 'prod',
        credentialKind: 'oauth-client',
        credentialLabel: 'github-sync-oauth',
        credentialExpiresOn: inDays(20),
        lastRotatedOn: inDays(-345),
      },
      {
        system: 'GitHub Actions',
        environment: 'staging',
        credentialKind: 'api-token',
        credentialLabel: 'github-sync-staging',
      },
    ],
    reviewCadenceDays: 180,
    notes: 'Rotate the OAuth client in GitHub organisation settings.',
  },
  {
    accountId: DEMO_ACCOUNT_IDS.legacyImporter,
    purpose: 'One-off importer from the old tracker; kept until the archive is verified.',
    ownerId: DEMO_ACCOUNT_IDS.siteAdmin,
    integrations: [
      {
        system: 'Legacy tracker import',
        environment: 'prod',
        credentialKind: 'other',
        credentialLabel: 'importer-basic-auth',
      },
    ],
    reviewCadenceDays: 30,
  },
  {
    accountId: DEMO_ACCOUNT_IDS.reportingService,
    purpose: 'Exports weekly delivery reports from Jira to the data warehouse.',
    ownerId: DEMO_ACCOUNT_IDS.siteAdmin,
    backupOwnerId: DEMO_ACCOUNT_IDS.ben,
    integrations: [
      {
        system: 'Data warehouse export',
        environment: 'prod',
        credentialKind: 'api-token',
        credentialLabel: 'reporting-scoped-token',
        credentialExpiresOn: inDays(200),
        lastRotatedOn: inDays(-165),
      },
    ],
    reviewCadenceDays: 180,
  },
];

export default async function seedApp(runtime: ForgeRuntime): Promise<void> {
  for (const payload of DEMO_REGISTRATIONS) {
    const result = (await runtime.invokeResolver({
      moduleKey: ADMIN_MODULE_KEY,
      functionKey: ADMIN_KEYS.accountsTag,
      payload,
      accountId: DEMO_ACCOUNT_IDS.siteAdmin,
    })) as Envelope<unknown>;
    if (!result.ok)
      throw new Error(`seed-app: tagging ${payload.accountId} failed: ${JSON.stringify(result.error)}`);
  }
}
