import type { WatchDeps } from '../app/watch-ports';
import { jiraActivity } from '../infra/jira-activity';
import { jiraDirectory } from '../infra/jira-directory';
import { jiraStaff } from '../infra/jira-staff';
import { jiraUserStates } from '../infra/jira-user-states';
import { jiraWorkItems } from '../infra/jira-work-items';
import { kvsAccounts } from '../infra/kvs-accounts';
import { kvsAudit } from '../infra/kvs-audit';
import { kvsWebhookSecret } from '../infra/kvs-secret';
import { kvsSettings } from '../infra/kvs-settings';
import {
  forgeTime,
  kvsFindings,
  kvsNotices,
  kvsProposals,
  kvsReplayGuard,
  kvsSweepState,
  signingSecret,
} from '../infra/kvs-watch';
import { kvsWorkItems } from '../infra/kvs-work-items';

/** The production wiring of the watch use cases (the only place that picks the adapters). */
export const watchDeps: WatchDeps = {
  accounts: kvsAccounts,
  audit: kvsAudit,
  directory: jiraDirectory,
  settings: kvsSettings,
  secrets: kvsWebhookSecret,
  clock: { now: () => new Date() },
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
};
