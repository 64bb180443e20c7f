import type { AppDeps } from '../app/deps';
import { withAppErrors } from '../infra/app-errors';
import { jiraActivity } from '../infra/jira-activity';
import { jiraCallerPermissions, jiraDirectory } from '../infra/jira-directory';
import { jiraSiteConfig } from '../infra/jira-site-config';
import { jiraStaff } from '../infra/jira-staff';
import { jiraUserStates } from '../infra/jira-user-states';
import { jiraWorkItems } from '../infra/jira-work-items';
import { kvsAccounts } from '../infra/kvs-accounts';
import { kvsAudit } from '../infra/kvs-audit';
import {
  jiraWorkflowReader,
  kvsOrgAuditLog,
  kvsOrgAuditSecret,
  kvsTicketAcks,
  orgAuditUrl,
} from '../infra/kvs-enforcement';
import {
  forgeTime,
  kvsFindings,
  kvsNotices,
  kvsProposals,
  kvsReplayGuard,
  kvsSweepState,
  signingSecret,
} from '../infra/kvs-oversight';
import { kvsWebhookSecret } from '../infra/kvs-secret';
import { kvsSettings } from '../infra/kvs-settings';
import { clientTokenKey } from '../infra/kvs-token-key';
import { kvsWorkItems } from '../infra/kvs-work-items';

/**
 * The composition root: the one place that picks the adapters (Forge KVS, Jira REST) for the app's
 * ports. Every entry point (resolvers, triggers, webtriggers, the validator) uses this object; no other
 * file under src/entry imports src/infra (lint holds it). The adapters reach the app throwing app
 * errors only (`withAppErrors`: Jira 429/5xx and storage throttling become `Unavailable`).
 */
export const appDeps: AppDeps = withAppErrors<AppDeps>({
  // The registry
  accounts: kvsAccounts,
  audit: kvsAudit,
  directory: jiraDirectory,
  settings: kvsSettings,
  secrets: kvsWebhookSecret,
  clock: { now: () => new Date() },
  // Oversight: the sweep, findings, the offboarding check, owners
  staff: jiraStaff,
  userStates: jiraUserStates,
  sweepState: kvsSweepState,
  time: forgeTime,
  sleeper: {
    sleep: (ms) => new Promise((resolve) => setTimeout(resolve, ms)),
    random: () => Math.random(),
  },
  notices: kvsNotices,
  proposals: kvsProposals,
  findingStore: kvsFindings,
  replay: kvsReplayGuard,
  signingSecret,
  activity: jiraActivity,
  workItems: kvsWorkItems,
  tracker: jiraWorkItems,
  // Enforcement: the workflow validator and the org audit-log webhook
  ticketAcks: kvsTicketAcks,
  workflow: jiraWorkflowReader,
  orgAuditSecret: kvsOrgAuditSecret,
  orgAuditLog: kvsOrgAuditLog,
  orgAuditUrl,
  // The caller and the client's tokens
  permissions: jiraCallerPermissions,
  clientTokenKey,
  site: jiraSiteConfig,
});
