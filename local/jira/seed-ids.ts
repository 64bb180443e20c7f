/**
 * The demo site's stable identities: account and group ids derived from stable hashes, so they are
 * the same on every run and machine, and the named people's emails.
 */
import { createHash } from 'node:crypto';

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
